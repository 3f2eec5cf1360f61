"""Events in backups: a whole-server backup restores an evening exactly, an organiser's own backup
holds their events (not the other members on their lists), and a broken reference is refused."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from mutuals.io.errors import ImportFailure
from mutuals.services import accounts, attendees, event_plan, events, picks
from mutuals.services.backup import backup_json, member_backup_json, restore
from mutuals.services.context import Workspace, open_workspace
from mutuals.settings import Settings, sqlite_url
from mutuals.store import events as store
from mutuals.store.event_models import EventMatch
from tests.services.event_world import lexical, started


def _evening(workspace: Workspace, tmp_path: Path) -> tuple[Workspace, int, int]:
    ws, event_id = started(lexical(workspace), tmp_path, checked_in=6)
    # The first account takes over the local owner, and with it the first event.
    accounts.add_account(ws, email="ada@example.org", name="Ada", password="long enough")
    olu, _ = accounts.add_account(
        ws, email="olu@example.org", name="Olu", password="long enough", role="organiser"
    )
    member, _ = accounts.add_account(
        ws, email="mia@example.org", name="Mia", password="long enough"
    )
    as_olu = replace(ws, owner_id=olu.id)
    other = events.create_event(
        as_olu, name="Olu's Night", starts_at=datetime(2027, 1, 5, 19, 0), place="York"
    )
    attendees.register(
        ws, other["id"], name="Mia", email="mia@example.org", consent=True, member_id=member.id
    )
    plan = event_plan.plan_json(ws, event_id)["rounds"][0][0]
    picks.pick(ws, event_id, by=plan[0], yes=[plan[1]])
    picks.pick(ws, event_id, by=plan[1], yes=[plan[0]])
    attendees.issue_link(ws, event_id, plan[0])
    return ws, event_id, olu.id


def test_a_server_backup_restores_the_evening_exactly(workspace: Workspace, tmp_path: Path) -> None:
    ws, event_id, _ = _evening(workspace, tmp_path)
    with ws.db.transaction() as session:
        match_id = session.scalar(select(EventMatch.id))
        assert match_id is not None
        assert store.claim_mail(session, match_id=match_id, side="first")  # one side mailed
    first = backup_json(ws.db, owner_id=None)
    tables = json.loads(first)["tables"]
    assert len(tables["events"]) == 2 and len(tables["event_matches"]) == 1
    (match,) = tables["event_matches"]
    assert match["first_mailed_at"] and match["second_mailed_at"] is None
    assert tables["event_reasons"] and tables["event_links"]
    path = tmp_path / "backup.json"
    path.write_text(first, encoding="utf-8")
    target = open_workspace(
        Settings(data_dir=tmp_path, database_url=sqlite_url(tmp_path / "restored.db"))
    )
    try:
        counts = restore(target.db, path)
        assert counts["event_attendees"] == 13 and counts["event_picks"] == 2
        assert backup_json(target.db, owner_id=None) == first
        restored = replace(target, owner_id=ws.owner_id)
        assert events.get_event(restored, event_id)["starts_at"] == "2026-12-10 18:30"
        assert len(picks.matches(restored, event_id)) == 1
    finally:
        target.close()
    # A version-2 backup written before match mail has no mail columns: read as not mailed.
    older = json.loads(first)
    for row in older["tables"]["event_matches"]:
        del row["first_mailed_at"], row["second_mailed_at"]
    path.write_text(json.dumps(older), encoding="utf-8")
    target = open_workspace(
        Settings(data_dir=tmp_path, database_url=sqlite_url(tmp_path / "older.db"))
    )
    try:
        restore(target.db, path)
        (row,) = json.loads(backup_json(target.db, owner_id=None))["tables"]["event_matches"]
        assert row["first_mailed_at"] is None and row["second_mailed_at"] is None
    finally:
        target.close()


def test_an_organisers_backup_holds_their_events_without_other_members(
    workspace: Workspace, tmp_path: Path
) -> None:
    ws, _, olu = _evening(workspace, tmp_path)
    text = member_backup_json(ws.db, olu)
    tables = json.loads(text)["tables"]
    assert [e["name"] for e in tables["events"]] == ["Olu's Night"]
    assert [a["member_id"] for a in tables["event_attendees"]] == [None]
    assert "priya@example.com" not in text  # the other organiser's list stays out
    path = tmp_path / "olu.json"
    path.write_text(text, encoding="utf-8")
    target = open_workspace(
        Settings(data_dir=tmp_path, database_url=sqlite_url(tmp_path / "olu.db"))
    )
    try:
        counts = restore(target.db, path)
        assert (counts["events"], counts["event_attendees"]) == (1, 1)
    finally:
        target.close()


def test_a_pick_naming_another_events_attendee_is_refused(
    workspace: Workspace, tmp_path: Path
) -> None:
    ws, _, _ = _evening(workspace, tmp_path)
    data = json.loads(backup_json(ws.db, owner_id=None))
    outsider = next(a["id"] for a in data["tables"]["event_attendees"] if a["name"] == "Mia")
    data["tables"]["event_picks"][0]["picked_id"] = outsider
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    target = open_workspace(
        Settings(data_dir=tmp_path, database_url=sqlite_url(tmp_path / "broken.db"))
    )
    try:
        with pytest.raises(ImportFailure, match="table event_picks, row 1: names no attendee"):
            restore(target.db, path)
    finally:
        target.close()
