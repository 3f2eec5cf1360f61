"""The member's ties from speed-networking events they attended: tablemates, the tablemates'
meetings at the member's own tables, and mutual yeses, ready to join the member's tie graph.

Privacy: only events the member is on the list of, only rounds already held, only tables the
member sat at. A tablemate is known by what the table showed (name and company); the LinkedIn
URL and email of a person count only after a mutual yes, when they were handed over anyway. Picks
are read only as mutual matches, so a one-sided yes leaves no trace in anyone's graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from sqlalchemy.orm import Session

from mutuals.connecting import name_company_key, url_key
from mutuals.connecting.met import event_ties
from mutuals.services.graph_people import Person
from mutuals.services.picks import held_rounds
from mutuals.store import events as event_store

__all__ = ["ME_INDEX", "Met", "met_at_events"]

# Stands for the member in ``Met.a``: the member is no attendee record of the graph.
ME_INDEX = -1

Record = tuple[str, list[str], tuple[str, str] | None]


@dataclass
class Met:
    """Everyone the member met at events, one entry per (event, attendee), with the ties.

    ``records`` are identity keys for ``resolve_keyed`` and ``persons`` what may be shown of
    each; ``a[i] -- b[i]`` is a tie of ``strength[i]`` between two entries (``ME_INDEX``: the
    member).
    """

    keys: list[tuple[int, int]] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    a: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    b: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    strength: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0, dtype=np.float64))


def met_at_events(session: Session, *, owner_id: int) -> Met:
    """Read the member's events and build ``Met`` (empty when they attended none)."""
    met = Met()
    attended = [
        (event, mine, held_rounds(event))
        for event, mine in event_store.attended_by(session, member_id=owner_id)
    ]
    attended = [(event, mine, rounds) for event, mine, rounds in attended if rounds]
    # Two queries whatever the number of events: every mutual yes of mine, every card needed.
    matched_of = event_store.mutual_with_each(
        session, attendee_ids=[mine.id for _, mine, _ in attended]
    )
    ties_of = [event_ties(rounds, mine.id, matched_of[mine.id]) for _, mine, rounds in attended]
    cards = event_store.attendee_cards(
        session, attendee_ids={p for ties in ties_of for tie in ties for p in tie}
    )
    index: dict[tuple[int, int], int] = {}
    a: list[int] = []
    b: list[int] = []
    strength: list[float] = []
    for (event, mine, _), ties in zip(attended, ties_of, strict=True):
        matched = matched_of[mine.id]
        for attendee_id in sorted({p for tie in ties for p in tie if p != mine.id}):
            person = cards.get(attendee_id)
            if person is None:  # removed from the list since: nothing left to show
                continue
            index[(event.id, attendee_id)] = len(met.keys)
            met.keys.append((event.id, attendee_id))
            named = name_company_key(person.name, person.company) if person.name.strip() else None
            if attendee_id in matched:
                met.records.append(
                    (url_key(person.linkedin_url), [person.email.strip().casefold()], named)
                )
                met.persons.append(
                    Person(person.name, person.company, linkedin_url=person.linkedin_url)
                )
            else:
                met.records.append(("", [], named))
                met.persons.append(Person(person.name, person.company))
        for (x, y), weight in ties.items():
            ends = [ME_INDEX if p == mine.id else index.get((event.id, p)) for p in (x, y)]
            if ends[0] is None or ends[1] is None:
                continue
            a.append(ends[0])
            b.append(ends[1])
            strength.append(weight)
    met.a = np.array(a, dtype=np.int64)
    met.b = np.array(b, dtype=np.int64)
    met.strength = np.array(strength, dtype=np.float64)
    return met
