"""An event's run clock as plain data: start, pause, next round and end, and where the evening is
at a given moment (round or break, and how long is left).

Nothing here reads the time: every operation takes ``now``. The state holds only what survives a
restart (the moment the running part of the round began, and how much of the round ran before
a pause), so a server that comes back mid-round shows the same countdown.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Final, Literal

Status = Literal["draft", "planned", "running", "paused", "ended"]
Phase = Literal["waiting", "round", "break", "over", "ended"]
STATUSES: Final[tuple[Status, ...]] = ("draft", "planned", "running", "paused", "ended")


class RunError(ValueError):
    """The operation does not fit where the event is (say, "next" before "start")."""


@dataclass(frozen=True, slots=True)
class RunState:
    """What is stored of a running event.

    ``current_round`` is 0 before the start, then 1..``rounds``. While running, the round has
    run ``elapsed_before`` seconds plus the time since ``phase_started_at``; while paused, just
    ``elapsed_before``.
    """

    status: Status
    rounds: int
    minutes: int
    break_minutes: int
    current_round: int = 0
    phase_started_at: datetime | None = None
    elapsed_before: float = 0.0

    @property
    def round_seconds(self) -> float:
        return self.minutes * 60.0

    @property
    def break_seconds(self) -> float:
        return self.break_minutes * 60.0 if self.current_round < self.rounds else 0.0

    def elapsed(self, now: datetime) -> float:
        """Seconds of the current round (and its break) that have run at ``now``."""
        running = 0.0
        if self.status == "running" and self.phase_started_at is not None:
            running = max(0.0, (now - self.phase_started_at).total_seconds())
        return self.elapsed_before + running


@dataclass(frozen=True, slots=True)
class Moment:
    """Where the evening is: the phase, and the seconds left in it.

    ``round_left`` counts down the round (0 once it is over); ``break_left`` counts down to the
    end of the break that follows it (so it includes what is left of the round). A page that
    receives a moment can count both down by itself until the next change.
    """

    status: Status
    round: int
    rounds: int
    phase: Phase
    left: float
    round_left: float
    break_left: float

    @property
    def running(self) -> bool:
        return self.status == "running"

    def as_dict(self) -> dict[str, object]:
        return {
            "status": self.status,
            "round": self.round,
            "rounds": self.rounds,
            "phase": self.phase,
            "left": round(self.left, 1),
            "round_left": round(self.round_left, 1),
            "break_left": round(self.break_left, 1),
            "running": self.running,
        }


def moment(state: RunState, now: datetime) -> Moment:
    """The phase of the evening at ``now`` and the time left in it."""
    if state.status in ("draft", "planned"):
        return Moment(state.status, 0, state.rounds, "waiting", 0.0, 0.0, 0.0)
    if state.status == "ended":
        return Moment("ended", state.current_round, state.rounds, "ended", 0.0, 0.0, 0.0)
    elapsed = state.elapsed(now)
    round_left = max(0.0, state.round_seconds - elapsed)
    break_left = max(0.0, state.round_seconds + state.break_seconds - elapsed)
    if round_left > 0:
        phase: Phase = "round"
        left = round_left
    elif break_left > 0:
        phase, left = "break", break_left
    else:
        phase, left = "over", 0.0
    return Moment(
        state.status, state.current_round, state.rounds, phase, left, round_left, break_left
    )


def start(state: RunState, now: datetime) -> RunState:
    """Start round 1, or carry on after a pause."""
    if state.status == "draft":
        raise RunError("plan the event before starting it")
    if state.status == "ended":
        raise RunError("the event has ended")
    if state.status == "running":
        raise RunError(f"round {state.current_round} is already running")
    if state.status == "paused":
        return replace(state, status="running", phase_started_at=now)
    return replace(
        state, status="running", current_round=1, phase_started_at=now, elapsed_before=0.0
    )


def pause(state: RunState, now: datetime) -> RunState:
    """Stop the countdown where it is."""
    if state.status != "running":
        raise RunError("only a running event can be paused")
    return replace(state, status="paused", elapsed_before=state.elapsed(now), phase_started_at=None)


def next_round(state: RunState, now: datetime) -> RunState:
    """Begin the next round now, whatever is left of this one or its break."""
    if state.status not in ("running", "paused"):
        raise RunError("start the event first")
    if state.current_round >= state.rounds:
        raise RunError(f"round {state.current_round} is the last one; end the event instead")
    return replace(
        state,
        status="running",
        current_round=state.current_round + 1,
        phase_started_at=now,
        elapsed_before=0.0,
    )


def end(state: RunState, now: datetime) -> RunState:
    """Close the evening: the follow-up picks stay open."""
    if state.status == "ended":
        raise RunError("the event has already ended")
    return replace(state, status="ended", elapsed_before=state.elapsed(now), phase_started_at=None)


def rounds_held(state: RunState) -> int:
    """How many rounds have begun (the one running now included): they stay as they were."""
    return state.current_round
