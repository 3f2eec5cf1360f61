"""Follow-up picks with double opt-in: private answers, mutual matches, and the organiser's
figures.

An answer is one upsert on a unique (picker, picked) pair, so any number of phones answering at
once lose nothing. Once an answer commits, a second transaction looks for the other side's yes;
the match is then claimed once (a unique pair again) and, in that same transaction, handed over
to the members' networks, holding their write locks as an import would. Whichever of two
crossing answers commits last sees both.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Final

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from mutuals.events.followup import first_meetings, follow_up_stats, mutual_pairs, partners
from mutuals.services.attendees import find_attendee
from mutuals.services.context import Workspace
from mutuals.services.event_network import hand_over
from mutuals.services.events import event_dict, find_event, touch
from mutuals.services.match_mail import send_new_match
from mutuals.store import events as store
from mutuals.store import locking
from mutuals.store.event_models import Event, EventAttendee

# A hand-over can collide with another one writing the same member's network (a new company
# name, say); it is simply tried again.
ATTEMPTS: Final = 5


class NotMet(ValueError):
    """Picks are only for people one sat with."""


def held_rounds(event: Event) -> list[list[list[int]]]:
    """The rounds that have begun (the current one included)."""
    if event.plan is None:
        return []
    rounds: list[list[list[int]]] = event.plan["rounds"][: event.current_round]
    return rounds


def answer(ws: Workspace, event_id: int, picker_id: int, picked_id: int, *, yes: bool) -> bool:
    """Record ``picker``'s answer about ``picked``; True when it made a new mutual match."""
    with ws.db.transaction() as session:
        event = session.get_one(Event, event_id)
        if picked_id not in partners(held_rounds(event), picker_id):
            raise NotMet("you can only answer about people you sat with")
        store.upsert_pick(
            session,
            event_id=event.id,
            picker_id=picker_id,
            picked_id=picked_id,
            yes=yes,
            now=ws.clock.now(),
        )
        touch(session, event, attendees=[picker_id])
    if yes and _match(ws, event_id, picker_id, picked_id):
        send_new_match(ws, event_id, picker_id, picked_id)
        return True
    return False


def _match(ws: Workspace, event_id: int, a: int, b: int) -> bool:
    with ws.db.transaction() as session:
        if not (
            store.said_yes(session, picker_id=a, picked_id=b)
            and store.said_yes(session, picker_id=b, picked_id=a)
        ):
            return False
        pair = (session.get_one(EventAttendee, a), session.get_one(EventAttendee, b))
        members = sorted({p.member_id for p in pair if p.member_id is not None})
    for attempt in range(ATTEMPTS):
        try:
            with _networks_locked(ws, members) as session:
                if not store.claim_match(session, event_id=event_id, first_id=a, second_id=b):
                    return False
                event = session.get_one(Event, event_id)
                hand_over(
                    session,
                    event,
                    session.get_one(EventAttendee, a),
                    session.get_one(EventAttendee, b),
                )
                touch(session, event, attendees=[a, b])
                return True
        except (IntegrityError, OperationalError):
            if attempt == ATTEMPTS - 1:
                raise
    return False


@contextmanager
def _networks_locked(ws: Workspace, members: list[int]) -> Iterator[Session]:
    """A transaction holding the write lock of each member's network it will change, taken in
    id order (so two hand-overs never wait for each other), as an import into it would."""
    if not members:
        with ws.db.transaction() as session:
            yield session
        return
    with ws.db.writing(members[0]) as session:
        if session.get_bind().dialect.name == "postgresql":
            for member in members[1:]:
                locking.postgres_lock(
                    session, locking.WriteLock(member, ws.db.lock_timeout, ws.db.on_wait)
                )
        yield session


def pick(
    ws: Workspace,
    ref: str | int,
    *,
    by: str,
    yes: Sequence[str],
    no: Sequence[str] = (),
) -> dict[str, Any]:
    """Type in a paper pick card: ``by`` said yes to ``yes`` and no to ``no``."""
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        picker = find_attendee(session, event, by)
        chosen = [(find_attendee(session, event, n), True) for n in yes]
        chosen += [(find_attendee(session, event, n), False) for n in no]
        met = set(partners(held_rounds(event), picker.id))
        for other, _ in chosen:
            if other.id not in met:
                raise NotMet(f"{picker.name} did not sit with {other.name}")
        event_id, picker_id = event.id, picker.id
        names = {other.id: other.name for other, _ in chosen}
    matched = [
        names[other.id]
        for other, said in chosen
        if answer(ws, event_id, picker_id, other.id, yes=said)
    ]
    return {"by": by, "yes": len(yes), "no": len(no), "new_matches": matched}


def my_answers(ws: Workspace, picker_id: int) -> dict[int, bool]:
    """One attendee's own answers (shown only to them)."""
    with ws.db.transaction() as session:
        return store.picks_by(session, picker_id=picker_id)


def matches(ws: Workspace, ref: str | int) -> list[dict[str, Any]]:
    """The event's mutual pairs, each person with name and email (never one-sided picks)."""
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        people = {a.id: a for a in store.attendees_of(session, event_id=event.id)}
        met = first_meetings(held_rounds(event))
        pairs = sorted(mutual_pairs(store.picks_of_event(session, event_id=event.id)))
        return [
            {
                "people": [
                    {"name": people[x].name, "email": people[x].email} for x in (first, second)
                ],
                "met_in_round": met.get((first, second)),
            }
            for first, second in pairs
        ]


def event_stats(ws: Workspace, ref: str | int) -> dict[str, Any]:
    """Attendance, no-shows, picks, mutual matches (count and per attendee) and the matches
    whose pair met in the first half of the rounds."""
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        everyone = store.attendees_of(session, event_id=event.id)
        status = [a.status for a in everyone]
        attended = sum(1 for s in status if s in ("checked_in", "left"))
        # Before the start, someone not checked in yet may still come.
        absent = ("registered", "no_show") if event.current_round > 0 else ("no_show",)
        stats = follow_up_stats(
            registered=sum(1 for s in status if s != "waitlist"),
            attended=attended,
            no_shows=sum(1 for s in status if s in absent),
            left_early=status.count("left"),
            late=sum(1 for a in everyone if a.arrived_after),
            rounds=held_rounds(event),
            picks=store.picks_of_event(session, event_id=event.id),
        )
        return {"event": event_dict(event), **stats.as_dict(), "waitlist": status.count("waitlist")}
