"""Loading the member's tie graph: me, my contacts, and the people my friends shared, as CSR arrays.

Node 0 is the member. My ties weigh each connected contact's relationship strength (a prospect is
someone I am still trying to reach, so no tie). Friends' shares add their ties; the same person
across my contacts and the shares is one node (LinkedIn URL, then email, then name + company).
People at the same employer as one of my contacts get a weak tie to that contact.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from mutuals.connecting import (
    PersonRecord,
    TieGraph,
    name_company_key,
    resolve_people,
    tie_strengths,
)
from mutuals.relationships import strength_scores
from mutuals.services.contacts import AmbiguousContact, ContactNotFound
from mutuals.services.context import Workspace
from mutuals.services.network import engine_settings, full_name, load_network
from mutuals.store import connecting as store
from mutuals.store.models import Owner

ME = 0
# Working at the same employer is a weak tie: worth a path only when nothing better exists.
SAME_EMPLOYER_TIE = 0.1


@dataclass(frozen=True)
class Person:
    """What is known of a node: from my contact record when there is one, else from a share."""

    name: str
    company: str = ""
    position: str = ""
    linkedin_url: str = ""
    contact_id: int | None = None
    stage: str | None = None

    @property
    def connected(self) -> bool:
        """A contact I am connected with (any stage but prospect)."""
        return self.contact_id is not None and self.stage != "prospect"


@dataclass(frozen=True)
class MemberGraph:
    """The tie graph with what is known of each node; ``people[0]`` is the member."""

    graph: TieGraph
    people: list[Person]
    node_of_contact: dict[int, int]

    def name_of(self, node: int) -> str:
        return self.people[node].name

    def find(self, ref: str) -> int:
        """The node named by ``ref``: a contact id (``12``, ``#12``) or a full name, searched
        among my contacts and my friends' shared networks."""
        text = ref.strip()
        digits = text.removeprefix("#")
        if digits.isascii() and digits.isdigit():
            node = self.node_of_contact.get(int(digits))
            if node is None:
                raise ContactNotFound(f"no contact with id {digits}")
            return node
        key = " ".join(text.casefold().split())
        found = [
            n
            for n, p in enumerate(self.people)
            if n != ME and " ".join(p.name.casefold().split()) == key
        ]
        if not found:
            raise ContactNotFound(
                f"no one named '{text}' among your contacts or your friends' shared networks"
            )
        contacts = [n for n in found if self.people[n].contact_id is not None]
        if len(found) > 1 and len(contacts) != 1:
            raise AmbiguousContact(
                text,
                [
                    {
                        "id": self.people[n].contact_id,
                        "name": self.people[n].name,
                        "company": self.people[n].company,
                    }
                    for n in found
                ],
            )
        return contacts[0] if contacts else found[0]

    def at_company(self, company: str) -> list[int]:
        """Everyone (but me) whose company is ``company``, ignoring case and spacing."""
        _, key = name_company_key("", company)
        return [
            n
            for n, p in enumerate(self.people)
            if n != ME and key and name_company_key("", p.company)[1] == key
        ]


def _owner_name(ws: Workspace) -> str:
    with ws.db.transaction() as session:
        owner = session.get(Owner, ws.owner_id)
        return owner.name if owner is not None else ""


def load_member_graph(ws: Workspace, *, today: date) -> MemberGraph:
    """Read contacts, relationship strengths and shared ties, and build the member's graph."""
    with ws.db.transaction() as session:
        contacts = store.contact_identity_columns(session, owner_id=ws.owner_id)
        shared = store.shared_tie_columns(session, owner_id=ws.owner_id)
    network = load_network(ws)
    scores = strength_scores(network.arrays, today=today, params=engine_settings(ws).strength)
    score_of = dict(zip(network.arrays.contact_ids.tolist(), scores.tolist(), strict=True))
    # Many shares name the same person the same way: resolve each distinct spelling once.
    spelling: dict[tuple[str, str, str], int] = {}
    positions: list[str] = []
    row_spelling = np.empty(len(shared), dtype=np.int64)
    for i, s in enumerate(shared):
        key = (s.name, s.company, s.linkedin_url)
        at = spelling.get(key)
        if at is None:
            at = spelling[key] = len(spelling)
            positions.append(s.position)
        elif not positions[at]:
            positions[at] = s.position
        row_spelling[i] = at
    records = [
        PersonRecord(
            full_name(c.first_name, c.last_name), c.company, c.linkedin_url, tuple(c.emails or ())
        )
        for c in contacts
    ] + [PersonRecord(*key) for key in spelling]
    node_of_record = np.array(resolve_people(records), dtype=np.int64) + 1
    people: list[Person] = [Person(_owner_name(ws) or "me")]
    for record, node in zip(records, node_of_record.tolist(), strict=True):
        if node == len(people):
            people.append(Person(record.name, record.company, "", record.linkedin_url))
    node_of_contact: dict[int, int] = {}
    for c, node in zip(contacts, node_of_record[: len(contacts)].tolist(), strict=True):
        node_of_contact[c.id] = node
        if people[node].contact_id is None:
            people[node] = Person(
                full_name(c.first_name, c.last_name),
                c.company,
                c.position,
                c.linkedin_url,
                c.id,
                c.stage,
            )
    for position, node in zip(positions, node_of_record[len(contacts) :].tolist(), strict=True):
        p = people[node]
        if p.contact_id is None and not p.position and position:
            people[node] = Person(p.name, p.company, position, p.linkedin_url)

    mine = [c for c in contacts if c.stage != "prospect"]
    # A share from someone no longer among my contacts is never used.
    friend = np.array([node_of_contact.get(s.from_contact_id, -1) for s in shared], dtype=np.int64)
    used = friend >= 0
    a = np.concatenate([np.full(len(mine), ME, dtype=np.int64), friend[used]])
    b = np.concatenate(
        [
            np.array([node_of_contact[c.id] for c in mine], dtype=np.int64),
            node_of_record[len(contacts) :][row_spelling][used],
        ]
    )
    weight = np.concatenate(
        [
            tie_strengths([score_of.get(c.id, 0.0) for c in mine]),
            np.array([s.strength for s in shared], dtype=np.float64)[used],
        ]
    )
    ea, eb = _same_employer(people, [node_of_contact[c.id] for c in mine])
    graph = TieGraph.from_ties(
        len(people),
        np.concatenate([a, ea]),
        np.concatenate([b, eb]),
        np.concatenate([weight, np.full(len(ea), SAME_EMPLOYER_TIE)]),
    )
    return MemberGraph(graph=graph, people=people, node_of_contact=node_of_contact)


def _same_employer(
    people: list[Person], mine: list[int]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Weak ties between each connected contact and the others at their employer."""
    by_company: dict[str, list[int]] = defaultdict(list)
    for node, person in enumerate(people):
        if node != ME and person.company:
            by_company[" ".join(person.company.casefold().split())].append(node)
    a: list[int] = []
    b: list[int] = []
    for node in mine:
        company = people[node].company
        for other in by_company.get(" ".join(company.casefold().split()), []) if company else []:
            if other != node:
                a.append(node)
                b.append(other)
    return np.array(a, dtype=np.int64), np.array(b, dtype=np.int64)
