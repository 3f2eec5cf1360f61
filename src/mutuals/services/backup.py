"""JSON backup and restore: one member's network (``mutuals export json``) or the whole server's
(``mutuals admin backup``). Backup → restore → backup gives identical JSON.

A restore checks the whole file against the format's models (``backup_schema``) and the rows
against each other (every reference resolves, every merge key is unique) before it writes
anything, and refuses with the table, row and field at fault.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mutuals import __version__
from mutuals.domain.limits import IMPORT_MAX_BYTES
from mutuals.io.errors import ImportFailure
from mutuals.services.backup_checks import check_rows
from mutuals.services.backup_schema import FORMAT, FORMAT_VERSION, MODELS, READS, BackupV1, Scope
from mutuals.services.contact_records import iso_utc
from mutuals.store import dump
from mutuals.store.database import Database
from mutuals.store.models import Owner

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "READS",
    "backup",
    "backup_json",
    "member_backup_json",
    "read_backup",
    "restore",
]


def backup(db: Database, *, owner_id: int | None) -> dict[str, Any]:
    """Every backed-up table's rows in primary-key order, dates as ISO 8601 (UTC): only
    ``owner_id``'s network, or with ``owner_id=None`` every owner's (a whole-server backup)."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with db.transaction() as session:
        for table in dump.backed_up_tables(member=owner_id is not None):
            rows = dump.table_rows(session, table, owner_id=owner_id)
            tables[table.name] = [
                {name: _dump(value) for name, value in row.items()} for row in rows
            ]
    scope: Scope = "server" if owner_id is None else "owner"
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "mutuals": __version__,
        "scope": scope,
        "tables": tables,
    }


def backup_json(db: Database, *, owner_id: int | None) -> str:
    return (
        json.dumps(backup(db, owner_id=owner_id), indent=2, ensure_ascii=False, sort_keys=True)
        + "\n"
    )


def member_backup_json(db: Database, owner_id: int) -> str:
    """One member's own backup (``backup_json`` with their ``owner_id``)."""
    return backup_json(db, owner_id=owner_id)


def restore(db: Database, path: Path, *, max_bytes: int = IMPORT_MAX_BYTES) -> dict[str, int]:
    """Load a backup file into a database that holds no personal data yet.

    Returns the number of rows restored per table. Nothing is written unless the whole file is
    valid; the writing is one transaction. An owner's backup restored into a new database makes
    that owner the local default, so that its network shows.
    """
    checked = read_backup(path, max_bytes=max_bytes)
    rows = _rows(checked)
    counts: dict[str, int] = {}
    with db.writing(None) as session:
        holding = dump.holds_data(session)
        if holding is not None:
            raise ImportFailure(
                f"the target database already holds {holding}; restore into a new database "
                "(for example with --db restored.db)",
                path=path,
            )
        # A fresh database has only the automatically created default owner: make way for the
        # backup's.
        session.query(Owner).delete()
        session.flush()
        for table in dump.backed_up_tables():
            table_rows = rows.get(table.name, [])
            if table_rows:
                dump.insert_rows(session, table, table_rows)
            counts[table.name] = len(table_rows)
        dump.reset_sequences(session)
    return counts


def read_backup(path: Path, *, max_bytes: int = IMPORT_MAX_BYTES) -> BackupV1:
    """The backup at ``path``, checked whole; ImportFailure names the table, row and field."""
    data = _read_json(path, max_bytes)
    try:
        checked = MODELS[data["version"]].model_validate(data)
    except ValidationError as exc:
        raise _refusal(exc, path) from None
    check_rows(checked, path)
    return checked


def _read_json(path: Path, max_bytes: int) -> dict[str, Any]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ImportFailure(
                f"larger than {max_bytes:,} bytes; the limit is set by MUTUALS_IMPORT_MAX_BYTES",
                path=path,
            )
        text = path.read_bytes().decode("utf-8")
        data = json.loads(text)
    except UnicodeDecodeError as exc:
        raise ImportFailure("not a UTF-8 text file", path=path) from exc
    except json.JSONDecodeError as exc:
        raise ImportFailure(f"not valid JSON: {exc.msg}", path=path, line=exc.lineno) from exc
    except ValueError as exc:
        # Python refuses integers of thousands of digits rather than spend minutes on them.
        raise ImportFailure(f"not valid JSON: {exc}", path=path) from exc
    except RecursionError as exc:
        raise ImportFailure("not valid JSON: nested too deeply", path=path) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFailure('not a mutuals backup (no "format": "mutuals-backup")', path=path)
    version = data.get("version")
    if type(version) is not int or version not in READS:
        reads = ", ".join(str(v) for v in READS)
        raise ImportFailure(
            f"unsupported backup version {version!r}; this mutuals reads versions {reads}",
            path=path,
            field="version",
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise ImportFailure("expected the tables as an object", path=path, field="tables")
    unknown = set(tables) - {t.name for t in dump.backed_up_tables()}
    if unknown:
        raise ImportFailure(
            f"unknown tables {', '.join(sorted(map(str, unknown)))}; is it from a newer mutuals?",
            path=path,
            field="tables",
        )
    return data


def _refusal(exc: ValidationError, path: Path) -> ImportFailure:
    error = exc.errors(include_input=False, include_url=False)[0]
    loc = list(error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    if len(loc) >= 3 and loc[0] == "tables" and isinstance(loc[2], int):
        table, row = loc[1], loc[2] + 1
        field = ".".join(str(part) for part in loc[3:]) or None
        if field is None:
            return ImportFailure(
                f"table {table}: expected a list of rows, and row {row} is not an object",
                path=path,
                field="tables",
            )
        return ImportFailure(f"table {table}, row {row}: {message}", path=path, field=field)
    if len(loc) == 2 and loc[0] == "tables":
        if error["type"] == "list_type":
            message = "expected a list of rows"
        return ImportFailure(f"table {loc[1]}: {message}", path=path, field="tables")
    return ImportFailure(message, path=path, field=".".join(str(p) for p in loc) or None)


def _rows(checked: BackupV1) -> dict[str, list[dict[str, Any]]]:
    tables = checked.tables
    rows = {
        name: [row.model_dump() for row in getattr(tables, name)]
        for name in type(tables).model_fields
    }
    if checked.whose() == "owner":
        # One member's network restored on its own is this database's network now.
        for owner in rows["owners"]:
            owner["is_default"] = True
    return rows


def _dump(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
