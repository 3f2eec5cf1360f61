"""Exports: the written files, and refusals that name the path the member gave."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutuals.services.contacts import add_contact
from mutuals.services.context import Workspace
from mutuals.services.exports import export_contacts


@pytest.mark.parametrize("fmt", ["csv", "vcard", "json"])
def test_export_to_a_folder_names_the_folder(
    sqlite_workspace: Workspace, tmp_path: Path, fmt: str
) -> None:
    add_contact(sqlite_workspace, name="Ada Lovelace")
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(IsADirectoryError) as caught:
        export_contacts(sqlite_workspace, fmt=fmt, path=folder)
    assert caught.value.filename == str(folder)
    assert list(folder.iterdir()) == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]


def test_export_csv_writes_every_contact(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    add_contact(sqlite_workspace, name="Ada Lovelace", company="Analytical Engines")
    add_contact(sqlite_workspace, name="Ольга Иванова")
    path = tmp_path / "contacts.csv"
    assert export_contacts(sqlite_workspace, fmt="csv", path=path) == 2
    text = path.read_text(encoding="utf-8-sig")
    assert "Analytical Engines" in text
    assert "Ольга" in text


def test_exported_file_gets_the_usual_mode(tmp_path: Path) -> None:
    import os
    import stat

    from mutuals.services.exports import write_atomically

    target = tmp_path / "out.csv"
    write_atomically(target, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
