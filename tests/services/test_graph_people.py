"""People of the tie graph: contacts known at once, share-only people read on first use, the
first share that named a person is what is shown, and a replaced share falls back to the key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mutuals.services.contacts import AmbiguousContact, ContactNotFound, add_contact
from mutuals.services.context import Workspace
from mutuals.services.sharing import import_network
from mutuals.services.tie_graph import ME, load_member_graph

TODAY = date(2026, 12, 1)
HEADER = "name,company,position,linkedin_url,strength\n"


def _share(ws: Workspace, folder: Path, friend: str, rows: str) -> None:
    path = folder / f"{friend.split()[0].lower()}.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    import_network(ws, path, from_ref=friend)


def test_people_of_shares_are_read_when_shown(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    ws = sqlite_workspace
    add_contact(ws, name="Bo Chen", company="Acme", emails=["bo@example.org"])
    add_contact(ws, name="Cy Diaz", company="Globex")
    _share(ws, tmp_path, "Bo Chen", "Ana Silva,Initech,CTO,linkedin.com/in/ana-silva,0.6\n")
    _share(
        ws,
        tmp_path,
        "Cy Diaz",
        "ANA  SILVA,initech,,https://www.linkedin.com/in/Ana-Silva/,1.0\n"
        "Dee Eve,Initech,Engineer,,0.5\nDee Eve,Umbrella,Chemist,,0.4\n",
    )
    mg = load_member_graph(ws, today=TODAY)
    assert len(mg.people) == 6  # me, Bo, Cy, Ana, and two different Dee Eves
    assert mg.people[ME].name.casefold() == "me"  # the owner, or "me" when unnamed
    ana = mg.find("ana silva")
    assert mg.people.is_contact(mg.find("Bo Chen")) and not mg.people.is_contact(ana)
    person = mg.people[ana]
    # The first share that named her, as it was written there.
    assert (person.name, person.company, person.position) == ("Ana Silva", "Initech", "CTO")
    assert person.contact_id is None and not person.connected
    initech = mg.at_company(" INITECH ")
    assert sorted((mg.people[n].name, mg.people[n].position) for n in initech) == [
        ("Ana Silva", "CTO"),
        ("Dee Eve", "Engineer"),
    ]
    with pytest.raises(AmbiguousContact):
        mg.find("Dee Eve")
    with pytest.raises(ContactNotFound):
        mg.find("Nobody Known")
    with pytest.raises(IndexError):
        mg.people.prefetch([99])

    # Bo's share is replaced after the graph was read: the key still names her.
    fresh = load_member_graph(ws, today=TODAY)
    _share(ws, tmp_path, "Bo Chen", "Gus Gray,Beta,,,0.5\n")
    node = fresh.find("Ana Silva")
    assert (fresh.people[node].name, fresh.people[node].company) == ("ana silva", "initech")


def test_an_introduction_ties_the_people_it_joined(workspace: Workspace) -> None:
    from mutuals.services.connecting import intro_path, mutual
    from mutuals.services.relationships import log_interaction, set_stage

    ws = workspace
    add_contact(ws, name="Bo Chen", company="Acme")
    add_contact(ws, name="Ana Silva", company="Initech")
    set_stage(ws, "Ana Silva", "prospect", on=TODAY)
    assert intro_path(ws, "Ana Silva", today=TODAY)["paths"] == []
    log_interaction(
        ws,
        "Bo Chen",
        others=["Ana Silva"],
        channel="meeting",
        kinds=["advice", "introduction"],
        direction="received",
        on=TODAY,
        note="Bo introduced me to Ana",
        today=TODAY,
    )
    found = intro_path(ws, "Ana Silva", today=TODAY)
    assert [p["via"] for p in found["paths"]] == [["Bo Chen"]]
    assert mutual(ws, "Ana Silva", today=TODAY)["mutual"][0]["their_strength"] == 0.3
