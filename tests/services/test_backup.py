"""Backup → restore → backup gives identical JSON, on both databases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mutuals.io.errors import ImportFailure
from mutuals.services.backup import backup_json, restore
from mutuals.services.contacts import add_contact, tag_contact
from mutuals.services.context import Workspace, open_workspace
from mutuals.services.demo import seed_demo
from mutuals.settings import Settings, sqlite_url


def test_round_trip_is_identical(workspace: Workspace, tmp_path: Path) -> None:
    seed_demo(workspace, people=25)
    add_contact(workspace, name="Zoë Ünicode", emails=["z@example.org"], tags=["vip"])
    tag_contact(workspace, "Zoë Ünicode", add=["friend"])
    first = backup_json(workspace.db, owner_id=None)
    path = tmp_path / "backup.json"
    path.write_text(first, encoding="utf-8")

    target = open_workspace(
        Settings(data_dir=tmp_path, database_url=sqlite_url(tmp_path / "restored.db"))
    )
    try:
        counts = restore(target.db, path)
        assert counts["contacts"] == 26
        assert backup_json(target.db, owner_id=None) == first
        # The restored database keeps working: new rows get fresh ids.
        added = add_contact(target, name="After Restore")
        assert added["id"] == 27
    finally:
        target.close()


def test_restore_refuses_a_database_with_data(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    add_contact(sqlite_workspace, name="Existing Person")
    path = tmp_path / "backup.json"
    path.write_text(backup_json(sqlite_workspace.db, owner_id=None), encoding="utf-8")
    with pytest.raises(ImportFailure, match="already holds"):
        restore(sqlite_workspace.db, path)


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ('{"format": "other"}', "not a mutuals backup")],
)
def test_restore_rejects_bad_files(
    sqlite_workspace: Workspace, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFailure, match=message):
        restore(sqlite_workspace.db, path)


def test_round_trip_keeps_relationship_data(workspace: Workspace, tmp_path: Path) -> None:
    from datetime import date

    from mutuals.services import relationships as rel

    today = date(2026, 11, 26)
    add_contact(workspace, name="Ada Lovelace", tags=["client"])
    rel.log_interaction(
        workspace,
        "Ada",
        channel="call",
        kinds=["advice"],
        direction="gave",
        on=date(2026, 11, 1),
        today=today,
    )
    rel.set_contact_cadence(workspace, "Ada", every=30)
    rel.set_tag_cadence(workspace, "client", every=60)
    rel.snooze(workspace, "Ada", days=3, today=today)
    rel.set_stage(workspace, "Ada", "relationship", on=today, note="lunch")
    first = backup_json(workspace.db, owner_id=None)
    assert '"tag_cadences"' in first and '"stage_changes"' in first
    path = tmp_path / "backup.json"
    path.write_text(first, encoding="utf-8")
    target = open_workspace(
        Settings(data_dir=tmp_path, database_url=sqlite_url(tmp_path / "restored.db"))
    )
    try:
        counts = restore(target.db, path)
        assert counts["stage_changes"] == 1 and counts["tag_cadences"] == 1
        assert backup_json(target.db, owner_id=None) == first
    finally:
        target.close()


BACKUP_HEAD = '{"format": "mutuals-backup", "version": 1, "tables": '


@pytest.mark.parametrize(
    ("tables", "message"),
    [
        ('{"contacts": "x"}', "contacts: expected a list of rows"),
        ('{"contacts": [1]}', "contacts: expected a list of rows"),
        ('{"contacts": [{"id": "x", "owner_id": 1}]}', "'id': table contacts, row 1: Input"),
        ('{"contacts": [{"id": 1, "owner_id": 99, "first_name": "A"}]}', "'last_name': .* requ"),
    ],
)
def test_restore_rejects_malformed_rows_and_writes_nothing(
    workspace: Workspace, tmp_path: Path, tables: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(BACKUP_HEAD + tables + "}", encoding="utf-8")
    before = backup_json(workspace.db, owner_id=None)
    with pytest.raises(ImportFailure, match=message):
        restore(workspace.db, path)
    assert backup_json(workspace.db, owner_id=None) == before


def test_a_member_backup_holds_only_their_data_and_restores(
    workspace: Workspace, tmp_path: Path
) -> None:
    from dataclasses import replace

    from mutuals.services.accounts import add_account
    from mutuals.services.backup import member_backup_json
    from mutuals.services.relationships import log_interaction

    add_account(workspace, email="me@example.org", name="Me", password="long enough")
    bea, _ = add_account(workspace, email="bea@example.org", name="Bea", password="long enough")
    add_contact(workspace, name="Mira Mine", emails=["mira@example.org"])
    as_bea = replace(workspace, owner_id=bea.id)
    add_contact(as_bea, name="Zora Beas", emails=["zora@example.org"])
    day = date(2026, 11, 1)
    log_interaction(
        as_bea, "Zora Beas", channel="call", kinds=["advice"], direction="gave", on=day, today=day
    )
    text = member_backup_json(workspace.db, bea.id)
    assert "Zora" in text and "Mira" not in text and "me@example.org" not in text
    assert "$argon2" not in text
    path = tmp_path / "bea.json"
    path.write_text(text, encoding="utf-8")
    target = open_workspace(
        Settings(data_dir=tmp_path, database_url=sqlite_url(tmp_path / "bea.db"))
    )
    try:
        counts = restore(target.db, path)
        assert (counts["owners"], counts["contacts"], counts["interactions"]) == (1, 1, 1)
        assert counts["interaction_contacts"] == 1
    finally:
        target.close()
