"""Long fuzz run of every importer and of restore, against a real database.

Run: python benchmarks/fuzz_safety.py --files 10000 [--url postgresql+psycopg://...] [--seed 1]

Each file is a mutation of a valid seed: a LinkedIn Connections.csv, a LinkedIn export ZIP
(connections, invitations, messages), a vCard file, a Google or Outlook CSV, or a backup JSON. It
goes through the real entry points (``import_file`` with the workspace's limits, ``restore``) into
a real database, and each outcome is counted:

- clean refusal: ``ImportFailure`` (or another error the command line shows as a message), with
  no SQL in its text;
- crash: any other exception, from the import itself or from the commands run after an accepted
  file (contacts list, digest, due, the member's backup), since accepted data must not break them;
- partial write: after a refusal, any table differs from before;
- rows lost: after an accepted import, contacts that were there before and are gone (or changed
  owner); after an accepted restore, backup rows that did not arrive.

To keep thousands of files affordable on a small machine the databases are reused: a refusal must
leave them unchanged anyway (that is checked), and after an accepted file they are put back: the
SQLite file is copied from a template, the PostgreSQL schema is emptied and restored from the base
backup with ``restore`` itself.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import shutil
import sys
import tempfile
import time
import traceback
import uuid
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from mutuals.cli.errors import is_user_error
from mutuals.services import backup as backups
from mutuals.services.contacts import list_contacts
from mutuals.services.context import Workspace, open_workspace
from mutuals.services.imports import import_file
from mutuals.services.relationships import log_interaction, set_stage
from mutuals.services.standing import digest, due_list
from mutuals.settings import Settings, sqlite_url
from mutuals.store.models import Base, Contact

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "io" / "fixtures"
TODAY = date(2026, 11, 26)
KINDS = ("linkedin-csv", "linkedin-zip", "vcard", "csv", "restore")
NASTY = [
    "",
    "\x00",
    "a\x00b",
    "A" * 201,
    "É" * 5000,
    "x" * 70_000,
    "31 Dec 9999",
    "01 Jan 0001",
    "29 Feb 2023",
    "9999-12-31 23:59:59 UTC",
    "0000-00-00 00:00:00 UTC",
    "9" * 40,
    "-1",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "'; DROP TABLE contacts;--",
    "../../etc/passwd",
    "https://www.linkedin.com/in/ada-lovelace",
    "https://www.linkedin.com/in/" + "z" * 300,
    "a@b.c",
    "@" * 3,
    '"',
    '""',
    "\r\n",
    "\ufeff",
    "\u202e\u0627\u0644",
    "👩‍💻" * 50,
    "\udcff",
]
JSON_VALUES: list[Any] = [
    None,
    5,
    -1,
    10**30,
    1.5,
    True,
    "",
    "bogus",
    "x" * 10_000,
    "\x00",
    [],
    {},
    [1, 2],
    "9999-12-31",
    "0001-01-01T00:00:00+00:00",
    "2024-02-30",
]


@dataclass
class Tally:
    tried: int = 0
    accepted: int = 0
    refusals: int = 0
    crashes: int = 0
    partial_writes: int = 0
    rows_lost: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    accepted_by_kind: Counter[str] = field(default_factory=Counter)
    crash_samples: list[str] = field(default_factory=list)


# ---- mutations ------------------------------------------------------------------------------


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        pos = rng.randrange(len(buf) + 1)
        if op == 0 and buf:
            buf[min(pos, len(buf) - 1)] = rng.randrange(256)
        elif op == 1:
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 2:
            del buf[pos : pos + rng.randint(1, 40)]
        elif op == 3:
            end = min(len(buf), pos + rng.randint(1, 200))
            buf[pos:pos] = buf[pos:end] * rng.randint(1, 3)
        elif op == 4:
            del buf[pos:]
        else:
            buf[pos:pos] = rng.choice([b"\x00", b"\r", b"\n", b'"', b",", b";", b":", b"\xff\xfe"])
    return bytes(buf)


def mutate_text(rng: random.Random, content: str, sep: str = ",") -> str:
    lines = content.splitlines()
    for _ in range(rng.randint(1, 3)):
        if not lines:
            lines = [""]
        op = rng.randrange(7)
        i = rng.randrange(len(lines))
        if op <= 2:
            cells = lines[i].split(sep)
            j = rng.randrange(len(cells))
            cells[j] = rng.choice(NASTY) if op < 2 else cells[j] + rng.choice(NASTY)
            lines[i] = sep.join(cells)
        elif op == 3:
            lines.insert(i, lines[i])
        elif op == 4:
            del lines[i]
        elif op == 5:
            k = rng.randrange(len(lines))
            lines[i], lines[k] = lines[k], lines[i]
        else:
            lines[i] = lines[i] + sep + rng.choice(NASTY)
    return "\r\n".join(lines) + rng.choice(["\r\n", "\n", ""])


def encode(rng: random.Random, content: str) -> bytes:
    choice = rng.random()
    codec = "utf-8" if choice < 0.75 else "utf-8-sig" if choice < 0.85 else "utf-16"
    return content.encode(codec, errors="surrogateescape" if codec != "utf-16" else "replace")


def mutate_seed(rng: random.Random, data: bytes, sep: str = ",") -> bytes:
    if rng.random() < 0.35:
        return mutate_bytes(rng, data)
    return encode(rng, mutate_text(rng, data.decode("utf-8-sig", "surrogateescape"), sep))


def mutate_zip(rng: random.Random, members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    names = list(members)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            if rng.random() < 0.15:
                continue
            data = members[name]
            if rng.random() < 0.5:
                data = mutate_seed(rng, data)
            archive.writestr(rng.choice([name, name, "sub/" + name, name.upper()]), data)
        if rng.random() < 0.1:
            archive.writestr(
                rng.choice(["../evil.csv", "/abs.csv", "x/../Connections.csv"]), b"a,b"
            )
    raw = out.getvalue()
    return mutate_bytes(rng, raw) if rng.random() < 0.25 else raw


def mutate_backup(rng: random.Random, base: dict[str, Any]) -> bytes:
    data = json.loads(json.dumps(base))
    tables: dict[str, list[dict[str, Any]]] = data["tables"]
    filled = [name for name, rows in tables.items() if rows]
    if rng.random() < 0.3:
        # One plausible edit (a text value replaced by another text), so that some restores are
        # accepted and the commands after them are exercised too.
        rows = tables[rng.choice(filled)]
        row = rng.choice(rows)
        texts = [c for c, v in row.items() if isinstance(v, str)]
        if texts:
            row[rng.choice(texts)] = rng.choice([*NASTY[:20], "Zoë", "x" * 300, "2026-01-01"])
        return json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogateescape")
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(8)
        name = rng.choice(filled)
        rows = tables[name]
        if not rows:
            continue
        row = rng.choice(rows)
        column = rng.choice(sorted(row))
        if op <= 2:
            row[column] = rng.choice(JSON_VALUES)
        elif op == 3:
            del row[column]
        elif op == 4:
            rows.append(json.loads(json.dumps(row)))
        elif op == 5:
            rows.remove(row)
        elif op == 6:
            row[rng.choice(["extra", "owner_id", "id"])] = rng.choice(JSON_VALUES)
        else:
            data[rng.choice(["version", "format", "scope", "tables"])] = rng.choice(JSON_VALUES)
            break
    try:
        raw = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8", "surrogatepass")
    except (TypeError, ValueError):
        raw = b"{}"
    return mutate_bytes(rng, raw) if rng.random() < 0.2 else raw


# ---- database state -------------------------------------------------------------------------


def fingerprint(ws: Workspace) -> str:
    """A hash of every row of every table, in key order: any write changes it."""
    digest_ = hashlib.sha256()
    with ws.db.transaction() as session:
        if ws.db.engine.dialect.name == "postgresql":
            # One round trip instead of one per table: the server hashes each table's rows.
            query = " UNION ALL ".join(
                f"SELECT '{t.name}', count(*), md5(coalesce(string_agg(x::text, '|' "
                f"ORDER BY x::text), '')) FROM \"{t.name}\" x"
                for t in Base.metadata.sorted_tables
            )
            digest_.update(repr(session.execute(text(query)).all()).encode())
            return digest_.hexdigest()
        for table in Base.metadata.sorted_tables:
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            digest_.update(f"{table.name}:{len(rows)}:{rows!r}".encode("utf-8", "replace"))
    return digest_.hexdigest()


def contact_keys(ws: Workspace) -> set[tuple[int, int]]:
    with ws.db.transaction() as session:
        return {
            (row.id, row.owner_id) for row in session.execute(select(Contact.id, Contact.owner_id))
        }


def read_everything(ws: Workspace) -> None:
    """What a member runs after an import: every one must still work."""
    list_contacts(ws)
    digest(ws, today=TODAY)
    due_list(ws, today=TODAY)
    backups.backup(ws.db, owner_id=ws.owner_id)


class Target:
    """A reusable database on one backend, with a way back to its base state."""

    def __init__(self, folder: Path, url: str | None, name: str) -> None:
        self.folder = folder / name
        self.folder.mkdir()
        self.pg_url = url
        self.schema = ""
        if url is None:
            self.url = sqlite_url(self.folder / "mutuals.db")
            self.template = self.folder / "template.db"
        else:
            self.schema = f"fuzz_{name}_{uuid.uuid4().hex[:8]}"
            self.admin = create_engine(url)
            with self.admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{self.schema}"'))
            self.url = (
                make_url(url)
                .update_query_dict({"options": f"-csearch_path={self.schema}"})
                .render_as_string(hide_password=False)
            )
        self.ws = self.open()

    def open(self) -> Workspace:
        return open_workspace(
            Settings(data_dir=self.folder / "data", database_url=self.url, today=TODAY)
        )

    def freeze(self) -> None:
        """The current state becomes the base state every reset returns to."""
        if self.pg_url is None:
            self.ws.close()
            shutil.copyfile(self.folder / "mutuals.db", self.template)
            self.ws = self.open()
            return
        # On PostgreSQL the work on each file runs inside one outer transaction on one
        # connection; the code's own transactions become savepoints in it (SQLAlchemy's
        # "create_savepoint" mode), so its commits, rollbacks and advisory locks all still
        # happen, and a rollback of the outer transaction returns to the base state in one
        # round trip instead of emptying and restoring every table.
        db = self.ws.db
        self.connection = db.engine.connect()
        self.outer = self.connection.begin()
        sessions = sessionmaker(
            bind=self.connection,
            expire_on_commit=False,
            info={"clock": db.clock},
            join_transaction_mode="create_savepoint",
        )
        self.ws = replace(self.ws, db=replace(db, sessions=sessions))

    def reset(self) -> None:
        if self.pg_url is None:
            self.ws.close()
            for suffix in ("", "-wal", "-shm"):
                (self.folder / f"mutuals.db{suffix}").unlink(missing_ok=True)
            shutil.copyfile(self.template, self.folder / "mutuals.db")
            self.ws = self.open()
            return
        self.outer.rollback()
        self.outer = self.connection.begin()

    def close(self) -> None:
        if self.pg_url is not None:
            self.outer.rollback()
            self.connection.close()
        self.ws.close()
        if self.pg_url is not None:
            with self.admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{self.schema}" CASCADE'))
            self.admin.dispose()


# ---- the run --------------------------------------------------------------------------------


def seed(target: Target, folder: Path, linkedin_zip: bytes) -> None:
    ws = target.ws
    zip_path = folder / "seed.zip"
    zip_path.write_bytes(linkedin_zip)
    import_file(ws, kind="linkedin", path=zip_path)
    import_file(ws, kind="vcard", path=FIXTURES / "contacts.vcf")
    import_file(ws, kind="csv", path=FIXTURES / "google_new.csv")
    import_file(ws, kind="csv", path=FIXTURES / "outlook.csv")
    log_interaction(
        ws, "1", channel="email", kinds=["advice"], direction="gave",
        on=date(2026, 11, 1), note="seed", today=TODAY,
    )  # fmt: skip
    set_stage(ws, "1", "relationship", on=date(2026, 11, 2))


def is_clean(exc: BaseException) -> bool:
    message = str(exc)
    leaks = any(word in message for word in ("INSERT INTO", "SELECT ", "UPDATE ", "[SQL"))
    return is_user_error(exc) and not leaks


def run(
    files: int, url: str | None, seed_value: int, label: str, log: Callable[[str], None]
) -> Tally:
    rng = random.Random(seed_value)
    tally = Tally()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        members = {
            "Connections.csv": (FIXTURES / "Connections.csv").read_bytes(),
            "Invitations.csv": (FIXTURES / "Invitations.csv").read_bytes(),
            "messages.csv": (FIXTURES / "messages.csv").read_bytes(),
        }
        clean_zip = io.BytesIO()
        with zipfile.ZipFile(clean_zip, "w") as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        importing = Target(folder, url, "imports")
        seed(importing, folder, clean_zip.getvalue())
        importing.freeze()
        base_print = fingerprint(importing.ws)
        base_contacts = contact_keys(importing.ws)
        base_backup = backups.backup(importing.ws.db, owner_id=None)
        restoring = Target(folder, url, "restore")
        restoring.freeze()
        empty_print = fingerprint(restoring.ws)
        seeds = {
            "csv": [(FIXTURES / n).read_bytes() for n in ("google_new.csv", "google_old.csv", "outlook.csv")],
            "vcard": [(FIXTURES / "contacts.vcf").read_bytes(), (FIXTURES / "contacts_invalid.vcf").read_bytes()],
        }  # fmt: skip
        started = time.perf_counter()
        for n in range(files):
            kind = KINDS[n % len(KINDS)]
            path = folder / "input" / f"{n}"
            path.parent.mkdir(exist_ok=True)
            if kind == "linkedin-csv":
                path = path.with_suffix(".csv")
                path.write_bytes(mutate_seed(rng, members["Connections.csv"]))
            elif kind == "linkedin-zip":
                path = path.with_suffix(".zip")
                path.write_bytes(mutate_zip(rng, members))
            elif kind == "vcard":
                path = path.with_suffix(".vcf")
                path.write_bytes(mutate_seed(rng, rng.choice(seeds["vcard"]), sep=":"))
            elif kind == "csv":
                path = path.with_suffix(".csv")
                path.write_bytes(mutate_seed(rng, rng.choice(seeds["csv"])))
            else:
                path = path.with_suffix(".json")
                path.write_bytes(mutate_backup(rng, base_backup))
            tally.tried += 1
            tally.by_kind[kind] += 1
            target = restoring if kind == "restore" else importing
            before = empty_print if kind == "restore" else base_print
            accepted = crashed = False
            try:
                if kind == "restore":
                    counts = backups.restore(target.ws.db, path)
                else:
                    importer = "linkedin" if kind.startswith("linkedin") else kind
                    import_file(
                        target.ws, kind=importer, path=path, skip_invalid=rng.random() < 0.3
                    )
                accepted = True
                read_everything(target.ws)
            except Exception as exc:
                if accepted or not is_clean(exc):
                    crashed = True
                    tally.crashes += 1
                    sample = f"{label} {kind} file {n}: {type(exc).__name__}: {str(exc)[:300]}"
                    log("CRASH " + sample)
                    if len(tally.crash_samples) < 20:
                        tally.crash_samples.append(sample + "\n" + traceback.format_exc(limit=6))
                        shutil.copyfile(
                            path, Path(tmp).parent / f"fuzz-crash-{label}-{n}{path.suffix}"
                        )
            if accepted:
                tally.accepted += 1
                tally.accepted_by_kind[kind] += 1
                if kind == "restore":
                    sent = json.loads(path.read_text("utf-8"))["tables"]
                    lost = sum(max(0, len(rows) - counts.get(t, 0)) for t, rows in sent.items())
                else:
                    lost = len(base_contacts - contact_keys(target.ws))
                tally.rows_lost += lost
                if lost:
                    log(f"LOST {label} {kind} file {n}: {lost} rows")
                target.reset()
            else:
                tally.refusals += int(not crashed)
                if fingerprint(target.ws) != before:
                    tally.partial_writes += 1
                    log(f"PARTIAL {label} {kind} file {n}")
                    target.reset()
            path.unlink()
            if (n + 1) % 500 == 0:
                log(
                    f"{label}: {n + 1} files in {time.perf_counter() - started:.0f} s, {summary(tally)}"
                )
        importing.close()
        restoring.close()
    return tally


def summary(t: Tally) -> str:
    return (
        f"tried {t.tried}, accepted {t.accepted}, clean refusals {t.refusals}, crashes {t.crashes}, "
        f"partial writes {t.partial_writes}, rows lost {t.rows_lost}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument(
        "--url", help="A PostgreSQL URL (a fresh schema is made in it); default SQLite."
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    label = "postgresql" if args.url else "sqlite"

    def log(line: str) -> None:
        print(line, flush=True)

    started = time.perf_counter()
    tally = run(args.files, args.url, args.seed, label, log)
    wall = time.perf_counter() - started
    print(
        f"{label}: {summary(tally)}; by kind {dict(tally.by_kind)}; accepted by kind {dict(tally.accepted_by_kind)}; wall {wall:.0f} s"
    )
    for sample in tally.crash_samples:
        print(sample, file=sys.stderr)
    sys.exit(1 if tally.crashes or tally.partial_writes or tally.rows_lost else 0)


if __name__ == "__main__":
    main()
