"""The run clock: start, pause, next and end, and the phase and time left at any moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.events import timer
from mutuals.events.timer import RunError, RunState, moment

T0 = datetime(2026, 12, 10, 18, 30, tzinfo=UTC)


def planned(rounds: int = 3, minutes: int = 7, break_minutes: int = 1) -> RunState:
    return RunState(status="planned", rounds=rounds, minutes=minutes, break_minutes=break_minutes)


def test_before_the_start_the_evening_is_waiting() -> None:
    at = moment(planned(), T0)
    assert (at.phase, at.round, at.left) == ("waiting", 0, 0.0)


def test_a_round_counts_down_then_its_break_then_waits_for_the_organiser() -> None:
    running = timer.start(planned(), T0)
    assert moment(running, T0).as_dict()["left"] == 420.0
    at = moment(running, T0 + timedelta(minutes=5))
    assert (at.phase, at.round, at.left) == ("round", 1, 120.0)
    at = moment(running, T0 + timedelta(minutes=7, seconds=20))
    assert (at.phase, at.left, at.round_left, at.break_left) == ("break", 40.0, 0.0, 40.0)
    assert moment(running, T0 + timedelta(minutes=9)).phase == "over"


def test_pause_keeps_the_time_left_and_start_carries_on() -> None:
    running = timer.start(planned(), T0)
    paused = timer.pause(running, T0 + timedelta(minutes=2))
    much_later = T0 + timedelta(hours=1)
    assert moment(paused, much_later).left == 300.0
    resumed = timer.start(paused, much_later)
    assert moment(resumed, much_later + timedelta(minutes=1)).left == 240.0


def test_a_restart_resumes_mid_round_from_the_stored_state() -> None:
    running = timer.start(planned(), T0)
    # Only the stored fields survive a restart: rebuild the state from them.
    stored = RunState(
        status=running.status,
        rounds=3,
        minutes=7,
        break_minutes=1,
        current_round=running.current_round,
        phase_started_at=running.phase_started_at,
        elapsed_before=running.elapsed_before,
    )
    assert moment(stored, T0 + timedelta(minutes=3)).left == 240.0


def test_next_round_starts_a_fresh_countdown_and_the_last_round_has_no_break() -> None:
    state = timer.start(planned(rounds=2), T0)
    state = timer.next_round(state, T0 + timedelta(minutes=3))
    at = moment(state, T0 + timedelta(minutes=3))
    assert (at.round, at.left, at.break_left) == (2, 420.0, 420.0)
    assert moment(state, T0 + timedelta(minutes=10, seconds=30)).phase == "over"
    with pytest.raises(RunError, match="last one"):
        timer.next_round(state, T0 + timedelta(minutes=11))
    ended = timer.end(state, T0 + timedelta(minutes=11))
    assert moment(ended, T0 + timedelta(days=1)).phase == "ended"


@pytest.mark.parametrize(
    ("status", "step", "message"),
    [
        ("draft", timer.start, "plan the event"),
        ("planned", timer.pause, "only a running"),
        ("planned", timer.next_round, "start the event"),
        ("ended", timer.start, "has ended"),
        ("ended", timer.end, "already ended"),
    ],
)
def test_steps_that_do_not_fit_are_refused(status: str, step: object, message: str) -> None:
    state = RunState(status=status, rounds=3, minutes=7, break_minutes=1)  # type: ignore[arg-type]
    with pytest.raises(RunError, match=message):
        step(state, T0)  # type: ignore[operator]


@given(
    pauses=st.lists(st.integers(min_value=1, max_value=200), max_size=6),
    minutes=st.integers(min_value=1, max_value=20),
)
def test_time_left_only_falls_while_running_and_never_while_paused(
    pauses: list[int], minutes: int
) -> None:
    state = timer.start(planned(minutes=minutes, break_minutes=0), T0)
    now = T0
    left = moment(state, now).left
    for seconds in pauses:
        now += timedelta(seconds=seconds)
        running_left = moment(state, now).left
        assert running_left == max(0.0, left - seconds)
        state = timer.pause(state, now)
        now += timedelta(seconds=seconds * 7)
        assert moment(state, now).left == running_left
        state = timer.start(state, now)
        left = running_left
