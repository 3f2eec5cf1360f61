"""Planning an event's rotation from whoever is checked in, and re-planning the rounds still to
come when someone arrives late, does not show or leaves.

The rotation engine (``mutuals.events``) does the work: weighted by mutual interest, keeping
people of one company apart, and never seating a pair twice. Planning reads the attendees in one
transaction, computes outside it, and writes the plan only if the event did not change meanwhile
(a later change re-plans with everything it knows).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from mutuals.domain.profile import Profile
from mutuals.domain.schedule import Schedule
from mutuals.services.attendees import attendee_dict, find_attendee
from mutuals.services.context import Workspace
from mutuals.services.events import find_event, touch
from mutuals.store import events as store
from mutuals.store.event_models import Event, EventAttendee

Weights = Literal["mutual", "none"]
WEIGHTS: Final[tuple[str, ...]] = ("mutual", "none")
# Beyond this many people a dense weight matrix is wasteful: keep each person's best partners.
DENSE_LIMIT: Final = 2000
TOP_PARTNERS: Final = 60


class PlanConflict(ValueError):
    """The event changed while its plan was being computed."""


@dataclass(frozen=True)
class _Inputs:
    version: int
    table_size: int
    rounds: int
    weights: str
    people: list[int]
    profiles: list[Profile]
    companies: dict[int, str]
    hosts: list[int]
    held: list[list[list[int]]]
    held_byes: list[list[int]]
    planned: list[list[list[int]]]


def _profile(a: EventAttendee) -> Profile:
    return Profile(
        name=a.name,
        id=str(a.id),
        headline=a.headline or " at ".join(p for p in (a.position, a.company) if p),
        interests=a.interests,
        offers=a.offers,
        needs=a.needs,
        goals=a.goals,
    )


def _inputs(session: Session, event: Event, *, fresh: bool) -> _Inputs:
    present = [
        a for a in store.attendees_of(session, event_id=event.id) if a.status == "checked_in"
    ]
    plan = event.plan or {"rounds": [], "byes": []}
    held_count = 0 if fresh else event.current_round
    rounds: list[list[list[int]]] = [] if fresh else plan["rounds"]
    byes: list[list[int]] = [] if fresh else plan.get("byes") or [[] for _ in rounds]
    return _Inputs(
        version=event.version,
        table_size=event.table_size,
        rounds=event.rounds if fresh else len(rounds),
        weights=event.weights,
        people=[a.id for a in present],
        profiles=[_profile(a) for a in present],
        companies={a.id: a.company.strip().casefold() for a in present if a.company.strip()},
        hosts=[a.id for a in present if a.is_host],
        held=rounds[:held_count],
        held_byes=byes[:held_count],
        planned=rounds[held_count:],
    )


def _weights(ws: Workspace, profiles: list[Profile]) -> Any:
    from mutuals.prospecting import get_backend, pair_weights
    from mutuals.store.embeddings import DatabaseEmbeddingCache

    model = get_backend(ws.settings.similarity_backend)
    top_k = None if len(profiles) <= DENSE_LIMIT else TOP_PARTNERS
    return pair_weights(profiles, backend=model, top_k=top_k, cache=DatabaseEmbeddingCache(ws.db))


def _compute(
    ws: Workspace, inputs: _Inputs, *, seed: int, budget_seconds: float | None = None
) -> Schedule:
    from mutuals.events import plan_rotation, replan

    if len(inputs.people) < 2:
        raise ValueError("check in at least two attendees first (mutuals event checkin)")
    weights = _weights(ws, inputs.profiles) if inputs.weights == "mutual" else None
    options: dict[str, Any] = {
        "table_size": inputs.table_size,
        "weights": weights,
        "hosts": inputs.hosts,
        "separate_by": inputs.companies,
        "seed": seed,
        "budget_seconds": budget_seconds,
    }
    remaining = inputs.rounds - len(inputs.held)
    if not inputs.held and not inputs.planned:
        return plan_rotation(inputs.people, rounds=inputs.rounds, **options)
    return replan(
        inputs.people,
        rounds=remaining,
        held=inputs.held,
        planned=inputs.planned,
        held_byes=inputs.held_byes,
        **options,
    )


def _reasons(
    ws: Workspace, inputs: _Inputs, schedule: Schedule, known: set[tuple[Hashable, Hashable]]
) -> dict[tuple[int, int], str]:
    from mutuals.prospecting.pair_reasons import explain_pairs
    from mutuals.store.embeddings import DatabaseEmbeddingCache

    index: dict[Hashable, int] = {p: i for i, p in enumerate(inputs.people)}
    wanted: set[tuple[int, int]] = set()
    for tables in schedule.rounds:
        for table in tables:
            for a in table:
                for b in table:
                    if a != b and (a, b) not in known:
                        wanted.add((index[a], index[b]))
    explained = explain_pairs(
        inputs.profiles,
        sorted(wanted),
        backend=ws.settings.similarity_backend,
        cache=DatabaseEmbeddingCache(ws.db),
    )
    return {(inputs.people[i], inputs.people[j]): why for (i, j), why in explained.items()}


def _write(
    ws: Workspace, event_id: int, inputs: _Inputs, schedule: Schedule, *, fresh: bool
) -> None:
    known: set[tuple[Hashable, Hashable]] = set() if fresh else set(_known_reasons(ws, event_id))
    reasons = _reasons(ws, inputs, schedule, known)
    with ws.db.transaction() as session:
        event = session.scalars(select(Event).where(Event.id == event_id).with_for_update()).one()
        if event.version != inputs.version:
            raise PlanConflict("the event changed while it was being planned; plan it again")
        new = schedule.to_dict()
        event.plan = {
            "rounds": inputs.held + new["rounds"],
            "byes": inputs.held_byes + new["byes"],
        }
        event.plan_stats = new["stats"]
        if event.status == "draft":
            event.status = "planned"
        if fresh:
            store.clear_reasons(session, event_id=event.id)
        store.add_reasons(session, event_id=event.id, reasons=reasons)
        touch(session, event, layout=True)


def _known_reasons(ws: Workspace, event_id: int) -> set[tuple[int, int]]:
    with ws.db.transaction() as session:
        return set(store.reasons_for(session, event_id=event_id))


def plan_event(
    ws: Workspace,
    ref: str | int,
    *,
    weights: Weights = "mutual",
    hosts: Sequence[str] = (),
    seed: int = 0,
    budget_seconds: float | None = None,
) -> dict[str, Any]:
    """Plan every round for the attendees checked in, before the event starts.

    ``weights="mutual"`` meets the pairs with the most mutual interest first; ``hosts`` (names)
    stay at one table all evening. With ``budget_seconds`` the planner stops improving after
    about that long and keeps the best plan so far (every round is still seated, with no
    repeat it could avoid). Returns the plan as ``plan_json`` prints it.
    """
    if weights not in WEIGHTS:
        raise ValueError(f"--weights must be one of {', '.join(WEIGHTS)}")
    if budget_seconds is not None and not budget_seconds >= 0:
        raise ValueError("--budget must be a number of seconds, 0 or more")
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        if event.status in ("running", "paused", "ended"):
            raise ValueError(
                "the event has started: late arrivals and leavers re-plan the rounds to come "
                "(mutuals event late / leave)"
            )
        chosen = {find_attendee(session, event, h).id for h in hosts}
        for a in store.attendees_of(session, event_id=event.id):
            a.is_host = a.id in chosen
        event.weights = weights
        touch(session, event, layout=True)
        inputs = _inputs(session, event, fresh=True)
        event_id = event.id
    schedule = _compute(ws, inputs, seed=seed, budget_seconds=budget_seconds)
    _write(ws, event_id, inputs, schedule, fresh=True)
    return plan_json(ws, event_id)


def replan_rest(ws: Workspace, event_id: int, *, seed: int = 0) -> bool:
    """Re-plan the rounds still to come for whoever is here now; the rounds held stay.

    Returns False when there is nothing to re-plan (no plan yet, or no round left).
    """
    with ws.db.transaction() as session:
        event = session.get_one(Event, event_id)
        if event.plan is None or event.status == "ended":
            return False
        if event.current_round >= len(event.plan["rounds"]):
            return False
        inputs = _inputs(session, event, fresh=False)
    try:
        schedule = _compute(ws, inputs, seed=seed)
    except ValueError:
        # Fewer than two people are left: the rounds to come have nobody to seat.
        from mutuals.domain.schedule import ScheduleStats

        empty = ScheduleStats(repeats=0, max_meetings=0, new_met_min=0, new_met_mean=0.0)
        schedule = Schedule(rounds=tuple(() for _ in inputs.planned), stats=empty)
    try:
        _write(ws, event_id, inputs, schedule, fresh=False)
    except PlanConflict:
        return False  # a later change re-plans with everything it knows
    return True


def _mark(
    ws: Workspace, ref: str | int, names: Sequence[str], status: str
) -> tuple[int, list[dict[str, Any]]]:
    now = ws.clock.now()
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        if event.status == "ended":
            raise ValueError("the event has ended")
        marked = []
        for name in names:
            a = find_attendee(session, event, name)
            if status == "checked_in":
                if a.status != "checked_in":
                    a.checked_in_at = now
                    if event.current_round > 0:
                        a.arrived_after = event.current_round
            elif status == "left":
                if a.status != "checked_in":
                    raise ValueError(f"{a.name} is not checked in, so cannot leave")
                a.left_after = event.current_round
            a.status = status
            marked.append(attendee_dict(a))
        touch(session, event, layout=True)
        return event.id, marked


def check_in(ws: Workspace, ref: str | int, names: Sequence[str]) -> list[dict[str, Any]]:
    """Check attendees in. After the plan (or the start) they are latecomers: the rounds to come
    are re-planned to seat them, from the next round."""
    event_id, marked = _mark(ws, ref, names, "checked_in")
    replan_rest(ws, event_id)
    return marked


def leave(ws: Workspace, ref: str | int, name: str) -> dict[str, Any]:
    """Someone leaves: the rounds to come are re-planned without them."""
    event_id, marked = _mark(ws, ref, [name], "left")
    replan_rest(ws, event_id)
    return marked[0]


def no_show(ws: Workspace, ref: str | int, name: str) -> dict[str, Any]:
    """Someone checked in (or expected) is not there after all: re-plan without them."""
    event_id, marked = _mark(ws, ref, [name], "no_show")
    replan_rest(ws, event_id)
    return marked[0]


def labels(attendees: Sequence[EventAttendee]) -> dict[int, str]:
    """Display names, with the email added where two attendees share a name."""
    counts = Counter(a.name for a in attendees)
    return {a.id: a.name if counts[a.name] == 1 else f"{a.name} <{a.email}>" for a in attendees}


def plan_json(ws: Workspace, ref: str | int) -> dict[str, Any]:
    """``{"rounds": [[[names at table 1], ...], ...], "byes": ..., "stats": ..., ...}``."""
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        if event.plan is None:
            raise ValueError(f"'{event.name}' has no plan yet (mutuals event plan)")
        names = labels(store.attendees_of(session, event_id=event.id))
        return {
            "rounds": [[[names[p] for p in t] for t in rnd] for rnd in event.plan["rounds"]],
            "byes": [[names[p] for p in b] for b in event.plan.get("byes", [])],
            "stats": event.plan_stats or {},
            "rounds_held": event.current_round,
            "table_size": event.table_size,
            "weights": event.weights,
        }
