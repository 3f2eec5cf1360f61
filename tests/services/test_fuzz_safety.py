"""Fuzzing every importer and restore against a real database, on SQLite and PostgreSQL.

Mutated LinkedIn CSVs and ZIPs, vCards, Google/Outlook CSVs and backups go through the real entry
points. Each one is accepted or refused with ``ImportFailure``; a refusal leaves every table as it
was, and an accepted file loses none of the contacts already there and breaks no later command.
Bounded so the suite stays fast; ``benchmarks/fuzz_safety.py`` is the long run.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from mutuals.io import ImportFailure
from mutuals.services.backup import backup, backup_json, restore
from mutuals.services.contacts import list_contacts
from mutuals.services.context import Workspace
from mutuals.services.imports import import_file
from mutuals.services.standing import digest, due_list
from mutuals.store.models import Base, Contact

FIXTURES = Path(__file__).resolve().parents[1] / "io" / "fixtures"
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
NASTY = [
    "",
    "\x00",
    "A" * 201,
    "É" * 3000,
    "31 Dec 9999",
    "01 Jan 0001",
    "9" * 40,
    "'; DROP TABLE contacts;--",
    "https://www.linkedin.com/in/ada-lovelace",
    '"',
    "\r\n",
    "👩‍💻",
]
JSON_VALUES: list[Any] = [None, 5, -1, 10**30, 1.5, True, "", "bogus", "x" * 600, "\x00", [], {}]
SEEDS = {
    "linkedin": ["Connections.csv", "messages.csv", "Invitations.csv"],
    "vcard": ["contacts.vcf"],
    "csv": ["google_new.csv", "google_old.csv", "outlook.csv"],
}


def fingerprint(ws: Workspace) -> str:
    digest_ = hashlib.sha256()
    with ws.db.transaction() as session:
        for table in Base.metadata.sorted_tables:
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            digest_.update(f"{table.name}:{rows!r}".encode("utf-8", "replace"))
    return digest_.hexdigest()


def contact_ids(ws: Workspace) -> set[int]:
    with ws.db.transaction() as session:
        return set(session.scalars(select(Contact.id)))


def empty(ws: Workspace) -> None:
    with ws.db.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name != "alembic_version":
                conn.execute(table.delete())


def mutated_text(data: st.DataObject, raw: bytes) -> bytes:
    lines = raw.decode("utf-8-sig", "surrogateescape").splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, max(0, len(lines) - 1)))
        op = data.draw(st.sampled_from(["cell", "dup", "drop", "bytes"]))
        if not lines:
            lines = [""]
        if op == "cell":
            cells = lines[i].split(",")
            cells[data.draw(st.integers(0, len(cells) - 1))] = data.draw(st.sampled_from(NASTY))
            lines[i] = ",".join(cells)
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "drop":
            del lines[i]
        else:
            lines[i] += data.draw(st.text(max_size=8))
    codec = data.draw(st.sampled_from(["utf-8", "utf-8", "utf-16"]))
    text = "\r\n".join(lines) + "\r\n"
    return text.encode(codec, "surrogateescape" if codec == "utf-8" else "replace")


def mutated_bytes(data: st.DataObject, raw: bytes) -> bytes:
    buf = bytearray(raw)
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(buf)))
        buf[at : at + data.draw(st.integers(0, 20))] = data.draw(st.binary(max_size=6))
    return bytes(buf)


def mutated_file(data: st.DataObject, folder: Path, kind: str) -> Path:
    names = SEEDS[kind]
    mutate = mutated_text if data.draw(st.booleans()) else mutated_bytes
    if kind == "linkedin" and data.draw(st.booleans()):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in names:
                raw = (FIXTURES / name).read_bytes()
                archive.writestr(name, mutate(data, raw) if data.draw(st.booleans()) else raw)
        path = folder / "export.zip"
        path.write_bytes(out.getvalue())
        return path
    name = data.draw(st.sampled_from(names[:1] if kind == "linkedin" else names))
    path = folder / name
    path.write_bytes(mutate(data, (FIXTURES / name).read_bytes()))
    return path


def read_everything(ws: Workspace) -> None:
    today = ws.clock.today()
    list_contacts(ws)
    digest(ws, today=today)
    due_list(ws, today=today)
    backup(ws.db, owner_id=ws.owner_id)


@pytest.fixture
def seeded(workspace: Workspace) -> Workspace:
    import_file(workspace, kind="linkedin", path=FIXTURES / "Connections.csv")
    import_file(workspace, kind="vcard", path=FIXTURES / "contacts.vcf")
    return workspace


@FUZZ
@given(data=st.data(), kind=st.sampled_from(sorted(SEEDS)), skip_invalid=st.booleans())
def test_a_mutated_import_is_taken_whole_or_refused_without_a_write(
    seeded: Workspace, tmp_path: Path, data: st.DataObject, kind: str, skip_invalid: bool
) -> None:
    path = mutated_file(data, tmp_path, kind)
    before, ids = fingerprint(seeded), contact_ids(seeded)
    try:
        import_file(seeded, kind=kind, path=path, skip_invalid=skip_invalid)
    except ImportFailure as failure:
        assert "INSERT" not in str(failure) and "SELECT" not in str(failure)
        assert fingerprint(seeded) == before
        return
    assert ids <= contact_ids(seeded)
    read_everything(seeded)


@pytest.fixture
def good_backup(seeded: Workspace) -> str:
    return backup_json(seeded.db, owner_id=None)


@FUZZ
@given(data=st.data())
def test_a_mutated_backup_restores_whole_or_not_at_all(
    seeded: Workspace, good_backup: str, tmp_path: Path, data: st.DataObject
) -> None:
    good = json.loads(good_backup)
    empty(seeded)
    blank = fingerprint(seeded)
    tables = good["tables"]
    for _ in range(data.draw(st.integers(1, 2))):
        name = data.draw(st.sampled_from(sorted(t for t, rows in tables.items() if rows)))
        row = data.draw(st.sampled_from(tables[name]))
        column = data.draw(st.sampled_from(sorted(row)))
        op = data.draw(st.sampled_from(["value", "delete", "text"]))
        if op == "delete":
            del row[column]
        elif op == "text" and isinstance(row[column], str):
            row[column] = data.draw(st.sampled_from(NASTY))
        else:
            row[column] = data.draw(st.sampled_from(JSON_VALUES))
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(good, ensure_ascii=False), "utf-8", "surrogateescape")
    try:
        counts = restore(seeded.db, path)
    except ImportFailure:
        assert fingerprint(seeded) == blank
        return
    assert all(counts[t] == len(rows) for t, rows in tables.items())
    # Accepted means restored faithfully: a backup now gives back exactly what was read.
    assert backup(seeded.db, owner_id=None)["tables"] == tables
    read_everything(seeded)
