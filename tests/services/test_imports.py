"""Import merge rules on both databases: dedupe, updates, dry runs, one transaction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mutuals.io.errors import ImportFailure
from mutuals.services.contacts import list_contacts, resolve_contact
from mutuals.services.context import Workspace
from mutuals.services.imports import FAILURE_LOG, import_file
from mutuals.services.stats import workspace_stats

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing."\r\n'
    "\r\n"
)


def write_connections(folder: Path, rows: list[str], name: str = "Connections.csv") -> Path:
    path = folder / name
    path.write_bytes(("\ufeff" + PREAMBLE + HEADER + "".join(r + "\r\n" for r in rows)).encode())
    return path


ADA = "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,ada@example.org,Analytical Engines,Engineer,12 Mar 2021"
GRACE = "Grace,Hopper,http://linkedin.com/in/GraceHopper/?trk=abc,,Navy,Rear Admiral,01 Jan 2020"


def test_reimport_adds_nothing_and_later_export_updates(
    workspace: Workspace, tmp_path: Path
) -> None:
    first = write_connections(tmp_path, [ADA, GRACE, ",,,,,,01 Sep 2026"])
    summary = import_file(workspace, kind="linkedin", path=first)
    assert (summary.added, summary.updated, summary.unchanged) == (2, 0, 0)
    assert len(summary.skipped) == 1
    assert summary.errors == []  # a hidden member is skipped by rule, not an error

    again = import_file(workspace, kind="linkedin", path=first)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)

    later = tmp_path / "later"
    later.mkdir()
    promoted = GRACE.replace("Rear Admiral", "Commodore").replace(
        "http://linkedin.com/in/GraceHopper/?trk=abc", "https://www.linkedin.com/in/gracehopper"
    )
    newcomer = "Alan,Turing,https://www.linkedin.com/in/turing,,Bletchley,Cryptanalyst,02 Feb 2022"
    updated = import_file(
        workspace, kind="linkedin", path=write_connections(later, [ADA, promoted, newcomer])
    )
    assert (updated.added, updated.updated, updated.unchanged) == (1, 1, 1)
    grace = list_contacts(workspace, search="hopper")
    assert len(grace) == 1
    assert grace[0]["position"] == "Commodore"
    assert len(list_contacts(workspace)) == 3


def test_email_then_name_and_company_identify_people(workspace: Workspace, tmp_path: Path) -> None:
    import_file(workspace, kind="linkedin", path=write_connections(tmp_path, [ADA]))
    # Same email, no URL: the same person.
    other = tmp_path / "b"
    other.mkdir()
    same_email = "Ada,Lovelace,,ADA@example.org,Analytical Engines,Countess,12 Mar 2021"
    summary = import_file(workspace, kind="linkedin", path=write_connections(other, [same_email]))
    assert (summary.added, summary.updated) == (0, 1)
    # Name plus company, no URL and no email: still the same person.
    third = tmp_path / "c"
    third.mkdir()
    by_name = "ada,lovelace,,,analytical engines,Countess,12 Mar 2021"
    summary = import_file(workspace, kind="linkedin", path=write_connections(third, [by_name]))
    assert summary.added == 0
    assert len(list_contacts(workspace)) == 1


def test_dry_run_writes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    summary = import_file(
        workspace, kind="linkedin", path=write_connections(tmp_path, [ADA, GRACE]), dry_run=True
    )
    assert summary.added == 2
    assert workspace_stats(workspace)["contacts"] == 0
    assert workspace_stats(workspace)["imports"] == 0


def test_bad_row_rejects_the_whole_import(workspace: Workspace, tmp_path: Path) -> None:
    bad = "Bad,Date,,,,,31 Feb 2021"
    path = write_connections(tmp_path, [ADA, GRACE, bad])
    with pytest.raises(ImportFailure) as caught:
        import_file(workspace, kind="linkedin", path=path)
    assert caught.value.line == 7
    assert caught.value.field == "Connected On"
    assert workspace_stats(workspace)["contacts"] == 0
    # Nothing at all is written: the refusal is noted in the data folder's log instead, so the
    # next backup is the same as the last.
    assert workspace_stats(workspace)["imports"] == 0
    entry = json.loads((workspace.settings.data_dir / FAILURE_LOG).read_text().splitlines()[-1])
    assert entry["kind"] == "linkedin" and "impossible date '31 Feb 2021'" in entry["error"]

    summary = import_file(workspace, kind="linkedin", path=path, skip_invalid=True)
    assert summary.added == 2
    assert [(s.line, s.field) for s in summary.skipped] == [(7, "Connected On")]
    assert len(summary.errors) == 1
    assert "Connections.csv:7: field 'Connected On'" in summary.errors[0]


def test_imported_names_with_stray_spaces_are_found_by_name(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "people.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ludwig  van   Beethoven\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    import_file(sqlite_workspace, kind="vcard", path=path)
    found = resolve_contact(sqlite_workspace, "Ludwig van Beethoven")
    assert (found["first_name"], found["last_name"]) == ("Ludwig", "van Beethoven")


def test_a_person_listed_twice_counts_once(workspace: Workspace, tmp_path: Path) -> None:
    import_file(workspace, kind="linkedin", path=write_connections(tmp_path, [ADA]))
    later = tmp_path / "later"
    later.mkdir()
    promoted = ADA.replace(",Engineer,", ",CTO,")
    summary = import_file(
        workspace, kind="linkedin", path=write_connections(later, [ADA, promoted, ADA])
    )
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 0)
