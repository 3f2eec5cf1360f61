"""Persistence functions for events: an organiser's events, attendees, links, picks and reasons.

An organiser's queries are filtered by ``owner_id``, so another organiser's event is simply not
found. Attendee queries are filtered by ``event_id``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from mutuals.store.event_models import (
    Event,
    EventAttendee,
    EventLink,
    EventMatch,
    EventPick,
    EventReason,
)


def get_event(session: Session, *, owner_id: int, event_id: int) -> Event | None:
    """The organiser's event with this id (None for anyone else's)."""
    return session.scalars(
        select(Event).where(Event.id == event_id, Event.owner_id == owner_id)
    ).first()


def public_event(session: Session, *, event_id: int) -> Event | None:
    """A listed event, as anyone may see it."""
    return session.scalars(
        select(Event).where(Event.id == event_id, Event.listed.is_(True))
    ).first()


def event_by_id(session: Session, *, event_id: int) -> Event | None:
    """Any event, for callers that have already proved their right to it (an attendee link)."""
    return session.get(Event, event_id)


def events_of(session: Session, *, owner_id: int) -> Sequence[Event]:
    """The organiser's events, soonest first."""
    return session.scalars(
        select(Event).where(Event.owner_id == owner_id).order_by(Event.starts_at, Event.id)
    ).all()


def events_named(session: Session, *, owner_id: int, name: str) -> Sequence[Event]:
    """The organiser's events whose name equals ``name`` (case-insensitive), else contains it."""
    wanted = " ".join(name.lower().split())
    mine = select(Event).where(Event.owner_id == owner_id).order_by(Event.starts_at, Event.id)
    exact = session.scalars(mine.where(func.lower(Event.name) == wanted)).all()
    if exact:
        return exact
    return session.scalars(
        mine.where(func.lower(Event.name).contains(wanted, autoescape=True))
    ).all()


def listed_events(
    session: Session, *, since: datetime, words: Sequence[str] = ()
) -> Sequence[Event]:
    """Listed events starting at or after ``since`` whose place holds every one of ``words``."""
    query = select(Event).where(Event.listed.is_(True), Event.starts_at >= since)
    for word in words:
        query = query.where(func.lower(Event.place).contains(word.lower(), autoescape=True))
    return session.scalars(query.order_by(Event.starts_at, Event.id)).all()


def attendees_of(session: Session, *, event_id: int) -> Sequence[EventAttendee]:
    """Everyone on the event's list, in the order they joined it."""
    return session.scalars(
        select(EventAttendee).where(EventAttendee.event_id == event_id).order_by(EventAttendee.id)
    ).all()


def get_attendee(session: Session, *, event_id: int, attendee_id: int) -> EventAttendee | None:
    return session.scalars(
        select(EventAttendee).where(
            EventAttendee.id == attendee_id, EventAttendee.event_id == event_id
        )
    ).first()


def attendees_named(session: Session, *, event_id: int, name: str) -> Sequence[EventAttendee]:
    """Attendees whose name or email equals ``name`` (case-insensitive), else whose name
    contains it."""
    wanted = " ".join(name.lower().split())
    of_event = (
        select(EventAttendee).where(EventAttendee.event_id == event_id).order_by(EventAttendee.id)
    )
    exact = session.scalars(
        of_event.where(
            (func.lower(EventAttendee.name) == wanted) | (EventAttendee.email_key == wanted)
        )
    ).all()
    if exact:
        return exact
    return session.scalars(
        of_event.where(func.lower(EventAttendee.name).contains(wanted, autoescape=True))
    ).all()


def count_attendees(session: Session, *, event_id: int, statuses: Iterable[str]) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(EventAttendee)
            .where(EventAttendee.event_id == event_id, EventAttendee.status.in_(list(statuses)))
        )
        or 0
    )


def attended_by(session: Session, *, member_id: int) -> Sequence[tuple[Event, EventAttendee]]:
    """The events a member is on the list of, with their attendee record, soonest first."""
    rows = session.execute(
        select(Event, EventAttendee)
        .join(EventAttendee, EventAttendee.event_id == Event.id)
        .where(EventAttendee.member_id == member_id)
        .order_by(Event.starts_at, Event.id)
    ).all()
    return [(event, attendee) for event, attendee in rows]


def add_link(session: Session, *, attendee_id: int, key_hash: str) -> None:
    session.add(EventLink(attendee_id=attendee_id, key_hash=key_hash))
    session.flush()


def attendee_by_link(session: Session, *, key_hash: str) -> EventAttendee | None:
    """The attendee a private link belongs to, if the link exists."""
    return session.scalars(
        select(EventAttendee)
        .join(EventLink, EventLink.attendee_id == EventAttendee.id)
        .where(EventLink.key_hash == key_hash)
    ).first()


def _insert_for(session: Session) -> Any:
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


def upsert_pick(
    session: Session, *, event_id: int, picker_id: int, picked_id: int, yes: bool, now: datetime
) -> None:
    """Record (or change) one answer in one statement: concurrent answers never collide."""
    insert = _insert_for(session)
    statement = insert(EventPick).values(
        event_id=event_id,
        picker_id=picker_id,
        picked_id=picked_id,
        yes=yes,
        created_at=now,
        updated_at=now,
    )
    statement = statement.on_conflict_do_update(
        index_elements=["picker_id", "picked_id"],
        set_={"yes": statement.excluded.yes, "updated_at": statement.excluded.updated_at},
    )
    session.execute(statement)


def said_yes(session: Session, *, picker_id: int, picked_id: int) -> bool:
    return bool(
        session.scalar(
            select(EventPick.yes).where(
                EventPick.picker_id == picker_id, EventPick.picked_id == picked_id
            )
        )
    )


def picks_of_event(session: Session, *, event_id: int) -> list[tuple[int, int, bool]]:
    """Every answer of the event as (picker, picked, yes)."""
    rows = session.execute(
        select(EventPick.picker_id, EventPick.picked_id, EventPick.yes)
        .where(EventPick.event_id == event_id)
        .order_by(EventPick.id)
    ).all()
    return [(int(a), int(b), bool(y)) for a, b, y in rows]


def picks_by(session: Session, *, picker_id: int) -> dict[int, bool]:
    """One attendee's own answers: picked attendee id -> yes."""
    rows = session.execute(
        select(EventPick.picked_id, EventPick.yes).where(EventPick.picker_id == picker_id)
    ).all()
    return {int(b): bool(y) for b, y in rows}


def claim_match(session: Session, *, event_id: int, first_id: int, second_id: int) -> bool:
    """Record the mutual match once; True only for the one caller that recorded it."""
    insert = _insert_for(session)
    statement = (
        insert(EventMatch)
        .values(
            event_id=event_id,
            first_id=min(first_id, second_id),
            second_id=max(first_id, second_id),
            created_at=_now(session),
        )
        .on_conflict_do_nothing(index_elements=["first_id", "second_id"])
        .returning(EventMatch.id)
    )
    # A row comes back only from the insert that happened; a conflict returns none.
    return session.execute(statement).first() is not None


def _now(session: Session) -> datetime:
    from mutuals.store.database import session_clock

    return session_clock(session).now()


def reasons_for(session: Session, *, event_id: int) -> dict[tuple[int, int], str]:
    rows = session.execute(
        select(EventReason.attendee_id, EventReason.other_id, EventReason.why).where(
            EventReason.event_id == event_id
        )
    ).all()
    return {(int(a), int(b)): str(w) for a, b, w in rows}


def add_reasons(session: Session, *, event_id: int, reasons: dict[tuple[int, int], str]) -> None:
    if reasons:
        session.execute(
            insert(EventReason),
            [
                {"event_id": event_id, "attendee_id": a, "other_id": b, "why": why}
                for (a, b), why in reasons.items()
            ],
        )


def clear_reasons(session: Session, *, event_id: int) -> None:
    session.execute(delete(EventReason).where(EventReason.event_id == event_id))


def notify(session: Session, *, payload: str) -> None:
    """Tell every listening server about a change, once this transaction commits (PostgreSQL).

    The channel is named after the schema, so that servers of different databases on one
    PostgreSQL never hear each other.
    """
    session.execute(
        text("SELECT pg_notify('mutuals_events_' || current_schema(), :payload)"),
        {"payload": payload},
    )


def versions(session: Session, *, event_ids: Sequence[int]) -> dict[int, int]:
    """The current version of each event (for servers that poll instead of listening)."""
    if not event_ids:
        return {}
    rows = session.execute(select(Event.id, Event.version).where(Event.id.in_(event_ids))).all()
    return {int(i): int(v) for i, v in rows}


def mutual_with(session: Session, *, attendee_id: int) -> set[int]:
    """The attendees who said yes to this one and to whom this one said yes."""
    mine = select(EventPick.picked_id).where(
        EventPick.picker_id == attendee_id, EventPick.yes.is_(True)
    )
    rows = session.scalars(
        select(EventPick.picker_id).where(
            EventPick.picked_id == attendee_id,
            EventPick.yes.is_(True),
            EventPick.picker_id.in_(mine),
        )
    ).all()
    return {int(r) for r in rows}


def matches_to_mail(
    session: Session, *, event_id: int, pair: tuple[int, int] | None = None
) -> list[EventMatch]:
    """The event's matches (or the one of ``pair``) with a side not mailed yet."""
    query = select(EventMatch).where(
        EventMatch.event_id == event_id,
        (EventMatch.first_mailed_at.is_(None)) | (EventMatch.second_mailed_at.is_(None)),
    )
    if pair is not None:
        query = query.where(EventMatch.first_id == min(pair), EventMatch.second_id == max(pair))
    return list(session.scalars(query.order_by(EventMatch.id)).all())


def _mailed_column(side: str) -> Any:
    if side not in ("first", "second"):
        raise ValueError(f"unknown side '{side}'")
    return EventMatch.first_mailed_at if side == "first" else EventMatch.second_mailed_at


def claim_mail(session: Session, *, match_id: int, side: str) -> bool:
    """Mark one side of a match as mailed; True only for the one caller that marked it, so two
    senders at once (a phone's answer and ``event end``) never mail the same person twice."""
    column = _mailed_column(side)
    statement = (
        update(EventMatch)
        .where(EventMatch.id == match_id, column.is_(None))
        .values({column: _now(session)})
    )
    return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]


def release_mail(session: Session, *, match_id: int, side: str) -> None:
    """Undo ``claim_mail`` after a failed send, so a later send tries again."""
    column = _mailed_column(side)
    session.execute(update(EventMatch).where(EventMatch.id == match_id).values({column: None}))


def mark_promoted(session: Session, attendees: Iterable[EventAttendee]) -> None:
    """Record that ``attendees`` moved up from the waiting list, now."""
    now = _now(session)
    for attendee in attendees:
        attendee.promoted_at = now


def links_to_mail(session: Session, *, event_id: int, promoted_only: bool) -> list[EventAttendee]:
    """Attendees with a place (registered or checked in) and an email, not yet mailed their
    link; with ``promoted_only`` just those who moved up from the waiting list."""
    query = select(EventAttendee).where(
        EventAttendee.event_id == event_id,
        EventAttendee.status.in_(("registered", "checked_in")),
        EventAttendee.link_mailed_at.is_(None),
        EventAttendee.email != "",
    )
    if promoted_only:
        query = query.where(EventAttendee.promoted_at.is_not(None))
    return list(session.scalars(query.order_by(EventAttendee.id)).all())


def claim_link_mail(session: Session, *, attendee_id: int) -> bool:
    """Mark an attendee's link as mailed; True only for the one caller that marked it."""
    statement = (
        update(EventAttendee)
        .where(EventAttendee.id == attendee_id, EventAttendee.link_mailed_at.is_(None))
        .values(link_mailed_at=_now(session))
    )
    return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]


def release_link_mail(session: Session, *, attendee_id: int) -> None:
    """Undo ``claim_link_mail`` after a failed send, so a later send tries again."""
    session.execute(
        update(EventAttendee).where(EventAttendee.id == attendee_id).values(link_mailed_at=None)
    )


def mutual_with_each(session: Session, *, attendee_ids: Iterable[int]) -> dict[int, set[int]]:
    """``mutual_with`` for many attendees in one query: each one's mutual yeses (only those)."""
    wanted = sorted(set(attendee_ids))
    found: dict[int, set[int]] = {a: set() for a in wanted}
    if not wanted:
        return found
    mine, theirs = EventPick.__table__.alias("mine"), EventPick.__table__.alias("theirs")
    rows = session.execute(
        select(mine.c.picker_id, mine.c.picked_id)
        .join(
            theirs,
            (theirs.c.picker_id == mine.c.picked_id) & (theirs.c.picked_id == mine.c.picker_id),
        )
        .where(mine.c.picker_id.in_(wanted), mine.c.yes.is_(True), theirs.c.yes.is_(True))
    ).all()
    for picker, picked in rows:
        found[int(picker)].add(int(picked))
    return found


def attendee_cards(session: Session, *, attendee_ids: Iterable[int]) -> dict[int, Any]:
    """Name, company, LinkedIn URL and email of each attendee by id (the caller decides which
    of them may be used)."""
    wanted = sorted(set(attendee_ids))
    if not wanted:
        return {}
    rows = session.execute(
        select(
            EventAttendee.id,
            EventAttendee.name,
            EventAttendee.company,
            EventAttendee.linkedin_url,
            EventAttendee.email,
        ).where(EventAttendee.id.in_(wanted))
    ).all()
    return {int(row.id): row for row in rows}
