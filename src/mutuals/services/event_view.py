"""What live pages show: the big screen and each attendee's phone page.

A ``Snapshot`` is the event as one read from the database: the plan, the run state, names and
"why you two" reasons. Many pages share it (a server loads it once per change, not once per
phone). Contact details are kept in it only to show a mutual match; ``attendee_view`` is the
one place that decides what one attendee may see.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from mutuals.events.timer import RunState, moment
from mutuals.services.context import Workspace
from mutuals.services.event_signals import RunFields
from mutuals.services.events import WHEN_FORMAT, run_state
from mutuals.store import events as store


@dataclass(frozen=True, slots=True)
class Card:
    """What a tablemate sees of someone: name, company and headline, never contact details."""

    id: int
    name: str
    company: str
    headline: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "company": self.company,
            "headline": self.headline,
        }


@dataclass(frozen=True, slots=True)
class ContactCard:
    """Contact details, shown only to someone's mutual matches."""

    name: str
    email: str
    phone: str
    company: str
    linkedin_url: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "company": self.company,
            "linkedin_url": self.linkedin_url,
        }


@dataclass(frozen=True)
class Snapshot:
    """One event as read at ``version``."""

    event_id: int
    version: int
    layout: int
    info: dict[str, Any]
    state: RunState
    rounds: list[list[list[int]]]
    byes: list[list[int]]
    cards: dict[int, Card]
    contacts: dict[int, ContactCard]
    reasons: dict[tuple[int, int], str]
    # person -> their table index in each round (None when not seated): built once per
    # snapshot, so that hundreds of phone pages each find their seat without scanning the plan.
    seats: dict[int, list[int | None]]

    def table(self, person: int, number: int) -> list[int] | None:
        """The people at ``person``'s table in round ``number`` (1-based), them included."""
        index = self.seats.get(person)
        if index is None or not 1 <= number <= len(index) or index[number - 1] is None:
            return None
        return self.rounds[number - 1][index[number - 1]]  # type: ignore[index]

    def moved(self, version: int, run: RunFields) -> Snapshot:
        """This snapshot at ``version``, where only the run state changed (to ``run``)."""
        state = replace(
            self.state,
            status=run.status,
            current_round=run.current_round,
            phase_started_at=run.phase_started_at,
            elapsed_before=run.elapsed_before,
        )
        return replace(self, version=version, state=state)

    def partners(self, person: int, rounds: int) -> list[int]:
        """Everyone ``person`` sat with in the first ``rounds`` rounds, in order, each once."""
        seen: dict[int, None] = {}
        for number in range(1, rounds + 1):
            for other in self.table(person, number) or ():
                if other != person:
                    seen.setdefault(other, None)
        return list(seen)


def seat_index(rounds: list[list[list[int]]]) -> dict[int, list[int | None]]:
    """person -> table index per round."""
    index: dict[int, list[int | None]] = {}
    for number, tables in enumerate(rounds):
        for t, table in enumerate(tables):
            for person in table:
                index.setdefault(person, [None] * len(rounds))[number] = t
    return index


def load_snapshot(
    ws: Workspace, event_id: int, previous: Snapshot | None = None
) -> Snapshot | None:
    """The event as it is now, or None when it no longer exists.

    With the ``previous`` snapshot of the same layout (a round change, a pause), only the event's
    own row is read again: names, seats and reasons stay as they were.
    """
    with ws.db.transaction() as session:
        event = store.event_by_id(session, event_id=event_id)
        if event is None:
            return None
        info = {
            "id": event.id,
            "name": event.name,
            "place": event.place,
            "starts_at": event.starts_at.strftime(WHEN_FORMAT),
            "timezone": event.timezone,
            "minutes": event.minutes,
            "break_minutes": event.break_minutes,
        }
        if previous is not None and previous.layout == event.layout_version:
            return replace(previous, version=event.version, info=info, state=run_state(event))
        people = store.attendees_of(session, event_id=event_id)
        plan = event.plan or {"rounds": [], "byes": []}
        return Snapshot(
            event_id=event.id,
            version=event.version,
            layout=event.layout_version,
            info=info,
            state=run_state(event),
            rounds=plan["rounds"],
            byes=plan.get("byes") or [],
            cards={a.id: Card(a.id, a.name, a.company, a.headline) for a in people},
            contacts={
                a.id: ContactCard(a.name, a.email, a.phone, a.company, a.linkedin_url)
                for a in people
            },
            reasons=store.reasons_for(session, event_id=event_id),
            seats=seat_index(plan["rounds"]),
        )


@dataclass(frozen=True)
class Personal:
    """One attendee's private state: their own answers and their mutual matches."""

    answers: dict[int, bool]
    matched: frozenset[int]


def load_personal(ws: Workspace, attendee_id: int) -> Personal:
    with ws.db.transaction() as session:
        return Personal(
            answers=store.picks_by(session, picker_id=attendee_id),
            matched=frozenset(store.mutual_with(session, attendee_id=attendee_id)),
        )


def _seat(snap: Snapshot, me: int, number: int) -> dict[str, Any] | None:
    """Where ``me`` sits in round ``number`` (1-based), with whom and why."""
    if not 1 <= number <= len(snap.rounds):
        return None
    table = snap.table(me, number)
    if table is None:
        return {"round": number, "table": None, "with": []}
    index = snap.seats[me][number - 1]
    return {
        "round": number,
        "table": None if index is None else index + 1,
        "with": [
            {**snap.cards[o].as_dict(), "why": snap.reasons.get((me, o), "").replace("*", "")}
            for o in table
            if o != me and o in snap.cards
        ],
    }


def attendee_view(snap: Snapshot, me: int, personal: Personal, *, now: datetime) -> dict[str, Any]:
    """Everything attendee ``me``'s phone page shows, and nothing more."""
    at = moment(snap.state, now)
    current = at.round
    card = snap.cards.get(me)
    met = [
        {**snap.cards[o].as_dict(), "answer": personal.answers.get(o)}
        for o in snap.partners(me, current)
        if o in snap.cards
    ]
    return {
        "event": snap.info,
        "version": snap.version,
        "me": {"id": me, "name": card.name if card else ""},
        "moment": at.as_dict(),
        "seat": _seat(snap, me, current) if current else None,
        "next": _seat(snap, me, current + 1),
        "met": met,
        "matches": [
            snap.contacts[o].as_dict() for o in sorted(personal.matched) if o in snap.contacts
        ],
    }


def screen_view(snap: Snapshot, *, now: datetime) -> dict[str, Any]:
    """The big screen: round, countdowns, and the table list of this round and the next."""
    at = moment(snap.state, now)

    def tables(number: int) -> list[dict[str, Any]]:
        if not 1 <= number <= len(snap.rounds):
            return []
        return [
            {"table": t, "names": [snap.cards[p].name for p in table if p in snap.cards]}
            for t, table in enumerate(snap.rounds[number - 1], start=1)
        ]

    return {
        "event": snap.info,
        "version": snap.version,
        "moment": at.as_dict(),
        "tables": tables(at.round),
        "next_tables": tables(at.round + 1),
        "planned_rounds": len(snap.rounds),
    }
