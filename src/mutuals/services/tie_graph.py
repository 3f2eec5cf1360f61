"""Loading the member's tie graph: me, my contacts, and the people my friends shared, as CSR arrays.

Node 0 is the member. My ties weigh each connected contact's relationship strength (a prospect is
someone I am still trying to reach, so no tie). Friends' shares add their ties; the same person
across my contacts and the shares is one node (LinkedIn URL, then email, then name + company).
People at the same employer as one of my contacts get a weak tie to that contact, and contacts
who took part in the same introduction (an interaction of kind "introduction") a tie to each
other. Events I attended add my tablemates, who met whom at my tables, and my mutual yeses (see
met_ties). On a community server, members who share their network (and are my contacts, known by
email) add their ties too.

Each shared row carries its person key (computed when stored): the load reads ids, keys and
strengths as columns, resolves each distinct key once, and builds the arrays with NumPy.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from itertools import chain, combinations
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutuals.connecting import (
    TieGraph,
    name_company_key,
    resolve_keyed,
    split_person_key,
    tie_strengths,
    url_key,
)
from mutuals.relationships import strength_scores
from mutuals.services.context import Workspace
from mutuals.services.graph_people import ME, DetailReader, MemberGraph, People, Person
from mutuals.services.met_ties import ME_INDEX, met_at_events
from mutuals.services.network import engine_settings, full_name, load_network
from mutuals.store import community as community_store
from mutuals.store import connecting as store
from mutuals.store.models import Owner

__all__ = [
    "INTRODUCTION_TIE",
    "ME",
    "SAME_EMPLOYER_TIE",
    "MemberGraph",
    "Person",
    "load_member_graph",
]

# Working at the same employer is a weak tie: worth a path only when nothing better exists.
SAME_EMPLOYER_TIE = 0.1
# People I introduced to each other (or who introduced me) know each other, if not well yet.
INTRODUCTION_TIE = 0.3


def _reader(ws: Workspace) -> DetailReader:
    """Reads share rows by source id for the people of the graph (see graph_people)."""

    def read(sources: list[int]) -> Mapping[int, Any]:
        with ws.db.transaction() as session:
            shared = store.shared_tie_details(
                session, owner_id=ws.owner_id, ids=[s for s in sources if s > 0]
            )
            community = community_store.community_tie_details(
                session, ids=[-s for s in sources if s < 0]
            )
        return {**shared, **{-i: row for i, row in community.items()}}

    return read


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector: reading 100,000s of rows makes as many tuples,
    which would set off collections that find nothing to free (they cost a third of a load)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def load_member_graph(ws: Workspace, *, today: date) -> MemberGraph:
    """Read contacts, relationship strengths and shared ties, and build the member's graph."""
    with _collector_paused():
        return _load(ws, today=today)


def _load(ws: Workspace, *, today: date) -> MemberGraph:
    with ws.db.transaction() as session:
        owner = session.get(Owner, ws.owner_id)
        contacts = store.contact_identity_columns(session, owner_id=ws.owner_id)
        shared = store.shared_tie_keys(session, owner_id=ws.owner_id)
        introductions = store.introduction_links(session, owner_id=ws.owner_id)
        met = met_at_events(session, owner_id=ws.owner_id)
        members = community_store.sharing_members(session, exclude_owner=ws.owner_id)
        member_contact = _member_contacts(contacts, members)
        community = community_store.community_tie_keys(session, owner_ids=member_contact)
    network = load_network(ws)
    scores = strength_scores(network.arrays, today=today, params=engine_settings(ws).strength)
    score_of = dict(zip(network.arrays.contact_ids.tolist(), scores.tolist(), strict=True))

    # Each distinct person key is resolved once, in order of first appearance (friends' shares,
    # then the community's), after my contacts, so that the earliest record names a person.
    rows = list(shared) + list(community)
    code_of: dict[str, int] = {}
    codes = np.fromiter(
        (code_of.setdefault(r[3], len(code_of)) for r in rows), dtype=np.int64, count=len(rows)
    )
    numbers = np.fromiter(
        chain.from_iterable(r[:3] for r in rows), dtype=np.float64, count=3 * len(rows)
    ).reshape(-1, 3)
    parts = [split_person_key(k) for k in code_of]
    names = [full_name(c.first_name, c.last_name) for c in contacts]
    records: list[tuple[str, list[str], tuple[str, str] | None]] = [
        (
            url_key(c.linkedin_url),
            sorted({e.strip().casefold() for e in c.emails or () if e.strip()}),
            name_company_key(name, c.company) if name.strip() else None,
        )
        for c, name in zip(contacts, names, strict=True)
    ]
    records += [(url, [], (n, co) if n else None) for url, n, co in parts]
    records += met.records
    node_of_record = np.array(resolve_keyed(records), dtype=np.int64) + 1
    n_nodes = int(node_of_record.max()) + 1 if len(node_of_record) else 1
    node_of_code = node_of_record[len(contacts) : len(contacts) + len(parts)]
    node_of_met = node_of_record[len(contacts) + len(parts) :]

    known: dict[int, Person] = {ME: Person((owner.name if owner is not None else "") or "me")}
    name_keys = [""] * n_nodes
    company_keys = [""] * n_nodes
    node_of_contact: dict[int, int] = {}
    for c, name, node in zip(
        contacts, names, node_of_record[: len(contacts)].tolist(), strict=True
    ):
        node_of_contact[c.id] = node
        if node not in known:
            known[node] = Person(name, c.company, c.position, c.linkedin_url, c.id, c.stage)
            name_keys[node], company_keys[node] = name_company_key(name, c.company)
    named = np.zeros(n_nodes, dtype=bool)
    named[list(known)] = True
    for (_, n, co), node in zip(parts, node_of_code.tolist(), strict=True):
        if not named[node]:
            named[node] = True
            name_keys[node], company_keys[node] = n, co
    # Someone known only from an event: what the table showed of them (read here, as they are
    # few, rather than lazily as shared people are).
    for (_, _, key), person, node in zip(
        met.records, met.persons, node_of_met.tolist(), strict=True
    ):
        if not named[node] and key is not None:
            named[node] = True
            known[node] = person
            name_keys[node], company_keys[node] = key
    # The share row that first named each person: what is shown of them (negative: community).
    row_source = numbers[:, 0].astype(np.int64)
    row_source[len(shared) :] *= -1
    first_row = np.unique(codes, return_index=True)[1]
    sources = np.zeros(n_nodes, dtype=np.int64)
    sources[node_of_code[::-1]] = row_source[first_row][::-1]

    mine = [c for c in contacts if c.stage != "prospect"]
    mine_nodes = np.array([node_of_contact[c.id] for c in mine], dtype=np.int64)
    sharer = numbers[:, 1].astype(np.int64)
    friend = np.concatenate(
        [
            _lookup(node_of_contact, sharer[: len(shared)]),
            _lookup(
                {o: node_of_contact[c] for o, c in member_contact.items()}, sharer[len(shared) :]
            ),
        ]
    )
    used = friend >= 0
    ea, eb = _same_employer(company_keys, mine_nodes)
    ia, ib = _introduced(introductions, node_of_contact)
    ma, mb = (
        np.where(ends == ME_INDEX, ME, node_of_met[np.maximum(ends, 0)]) for ends in (met.a, met.b)
    )
    graph = TieGraph.from_ties(
        n_nodes,
        np.concatenate([np.full(len(mine), ME, dtype=np.int64), friend[used], ea, ia, ma]),
        np.concatenate([mine_nodes, node_of_code[codes][used], eb, ib, mb]),
        np.concatenate(
            [
                tie_strengths([score_of.get(c.id, 0.0) for c in mine]),
                numbers[:, 2][used],
                np.full(len(ea), SAME_EMPLOYER_TIE),
                np.full(len(ia), INTRODUCTION_TIE),
                met.strength,
            ]
        ),
    )
    people = People(known, name_keys, company_keys, sources, _reader(ws))
    met_at = dict(zip(met.keys, node_of_met.tolist(), strict=True))
    return MemberGraph(
        graph=graph, people=people, node_of_contact=node_of_contact, node_met_at=met_at
    )


def _lookup(node_of: dict[int, int], ids: NDArray[np.int64]) -> NDArray[np.int64]:
    """``node_of[id]`` for each id; -1 where there is none (a tie that is never used)."""
    if not len(ids):
        return np.zeros(0, dtype=np.int64)
    table = np.full(max(int(ids.max()), max(node_of, default=0)) + 1, -1, dtype=np.int64)
    if node_of:
        table[list(node_of)] = list(node_of.values())
    return table[ids]


def _member_contacts(contacts: Sequence[Any], members: dict[int, str]) -> dict[int, int]:
    """My contact (by id) who is each sharing member (by owner id), known by an email; a member
    I do not know is left out, since their ties are not second-degree for me."""
    by_email: dict[str, int] = {}
    for c in contacts:
        for e in c.emails or ():
            by_email.setdefault(e.strip().casefold(), int(c.id))
    found = {owner: by_email.get(email.strip().casefold()) for owner, email in members.items()}
    return {owner: contact for owner, contact in found.items() if contact is not None}


def _introduced(
    links: Sequence[Any], node_of_contact: dict[int, int]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Ties between every two contacts who took part in the same introduction."""
    groups: dict[int, list[int]] = {}
    for interaction_id, contact_id in links:
        node = node_of_contact.get(int(contact_id))
        if node is not None:
            groups.setdefault(int(interaction_id), []).append(node)
    pairs = [(a, b) for nodes in groups.values() for a, b in combinations(nodes, 2)]
    a = np.array([p[0] for p in pairs], dtype=np.int64)
    b = np.array([p[1] for p in pairs], dtype=np.int64)
    return a, b


def _same_employer(
    company_keys: list[str], mine: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Weak ties between each connected contact and the others at their employer."""
    code_of: dict[str, int] = {"": -1}
    code = np.fromiter(
        (code_of.setdefault(k, len(code_of) - 1) for k in company_keys),
        dtype=np.int64,
        count=len(company_keys),
    )
    code[ME] = -1
    members = np.flatnonzero(code >= 0)
    members = members[np.argsort(code[members], kind="stable")]
    group_code = code[members]
    mine_code = code[mine]
    mine = mine[mine_code >= 0]
    mine_code = mine_code[mine_code >= 0]
    start = np.searchsorted(group_code, mine_code, side="left")
    count = np.searchsorted(group_code, mine_code, side="right") - start
    a = np.repeat(mine, count)
    offsets = np.arange(int(count.sum()), dtype=np.int64) - np.repeat(
        np.cumsum(count) - count, count
    )
    b = members[np.repeat(start, count) + offsets]
    keep = a != b
    return a[keep], b[keep]
