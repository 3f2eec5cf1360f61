"""Ties from events in the member's graph: tablemates and mutual yeses count, only for the member
who was there, and a one-sided yes changes nothing in anyone's graph."""

from __future__ import annotations

import numpy as np
import pytest

from mutuals.connecting.met import MET_TIE, MUTUAL_YES_TIE
from mutuals.services import picks
from mutuals.services.connecting import intro_path, reach_out
from mutuals.services.contacts import add_contact, resolve_contact
from mutuals.services.context import Workspace
from mutuals.services.sharing import export_network
from mutuals.services.tie_graph import ME, MemberGraph, load_member_graph
from tests.services.met_world import TODAY, World, world_on


@pytest.fixture
def world(workspace: Workspace) -> World:
    return world_on(workspace)


def _ties(mg: MemberGraph) -> dict[tuple[str, str], float]:
    """Every tie by the names at both ends (sorted), with its strength."""
    out: dict[tuple[str, str], float] = {}
    for u in range(mg.graph.n_nodes):
        for v, s in zip(mg.graph.neighbours(u), mg.graph.tie_strengths(u), strict=True):
            if u < int(v):
                a, b = sorted((mg.name_of(u), mg.name_of(int(v))))
                out[(a, b)] = round(float(s), 6)
    return out


def _snapshot(ws: Workspace) -> tuple[dict[tuple[str, str], float], list[str], list[np.ndarray]]:
    mg = load_member_graph(ws, today=TODAY)
    names = [mg.name_of(n) for n in range(mg.graph.n_nodes)]
    arrays = [mg.graph.indptr.copy(), mg.graph.indices.copy(), mg.graph.strength.copy()]
    return _ties(mg), names, arrays


def test_tablemates_of_held_rounds_are_tied_to_me_and_at_my_table_to_each_other(
    world: World,
) -> None:
    ties, names, _ = _snapshot(world.mia)
    assert ties == {
        ("Ana Silva", "Mia Moss"): MET_TIE,
        ("Bo Chen", "Mia Moss"): MET_TIE,
        ("Cy Diaz", "Mia Moss"): MET_TIE,
        ("Ana Silva", "Bo Chen"): MET_TIE,  # Mia saw them meet at her table
    }
    # Di and Ed met people, but never at Mia's table in a round held: Mia knows nothing of them.
    assert "Di Ezra" not in names and "Ed Fox" not in names


def test_a_tablemate_is_known_by_what_the_table_showed(world: World) -> None:
    mg = load_member_graph(world.mia, today=TODAY)
    bo = mg.people[mg.find("Bo Chen")]
    assert (bo.name, bo.company, bo.linkedin_url, bo.contact_id) == (
        "Bo Chen",
        "Chen Ltd",
        "",
        None,
    )
    assert mg.node_met_at[(world.event_id, world.ids["Bo Chen"])] == mg.find("Bo Chen")


def test_a_contact_met_at_the_event_is_one_person(world: World) -> None:
    add_contact(world.mia, name="Ana Silva", company="Silva Ltd")
    # Same email as Bo's registration, another name: an email Mia was never given must not
    # merge the two, or she would learn it.
    add_contact(world.mia, name="Robert Chen", emails=["bo@ex.org"])
    mg = load_member_graph(world.mia, today=TODAY)
    ana = mg.find("Ana Silva")
    assert mg.people[ana].contact_id is not None
    assert mg.find("Bo Chen") != mg.find("Robert Chen")
    # Ana, a contact now, is on a path to Bo: she sat with him at Mia's table.
    assert mg.graph.tie(ana, mg.find("Bo Chen")) == MET_TIE


def test_a_mutual_yes_is_a_stronger_tie(world: World) -> None:
    ids = world.ids
    picks.answer(world.organiser, world.event_id, ids["Mia Moss"], ids["Cy Diaz"], yes=True)
    assert picks.answer(world.organiser, world.event_id, ids["Cy Diaz"], ids["Mia Moss"], yes=True)
    mg = load_member_graph(world.mia, today=TODAY)
    cy = mg.find("Cy Diaz")
    # The hand-over made Cy a contact; the match is one node with that contact, tied at least
    # as strongly as a mutual yes.
    assert mg.people[cy].connected
    tie = mg.graph.tie(ME, cy)
    assert tie is not None and tie >= MUTUAL_YES_TIE
    assert mg.graph.tie(ME, mg.find("Bo Chen")) == MET_TIE
    found = intro_path(world.mia, "Cy Diaz", today=TODAY)
    assert found["advice"] == "connected"


def test_a_one_sided_yes_leaves_every_graph_as_it_was(world: World) -> None:
    ids = world.ids
    before_mia, before_ana = _snapshot(world.mia), _snapshot(world.ana)
    # Ana says yes to Mia, and Mia says yes to Bo; neither is answered.
    picks.answer(world.organiser, world.event_id, ids["Ana Silva"], ids["Mia Moss"], yes=True)
    picks.answer(world.organiser, world.event_id, ids["Mia Moss"], ids["Bo Chen"], yes=True)
    # Cy says no to Mia: a no is as private as a yes.
    picks.answer(world.organiser, world.event_id, ids["Cy Diaz"], ids["Mia Moss"], yes=False)
    for before, ws in ((before_mia, world.mia), (before_ana, world.ana)):
        ties, names, arrays = _snapshot(ws)
        assert (ties, names) == (before[0], before[1])
        for old, new in zip(before[2], arrays, strict=True):
            np.testing.assert_array_equal(old, new)
    assert _snapshot(world.ana)[0] == {
        ("Ana Silva", "Bo Chen"): MET_TIE,
        ("Ana Silva", "Mia Moss"): MET_TIE,
        ("Ana Silva", "Di Ezra"): MET_TIE,
        ("Bo Chen", "Mia Moss"): MET_TIE,
    }


def test_someone_not_on_the_list_gets_nothing_from_the_event(world: World) -> None:
    # The organiser ran the evening but sat at no table: no ties from it in their own graph.
    ties, names, _ = _snapshot(world.organiser)
    assert ties == {} and names == [names[0]]


def test_tablemates_stay_out_of_what_the_member_shares(world: World) -> None:
    # Who sat at Mia's tables is Mia's to know: her exported network holds contacts only.
    exported, count = export_network(world.mia, today=TODAY)
    assert count == 0
    assert b"Bo Chen" not in exported and b"Ana Silva" not in exported


def test_reaching_out_to_a_tablemate_adds_only_what_the_table_showed(world: World) -> None:
    reached = reach_out(world.mia, "Bo Chen", channel="event", on=TODAY, today=TODAY)
    assert (reached["added"], reached["stage"]) == (True, "prospect")
    bo = resolve_contact(world.mia, "Bo Chen")
    assert (bo["company"], bo["linkedin_url"], bo["emails"]) == ("Chen Ltd", "", [])
    # Still one person: the new prospect is the tablemate, tied as before.
    mg = load_member_graph(world.mia, today=TODAY)
    assert mg.graph.tie(ME, mg.find("Bo Chen")) == MET_TIE
