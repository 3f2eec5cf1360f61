"""The people of a member's tie graph: who each node is, read lazily for people known from shares.

My contacts (and I) are known at once. A person known only from a friend's or a member's share
is held as a key (name and company, normalised) and the id of the share row that first named
them; their name, company, position and URL are read on first use, a batch at a time, so that
loading a graph of 100,000 shared ties reads no text beyond the keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutuals.connecting import TieGraph, name_company_key
from mutuals.services.contacts import AmbiguousContact, ContactNotFound

ME = 0

# Reads share rows by id: positive ids are a friend's shared ties, negative ones community ties.
DetailReader = Callable[[list[int]], Mapping[int, Any]]


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


class People:
    """Every node's ``Person``, indexable by node; share-only people are read on first use."""

    def __init__(
        self,
        known: dict[int, Person],
        name_keys: list[str],
        company_keys: list[str],
        sources: NDArray[np.int64],
        read: DetailReader,
    ) -> None:
        self._known = known
        self.name_keys = name_keys
        self.company_keys = company_keys
        self._sources = sources
        self._read = read

    def __len__(self) -> int:
        return len(self.name_keys)

    def __getitem__(self, node: int) -> Person:
        person = self._known.get(node)
        if person is None:
            self.prefetch([node])
            person = self._known[node]
        return person

    def is_contact(self, node: int) -> bool:
        """Whether ``node`` is one of my contacts (or me), without reading anything."""
        person = self._known.get(node)
        return person is not None and (node == ME or person.contact_id is not None)

    def prefetch(self, nodes: Iterable[int]) -> None:
        """Read the share rows of every node of ``nodes`` not yet known, in one batch."""
        wanted = {int(n) for n in nodes if int(n) not in self._known}
        if not wanted:
            return
        bad = [n for n in wanted if not 0 <= n < len(self)]
        if bad:
            raise IndexError(f"no person {bad[0]} in a graph of {len(self)}")
        source_of = {n: int(self._sources[n]) for n in wanted}
        rows = self._read(sorted(set(source_of.values())))
        for node, source in source_of.items():
            row = rows.get(source)
            self._known[node] = (
                Person(row.name, row.company, row.position, row.linkedin_url)
                if row is not None
                # The share was replaced since the graph was read: what the key says.
                else Person(self.name_keys[node], self.company_keys[node])
            )


@dataclass(frozen=True)
class MemberGraph:
    """The tie graph with what is known of each node; ``people[0]`` is the member."""

    graph: TieGraph
    people: People
    node_of_contact: dict[int, int]
    # (event id, attendee id) of everyone I met at an event, to their node.
    node_met_at: dict[tuple[int, int], int] = field(default_factory=dict)

    def name_of(self, node: int) -> str:
        return self.people[node].name

    def contact_nodes(self) -> list[int]:
        """The nodes of my contacts (prospects included), ascending."""
        return sorted(set(self.node_of_contact.values()))

    def find(self, ref: str) -> int:
        """The node named by ``ref``: a contact id (``12``, ``#12``) or a full name, searched
        among my contacts, my friends' shared networks and the people I sat with at events."""
        text = ref.strip()
        digits = text.removeprefix("#")
        if digits.isascii() and digits.isdigit():
            node = self.node_of_contact.get(int(digits))
            if node is None:
                raise ContactNotFound(f"no contact with id {digits}")
            return node
        key, _ = name_company_key(text, "")
        found = [n for n, k in enumerate(self.people.name_keys) if n != ME and k == key]
        if not found:
            raise ContactNotFound(
                f"no one named '{text}' among your contacts, your friends' shared networks "
                "or the people you sat with at events"
            )
        contacts = [n for n in found if self.people.is_contact(n)]
        if len(found) > 1 and len(contacts) != 1:
            self.people.prefetch(found)
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
        if not key:
            return []
        return [n for n, k in enumerate(self.people.company_keys) if n != ME and k == key]
