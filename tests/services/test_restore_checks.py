"""Restore refuses any backup it cannot restore faithfully, before writing anything, naming the
table, row and field; and `export json` holds the current owner's network only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mutuals.io.errors import ImportFailure
from mutuals.services import relationships as rel
from mutuals.services.backup import READS, backup, backup_json, restore
from mutuals.services.backup_schema import LATE_COLUMNS
from mutuals.services.community import set_sharing
from mutuals.services.connecting import reach_out
from mutuals.services.contacts import add_contact, list_contacts
from mutuals.services.context import Workspace, open_workspace
from mutuals.services.exports import export_contacts
from mutuals.services.imports import import_file
from mutuals.services.sharing import export_network, import_network
from mutuals.settings import Settings, sqlite_url
from mutuals.store.contacts import create_contact
from mutuals.store.owners import create_owner

TODAY = date(2026, 11, 26)


def _source(folder: Path) -> Iterator[Workspace]:
    ws = open_workspace(Settings(data_dir=folder, database_url=sqlite_url(folder / "source.db")))
    try:
        add_contact(ws, name="Ada Lovelace", emails=["ada@example.org"], company="Engines")
        add_contact(ws, name="Grace Hopper", tags=["client"])
        rel.log_interaction(
            ws, "Ada", channel="call", kinds=["advice"], direction="gave", on=TODAY, today=TODAY
        )
        rel.set_tag_cadence(ws, "client", every=30)
        rel.set_stage(ws, "Grace", "relationship", on=TODAY)
        folder.joinpath("c.csv").write_text("name,email,headline,offers\nAl Bo,al@x.org,h,o\n")
        import_file(ws, kind="csv", path=folder / "c.csv")
        # Connecting's tables: a friend's shared network, an outreach, community ties.
        payload, _ = export_network(ws, today=TODAY)
        folder.joinpath("net.csv").write_bytes(payload)
        import_network(ws, folder / "net.csv", from_ref="Grace")
        reach_out(ws, "Al Bo", channel="email", on=TODAY, today=TODAY)
        set_sharing(ws, on=True)
        _evening(ws, folder)
        yield ws
    finally:
        ws.close()


def _evening(ws: Workspace, folder: Path) -> None:
    """The event tables: an event, its list, a private link, a mutual match and its reasons."""
    from dataclasses import replace
    from datetime import datetime

    from mutuals.services import attendees, event_plan, event_run, events, picks

    fast = replace(ws, settings=ws.settings.model_copy(update={"similarity_backend": "lexical"}))
    event = events.create_event(
        fast, name="Night", starts_at=datetime(2026, 12, 10, 18, 30), place="Leeds", rounds=1
    )
    folder.joinpath("people.csv").write_text(
        "name,email,company,headline,interests,offers,needs\n"
        "Kim Lee,kim@x.org,K,h,chess,advice,clients\nLou Ray,lou@x.org,L,h,chess,clients,advice\n"
    )
    attendees.import_attendees(fast, event["id"], folder / "people.csv")
    event_plan.check_in(fast, event["id"], ["Kim Lee", "Lou Ray"])
    event_plan.plan_event(fast, event["id"], weights="none")
    event_run.step(fast, event["id"], "start")
    picks.pick(fast, event["id"], by="Kim Lee", yes=["Lou Ray"])
    picks.pick(fast, event["id"], by="Lou Ray", yes=["Kim Lee"])
    attendees.issue_link(fast, event["id"], "Kim Lee")


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A backup with a row in every table."""
    folder = tmp_path_factory.mktemp("source")
    for ws in _source(folder):
        data = backup(ws.db, owner_id=ws.owner_id)
    empty = [name for name, rows in data["tables"].items() if not rows]
    assert empty == [], empty
    return data


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _refused(workspace: Workspace, path: Path) -> ImportFailure:
    before = backup_json(workspace.db, owner_id=None)
    with pytest.raises(ImportFailure) as caught:
        restore(workspace.db, path)
    assert backup_json(workspace.db, owner_id=None) == before
    return caught.value


def _columns(good: dict[str, Any]) -> list[tuple[str, str]]:
    """Every required column (not the few added to version 2 late, which may be absent)."""
    return [
        (table, column)
        for table, rows in good["tables"].items()
        for column in rows[0]
        if column not in LATE_COLUMNS.get(table, ())
    ]


def test_the_good_backup_restores_identically(
    workspace: Workspace, tmp_path: Path, good: dict[str, Any]
) -> None:
    restore(workspace.db, _write(tmp_path, good))
    assert backup(workspace.db, owner_id=workspace.owner_id)["tables"] == good["tables"]


@pytest.mark.parametrize("missing", [0])
def test_every_missing_column_is_refused_by_name(
    workspace: Workspace, tmp_path: Path, good: dict[str, Any], missing: int
) -> None:
    # Once deleting "first_name" from one contact emptied it for every contact.
    columns = _columns(good)
    assert len(columns) > 40
    for table, column in columns:
        data = json.loads(json.dumps(good))
        del data["tables"][table][-1][column]
        failure = _refused(workspace, _write(tmp_path, data))
        row = len(data["tables"][table])
        assert failure.field == column, (table, column, failure)
        assert f"table {table}, row {row}" in failure.message


@pytest.mark.parametrize(
    ("table", "column", "value", "message"),
    [
        ("contacts", "offers", 5, "valid list"),
        ("contacts", "offers", ["ok", 5], "valid string"),
        ("contacts", "stage", "bogus", "'prospect'"),
        ("contacts", "id", 10**30, "less than or equal"),
        ("contacts", "owner_id", "1", "valid integer"),
        ("contacts", "first_name", "x" * 201, "at most 200"),
        ("contacts", "first_name", "a\x00b", "NUL"),
        ("contacts", "notes", "\ud800", "unicode string"),
        ("contacts", "connected_on", "9999-12-31", "outside"),
        ("contacts", "connected_on", 20211231, "written as text"),
        ("contacts", "linkedin_url", "https://example.org/x", "LinkedIn"),
        ("contacts", "cadence_every_days", 10**6, "less than or equal"),
        ("owners", "is_default", 1, "valid boolean"),
        ("interactions", "channel", "pigeon", "'event'"),
        ("interactions", "kinds", ["bribe"], "'trust'"),
        ("interactions", "occurred_at", "0001-01-01T00:00:00+00:00", "outside"),
        ("interaction_contacts", "contact_id", 999, "absent contact"),
        ("stage_changes", "contact_id", 999, "absent"),
        ("tag_cadences", "max_days", 1, "less than every_days"),
        ("import_runs", "detail", {"a": "\x00"}, "NUL"),
        ("import_runs", "added", -1, "greater than or equal"),
    ],
)
def test_wrong_values_are_refused_by_table_row_and_field(
    workspace: Workspace,
    tmp_path: Path,
    good: dict[str, Any],
    table: str,
    column: str,
    value: Any,
    message: str,
) -> None:
    data = json.loads(json.dumps(good))
    data["tables"][table][0][column] = value
    failure = _refused(workspace, _write(tmp_path, data))
    assert failure.field is not None and failure.field.split(".")[0] == column, failure
    assert failure.message.startswith(f"table {table}, row 1")
    assert message in failure.message, failure.message


def test_duplicate_keys_and_owners_are_refused(
    workspace: Workspace, tmp_path: Path, good: dict[str, Any]
) -> None:
    data = json.loads(json.dumps(good))
    twin = dict(data["tables"]["contacts"][0], id=500)
    data["tables"]["contacts"].append(twin)
    failure = _refused(workspace, _write(tmp_path, data))
    assert "repeats row 1" in failure.message and failure.field in ("linkedin_url", "emails")

    data = json.loads(json.dumps(good))
    data["tables"]["owners"].append(dict(data["tables"]["owners"][0], id=2, email=None))
    assert "one owner" in _refused(workspace, _write(tmp_path, data)).message

    server = json.loads(json.dumps(good), object_hook=dict)
    server["scope"] = "server"
    server["tables"]["owners"][0]["is_default"] = False
    failure = _refused(workspace, _write(tmp_path, server))
    assert failure.field == "is_default" and "exactly one owner" in failure.message


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"version": 3}, "unsupported backup version 3; this mutuals reads versions 1, 2"),
        ({"version": "1"}, "unsupported backup version '1'"),
        ({"tables": {"spies": []}}, "unknown tables spies"),
        ({"extra": True}, "Extra inputs"),
    ],
)
def test_the_format_version_is_checked(
    workspace: Workspace, tmp_path: Path, good: dict[str, Any], change: dict[str, Any], message: str
) -> None:
    assert READS == (1, 2)
    data = {**json.loads(json.dumps(good)), **change}
    assert message in str(_refused(workspace, _write(tmp_path, data)))


def test_a_version_1_backup_without_later_columns_still_restores(
    workspace: Workspace, tmp_path: Path, good: dict[str, Any]
) -> None:
    old = json.loads(json.dumps(good))
    old["version"] = 1
    del old["scope"]
    for owner in old["tables"]["owners"]:
        for column in ("role", "password_hash", "shares_network"):
            del owner[column]
    # Version 1 was written before events existed: its backups have no event tables.
    events = [name for name in old["tables"] if name.startswith("event")]
    for name in events:
        del old["tables"][name]
    restore(workspace.db, _write(tmp_path, old))
    expected = json.loads(json.dumps(good["tables"]))
    expected["owners"][0]["shares_network"] = False  # the column's default
    expected.update({name: [] for name in events})
    assert backup(workspace.db, owner_id=workspace.owner_id)["tables"] == expected


def test_a_version_2_backup_must_hold_every_column(
    workspace: Workspace, tmp_path: Path, good: dict[str, Any]
) -> None:
    data = json.loads(json.dumps(good))
    del data["tables"]["owners"][0]["role"]
    failure = _refused(workspace, _write(tmp_path, data))
    assert failure.field == "role" and "table owners, row 1" in failure.message


def test_a_huge_integer_file_is_refused_not_crashed(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(
        '{"format": "mutuals-backup", "version": 1, "tables": {"owners": [{"id": '
        + "9" * 5000
        + "}]}}"
    )
    assert "not valid JSON" in str(_refused(workspace, path))


def test_export_json_holds_only_the_current_owners_network(
    workspace: Workspace, tmp_path: Path
) -> None:
    add_contact(workspace, name="Mine Only", tags=["me"])
    with workspace.db.writing(None) as session:
        other = create_owner(session, name="Someone Else", email="else@example.org")
        create_contact(session, owner_id=other.id, first_name="Secret", notes="private notes")
    path = tmp_path / "mine.json"
    export_contacts(workspace, fmt="json", path=path)
    text = path.read_text(encoding="utf-8")
    assert "Secret" not in text and "private notes" not in text and "else@example.org" not in text
    data = json.loads(text)
    assert data["scope"] == "owner" and len(data["tables"]["owners"]) == 1
    server = backup_json(workspace.db, owner_id=None)
    assert "private notes" in server and json.loads(server)["scope"] == "server"

    target = open_workspace(
        Settings(data_dir=tmp_path, database_url=sqlite_url(tmp_path / "restored.db"))
    )
    try:
        restore(target.db, path)
        assert [c["name"] for c in list_contacts(target)] == ["Mine Only"]
        assert backup(target.db, owner_id=target.owner_id)["tables"] == data["tables"]
    finally:
        target.close()
