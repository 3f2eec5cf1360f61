"""Follow-up picks: double opt-in, the hand-over into members' networks, the organiser's figures,
and 500 phones answering at once on PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mutuals.events.followup import partners
from mutuals.services import accounts, attendees, event_plan, event_run, events, picks
from mutuals.services.contacts import add_contact, list_contacts
from mutuals.services.context import Workspace, open_workspace
from mutuals.settings import Settings
from mutuals.store.database import open_database
from mutuals.store.event_models import Event, EventMatch, EventPick
from mutuals.store.models import Contact, Interaction, StageChange
from tests.services.event_world import START, at, later, lexical, started


def _ids(ws: Workspace, event_id: int) -> dict[str, int]:
    return {a["name"]: a["id"] for a in attendees.list_attendees(ws, event_id)}


def _partner(ws: Workspace, event_id: int, name: str) -> str:
    with ws.db.transaction() as session:
        event = session.get_one(Event, event_id)
        assert event.plan is not None
        rounds = event.plan["rounds"][: event.current_round]
    ids = _ids(ws, event_id)
    names = {i: n for n, i in ids.items()}
    return names[partners(rounds, ids[name])[0]]


def test_only_a_yes_from_both_sides_matches(workspace: Workspace, tmp_path: Path) -> None:
    ws, event_id = started(lexical(workspace), tmp_path)
    other = _partner(ws, event_id, "Priya Shah")
    stranger = next(
        n for n in _ids(ws, event_id) if n not in ("Priya Shah", other) and n != "Ben Clarke"
    )
    with pytest.raises(picks.NotMet, match="did not sit with"):
        picks.pick(ws, event_id, by="Priya Shah", yes=[stranger])
    assert picks.pick(ws, event_id, by="Priya Shah", yes=[other])["new_matches"] == []
    assert picks.matches(ws, event_id) == []
    done = picks.pick(ws, event_id, by=other, yes=["Priya Shah"])
    assert done["new_matches"] == ["Priya Shah"]
    found = picks.matches(ws, event_id)
    assert [sorted(p["name"] for p in m["people"]) for m in found] == [
        sorted(["Priya Shah", other])
    ]
    assert found[0]["met_in_round"] == 1
    # Changing one's mind undoes the match.
    picks.pick(ws, event_id, by=other, yes=[], no=["Priya Shah"])
    assert picks.matches(ws, event_id) == []


def test_a_mutual_match_enters_each_members_network_as_connected(
    workspace: Workspace, tmp_path: Path
) -> None:
    ws = lexical(at(workspace, START))
    ada, _ = accounts.add_account(ws, email="ada@example.org", name="Ada", password="long enough")
    bea, _ = accounts.add_account(ws, email="bea@example.org", name="Bea", password="long enough")
    event = events.create_event(
        ws, name="Hour of Power", starts_at=datetime(2026, 12, 10, 18, 30), place="Leeds", rounds=1
    )
    for account, company in ((ada, "Analytical"), (bea, "Bea Ltd")):
        attendees.register(
            ws,
            event["id"],
            name=account.name,
            email=account.email,
            company=company,
            consent=True,
            member_id=account.id,
        )
    # Ada already knows Bea by email: the match merges into that contact, adding nothing twice.
    as_ada = replace(ws, owner_id=ada.id)
    add_contact(as_ada, name="Bea Known", emails=["BEA@example.org"])
    event_plan.check_in(ws, event["id"], ["Ada", "Bea"])
    event_plan.plan_event(ws, event["id"], weights="none")
    event_run.step(ws, event["id"], "start")
    ids = _ids(ws, event["id"])
    picks.answer(ws, event["id"], ids["Ada"], ids["Bea"], yes=True)
    assert picks.answer(ws, event["id"], ids["Bea"], ids["Ada"], yes=True) is True
    # Answering again changes nothing: the hand-over happens once.
    picks.answer(ws, event["id"], ids["Bea"], ids["Ada"], yes=True)
    with ws.db.transaction() as session:
        for owner, expected_name in ((ada.id, "Bea Known"), (bea.id, "Ada")):
            contacts = session.scalars(select(Contact).where(Contact.owner_id == owner)).all()
            assert [(c.full_name, c.stage) for c in contacts] == [(expected_name, "connected")]
            logged = session.scalars(select(Interaction).where(Interaction.owner_id == owner)).all()
            assert [(i.channel, i.occurred_at.date().isoformat()) for i in logged] == [
                ("event", "2026-12-10")
            ]
        # Bea's new contact starts its history at "connected"; Ada's known contact already was.
        assert session.scalar(select(func.count()).select_from(StageChange)) == 1
    assert list_contacts(as_ada)[0]["company"] == "Bea Ltd"


def test_stats_count_attendance_picks_and_early_matches(
    workspace: Workspace, tmp_path: Path
) -> None:
    ws, event_id = started(lexical(workspace), tmp_path, checked_in=10, rounds=4)
    other = _partner(ws, event_id, "Priya Shah")
    picks.pick(ws, event_id, by="Priya Shah", yes=[other])
    picks.pick(ws, event_id, by=other, yes=["Priya Shah"])
    for _ in range(3):
        ws = later(ws, minutes=8)
        event_run.step(ws, event_id, "next")
    event_run.step(ws, event_id, "end")
    stats = picks.event_stats(ws, event_id)
    assert (stats["attended"], stats["no_shows"], stats["registered"]) == (10, 2, 12)
    assert (stats["picks"], stats["matches"], stats["matches_first_half"]) == (2, 1, 1)
    assert stats["match_rate"] == 0.2


@pytest.mark.postgres
@pytest.mark.slow
def test_500_phones_picking_at_once_lose_nothing(postgres_url: str, tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path / "data", database_url=postgres_url, similarity_backend="lexical"
    )
    base = open_workspace(settings)
    try:
        ws = at(base, START)
        people = tmp_path / "people.csv"
        lines = ["name,email,company,headline,interests,offers,needs"]
        lines += [f"Person {i:03d},p{i}@example.org,Co {i},,,," for i in range(100)]
        people.write_text("\n".join(lines) + "\n", encoding="utf-8")
        event = events.create_event(
            ws, name="Big", starts_at=START.replace(tzinfo=None), place="Leeds", rounds=5
        )
        attendees.import_attendees(ws, event["id"], people)
        event_plan.check_in(ws, event["id"], [f"Person {i:03d}" for i in range(100)])
        event_plan.plan_event(ws, event["id"], weights="none")
        event_run.step(ws, event["id"], "start")
        for _ in range(4):
            event_run.step(ws, event["id"], "next")
        with ws.db.transaction() as session:
            plan = session.get_one(Event, event["id"]).plan
            assert plan is not None
        # Everyone answers about each of their five partners: 500 answers, all yes.
        answers = [
            (a, b) for tables in plan["rounds"] for t in tables for a in t for b in t if a != b
        ]
        assert len(answers) == 500
        # A pool as wide as the crowd of threads, so that the answers really overlap.
        db = open_database(postgres_url, clock=ws.clock, pool_size=50, max_overflow=0)
        wide = replace(ws, db=db)
        try:
            with ThreadPoolExecutor(max_workers=50) as pool:
                results = list(
                    pool.map(
                        lambda p: picks.answer(wide, event["id"], p[0], p[1], yes=True), answers
                    )
                )
        finally:
            db.dispose()
        with ws.db.transaction() as session:
            stored = session.scalar(select(func.count()).select_from(EventPick))
            claimed = session.scalar(select(func.count()).select_from(EventMatch))
        assert stored == 500
        # Every pair of partners said yes both ways: 250 matches, each claimed exactly once.
        assert claimed == 250
        assert sum(results) == 250
        assert len(picks.matches(ws, event["id"])) == 250
    finally:
        base.close()
