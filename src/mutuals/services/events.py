"""Events: create them, find an organiser's own by id or name, and the public directory.

Every organiser query is filtered by the acting owner, so another organiser's event is "not
found", never "forbidden".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from mutuals.events.timer import RunState
from mutuals.services.context import Workspace
from mutuals.services.event_signals import RunFields, Signal, emit
from mutuals.store import events as store
from mutuals.store.event_models import Event
from mutuals.store.models import Owner

WHEN_FORMAT: Final = "%Y-%m-%d %H:%M"
MAX_ROUNDS: Final = 60
MAX_MINUTES: Final = 240
# Attendees who hold a place (the waiting list and those who left early do not count).
TAKING_PART: Final = ("registered", "checked_in")


class EventNotFound(ValueError):
    """No event of this organiser (or no listed event) matches."""


class AmbiguousName(ValueError):
    """A name matches several events or attendees; the message lists their ids."""

    def __init__(self, kind: str, query: str, matches: Sequence[tuple[int, str]]) -> None:
        self.matches = list(matches)
        listed = "; ".join(f"#{i} {label}" for i, label in matches)
        super().__init__(f"'{query}' matches {len(matches)} {kind}: {listed}. Use the id instead.")


def parse_when(text: str) -> datetime:
    """``YYYY-MM-DD HH:MM`` as a wall-clock time."""
    try:
        return datetime.strptime(" ".join(text.split()), WHEN_FORMAT)
    except ValueError:
        raise ValueError(f"'{text}' is not a date and time; use YYYY-MM-DD HH:MM") from None


def check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone '{name}' (for example Europe/London)") from None
    return name


def _check_format(rounds: int, minutes: int, break_minutes: int, table_size: int) -> None:
    if not 1 <= rounds <= MAX_ROUNDS:
        raise ValueError(f"rounds must be between 1 and {MAX_ROUNDS}")
    if not 1 <= minutes <= MAX_MINUTES:
        raise ValueError(f"minutes per round must be between 1 and {MAX_MINUTES}")
    if not 0 <= break_minutes <= MAX_MINUTES:
        raise ValueError(f"the break must be between 0 and {MAX_MINUTES} minutes")
    if not 2 <= table_size <= 12:
        raise ValueError("the table size must be between 2 (pairs) and 12")


def create_event(
    ws: Workspace,
    *,
    name: str,
    starts_at: datetime,
    place: str,
    rounds: int = 6,
    minutes: int = 7,
    break_minutes: int = 1,
    table_size: int = 2,
    capacity: int | None = None,
    timezone: str = "UTC",
    description: str = "",
    listed: bool = True,
) -> dict[str, Any]:
    """A new event organised by the workspace's owner (an Hour of Power by default: six rounds
    of seven minutes in pairs, a minute to move between them)."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("an event needs a name")
    if not place.strip():
        raise ValueError("an event needs a place (--place)")
    _check_format(rounds, minutes, break_minutes, table_size)
    if capacity is not None and capacity < 1:
        raise ValueError("the cap must be at least 1")
    with ws.db.transaction() as session:
        event = Event(
            owner_id=ws.owner_id,
            name=name,
            starts_at=starts_at,
            timezone=check_timezone(timezone),
            place=" ".join(place.split()),
            description=description.strip(),
            rounds=rounds,
            minutes=minutes,
            break_minutes=break_minutes,
            table_size=table_size,
            capacity=capacity,
            listed=listed,
            registration_open=True,
            weights="mutual",
            status="draft",
            current_round=0,
            elapsed_before=0.0,
            version=0,
            layout_version=0,
        )
        session.add(event)
        session.flush()
        return event_dict(event)


def event_dict(event: Event) -> dict[str, Any]:
    """An event as a JSON-ready dictionary (no attendee data)."""
    return {
        "id": event.id,
        "name": event.name,
        "starts_at": event.starts_at.strftime(WHEN_FORMAT),
        "timezone": event.timezone,
        "place": event.place,
        "description": event.description,
        "rounds": event.rounds,
        "minutes": event.minutes,
        "break_minutes": event.break_minutes,
        "table_size": event.table_size,
        "capacity": event.capacity,
        "listed": event.listed,
        "registration_open": event.registration_open,
        "status": event.status,
        "current_round": event.current_round,
        "planned": event.plan is not None,
    }


def run_state(event: Event) -> RunState:
    """The stored run state of an event, for the timer."""
    return RunState(
        status=event.status,  # type: ignore[arg-type]
        rounds=len(event.plan["rounds"]) if event.plan else event.rounds,
        minutes=event.minutes,
        break_minutes=event.break_minutes,
        current_round=event.current_round,
        phase_started_at=_utc(event.phase_started_at),
        elapsed_before=event.elapsed_before,
    )


def _utc(moment: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; mutuals stores UTC.
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def find_event(session: Session, owner_id: int, ref: str | int) -> Event:
    """The organiser's event named by ``ref``: an id (``7`` or ``#7``) or a name."""
    text = str(ref).strip()
    digits = text.removeprefix("#")
    if digits.isascii() and digits.isdigit():
        found = store.get_event(session, owner_id=owner_id, event_id=int(digits))
        if found is None:
            raise EventNotFound(f"no event of yours with id {digits}")
        return found
    matches = store.events_named(session, owner_id=owner_id, name=text)
    if not matches:
        raise EventNotFound(f"no event of yours named '{text}'")
    if len(matches) > 1:
        raise AmbiguousName(
            "events", text, [(e.id, f"{e.name} ({e.starts_at:%Y-%m-%d})") for e in matches]
        )
    return matches[0]


def get_event(ws: Workspace, ref: str | int) -> dict[str, Any]:
    """One of the organiser's events by id or name."""
    with ws.db.transaction() as session:
        return event_dict(find_event(session, ws.owner_id, ref))


def my_events(ws: Workspace) -> list[dict[str, Any]]:
    """The events the workspace's owner organises, soonest first."""
    with ws.db.transaction() as session:
        return [event_dict(e) for e in store.events_of(session, owner_id=ws.owner_id)]


def touch(
    session: Session,
    event: Event,
    *,
    attendees: Sequence[int] = (),
    layout: bool = False,
    run: bool = False,
) -> None:
    """Mark a change live pages must show: everyone's, or only ``attendees``' pages.

    ``layout`` says the list of people or the plan changed too, not just the run state. ``run``
    says the run state is all that changed: the signal then carries it, so servers need not
    read the event again.
    """
    if layout:
        event.layout_version += 1
    if not attendees:
        event.version += 1
    session.flush()
    fields = None
    if run and not attendees and not layout:
        fields = RunFields(
            layout=event.layout_version,
            status=event.status,  # type: ignore[arg-type]
            current_round=event.current_round,
            phase_started_at=_utc(event.phase_started_at),
            elapsed_before=event.elapsed_before,
        )
    emit(session, Signal(event.id, event.version, tuple(sorted(attendees)), fields))


def directory(
    ws: Workspace, *, near: str | None = None, since: date | None = None
) -> list[dict[str, Any]]:
    """Listed events from ``since`` (default today) whose place matches every word of ``near``,
    soonest first, with the organiser's name and the places left."""
    day = since or ws.clock.today()
    words = (near or "").split()
    with ws.db.transaction() as session:
        found = store.listed_events(session, since=datetime.combine(day, time(0, 0)), words=words)
        return [_listing(session, event) for event in found]


def public_event(ws: Workspace, event_id: int) -> dict[str, Any]:
    """A listed event as its public page shows it."""
    with ws.db.transaction() as session:
        event = store.public_event(session, event_id=event_id)
        if event is None:
            raise EventNotFound("no such event")
        return _listing(session, event)


def _listing(session: Session, event: Event) -> dict[str, Any]:
    organiser = session.get(Owner, event.owner_id)
    taken = store.count_attendees(session, event_id=event.id, statuses=TAKING_PART)
    entry = event_dict(event)
    entry["organiser"] = organiser.name if organiser else ""
    entry["places_left"] = max(0, event.capacity - taken) if event.capacity is not None else None
    return entry


def set_listing(
    ws: Workspace, ref: str | int, *, listed: bool | None = None, open_: bool | None = None
) -> dict[str, Any]:
    """List or unlist an event, and open or close its registration."""
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        if listed is not None:
            event.listed = listed
        if open_ is not None:
            event.registration_open = open_
        touch(session, event)
        return event_dict(event)


# What an organiser may change after the event has begun: not its shape (rounds, table size),
# which the rounds already held were planned with.
_SHAPE: Final = ("rounds", "table_size")


def edit_event(
    ws: Workspace,
    ref: str | int,
    *,
    name: str | None = None,
    starts_at: datetime | None = None,
    place: str | None = None,
    rounds: int | None = None,
    minutes: int | None = None,
    break_minutes: int | None = None,
    table_size: int | None = None,
    capacity: int | None = None,
    description: str | None = None,
    listed: bool | None = None,
) -> dict[str, Any]:
    """Change the organiser's event; only the fields given change.

    Before the start, a new number of rounds or table size drops the plan (plan again); once
    begun, those two are refused. A higher cap moves people up from the waiting list.
    """
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = " ".join(name.split())
        if not changes["name"]:
            raise ValueError("an event needs a name")
    if place is not None:
        changes["place"] = " ".join(place.split())
        if not changes["place"]:
            raise ValueError("an event needs a place (--place)")
    if capacity is not None and capacity < 1:
        raise ValueError("the cap must be at least 1")
    for key, value in (
        ("starts_at", starts_at),
        ("rounds", rounds),
        ("minutes", minutes),
        ("break_minutes", break_minutes),
        ("table_size", table_size),
        ("capacity", capacity),
        ("listed", listed),
    ):
        if value is not None:
            changes[key] = value
    if description is not None:
        changes["description"] = description.strip()
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        _check_format(
            changes.get("rounds", event.rounds),
            changes.get("minutes", event.minutes),
            changes.get("break_minutes", event.break_minutes),
            changes.get("table_size", event.table_size),
        )
        reshaped = [k for k in _SHAPE if k in changes and changes[k] != getattr(event, k)]
        begun = event.current_round > 0 or event.status in ("running", "paused", "ended")
        if reshaped and begun:
            raise ValueError(
                f"{event.name} has begun: its {' and '.join(reshaped).replace('_', ' ')} "
                "can no longer change"
            )
        for key, value in changes.items():
            setattr(event, key, value)
        dropped = bool(reshaped) and event.plan is not None
        if dropped:
            event.plan = None
            event.plan_stats = None
            event.status = "draft"
            store.clear_reasons(session, event_id=event.id)
        promoted = promote_waiting(session, event)
        touch(session, event, layout=True)
        done = {**event_dict(event), "plan_dropped": dropped, "promoted": promoted}
    if promoted:
        from mutuals.services.link_mail import send_places

        send_places(ws, done["id"])
    return done


def promote_waiting(session: Session, event: Event) -> list[str]:
    """Move people up from the waiting list, first come first served, while places are free."""
    waiting = [a for a in store.attendees_of(session, event_id=event.id) if a.status == "waitlist"]
    if not waiting:
        return []
    if event.capacity is None:
        free = len(waiting)
    else:
        taken = store.count_attendees(session, event_id=event.id, statuses=TAKING_PART)
        free = max(0, event.capacity - taken)
    moved = waiting[:free]
    for attendee in moved:
        attendee.status = "registered"
    store.mark_promoted(session, moved)
    session.flush()
    return [a.name for a in moved]


def delete_event(ws: Workspace, ref: str | int) -> dict[str, Any]:
    """Delete the organiser's event with its list, links, answers and matches. Contacts that
    matches already put into members' networks stay theirs."""
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        gone = {"deleted": event.id, "name": event.name}
        touch(session, event)  # open pages hear of it, find no event, and close
        session.delete(event)
        session.flush()
        return gone
