"""``mutuals import``, ``export`` and ``restore`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Invoke, as_json
from tests.services.test_imports import ADA, GRACE, write_connections


def test_import_summary_json_and_dry_run(cli: Invoke, tmp_path: Path) -> None:
    path = write_connections(tmp_path, [ADA, GRACE, ",,,,,,01 Sep 2026"])
    dry = as_json(cli("import", "linkedin", str(path), "--dry-run", "--json"))
    assert dry["added"] == 2
    assert as_json(cli("contacts", "list", "--json")) == []

    summary = as_json(cli("import", "linkedin", str(path), "--json"))
    assert {k: summary[k] for k in ("added", "updated", "unchanged")} == {
        "added": 2,
        "updated": 0,
        "unchanged": 0,
    }
    assert len(summary["skipped"]) == 1
    # A skipped row names its file as well as its line.
    assert summary["skipped"][0]["file"] == str(path)
    assert summary["skipped"][0]["line"] == 7
    assert summary["errors"] == []

    again = as_json(cli("import", "linkedin", str(path), "--json"))
    assert again["added"] == 0 and again["unchanged"] == 2

    plain = cli("import", "linkedin", str(path))
    assert "0 added, 0 updated, 2 unchanged, 1 skipped" in plain.output


def test_bad_input_exits_2_naming_file_line_and_field(cli: Invoke, tmp_path: Path) -> None:
    path = write_connections(tmp_path, [ADA, "Bad,Date,,,,,31 Feb 2021"])
    result = cli("import", "linkedin", str(path))
    assert result.exit_code == 2
    assert "Connections.csv:6" in result.output
    assert "Connected On" in result.output
    assert "Traceback" not in result.output
    assert as_json(cli("contacts", "list", "--json")) == []

    missing = cli("import", "linkedin", str(tmp_path / "nope.zip"))
    assert missing.exit_code == 2
    assert "nope.zip" in missing.output


def test_export_and_restore(cli: Invoke, tmp_path: Path) -> None:
    cli("contacts", "add", "Ada Lovelace", "--email", "ada@example.org", "--note", "=1+2")
    backup = tmp_path / "backup.json"
    assert cli("export", "json", str(backup)).exit_code == 0
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert data["format"] == "mutuals-backup"

    csv_path = tmp_path / "contacts.csv"
    assert cli("export", "csv", str(csv_path)).exit_code == 0
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"'=1+2" in raw

    vcf = tmp_path / "contacts.vcf"
    assert cli("export", "vcard", str(vcf)).exit_code == 0
    assert "FN:Ada Lovelace" in vcf.read_text(encoding="utf-8")

    restored_db = tmp_path / "restored.db"
    from mutuals.cli.app import app
    from tests.cli.runner import CliRunner

    result = CliRunner().invoke(app, ["--db", str(restored_db), "restore", str(backup), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["contacts"] == 1

    refused = cli("restore", str(backup))
    assert refused.exit_code == 2
    assert "already holds" in refused.output
