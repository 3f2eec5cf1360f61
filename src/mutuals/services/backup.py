"""JSON backup and restore: the whole database, or one member's own data.

Backup → restore → backup gives identical JSON.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Select, Table, func, insert, select, text
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from mutuals import __version__
from mutuals.io.errors import ImportFailure
from mutuals.services.contacts import iso_utc
from mutuals.store.database import Database
from mutuals.store.models import Base, Owner

FORMAT = "mutuals-backup"
# Derived caches are rebuilt on demand and hold binary vectors, so backups leave them out; so are
# sign-in sessions, failed logins and the server's signing secret, which belong to one server.
EXCLUDED_TABLES = frozenset({"embeddings", "auth_sessions", "login_failures", "app_settings"})
# A member's own export holds their network and profile, never credentials or other members'.
MEMBER_EXCLUDED_TABLES = frozenset({"api_tokens", "invitations"})
MEMBER_EXCLUDED_COLUMNS = frozenset({"password_hash"})
FORMAT_VERSION = 1


def backup(db: Database) -> dict[str, Any]:
    """Every table's rows in primary-key order, with dates as ISO 8601 (UTC)."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with db.transaction() as session:
        for table in _backed_up_tables():
            order = list(table.primary_key.columns)
            rows = session.execute(select(table).order_by(*order)).mappings()
            tables[table.name] = [
                {name: _dump(value) for name, value in row.items()} for row in rows
            ]
    return {"format": FORMAT, "version": FORMAT_VERSION, "mutuals": __version__, "tables": tables}


def backup_json(db: Database) -> str:
    return json.dumps(backup(db), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def member_backup(db: Database, owner_id: int) -> dict[str, Any]:
    """One member's own data in the backup format: their owner row (without the password hash)
    and every row they own. ``mutuals restore`` loads it into a new database."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with db.transaction() as session:
        for table in _backed_up_tables():
            if table.name in MEMBER_EXCLUDED_TABLES:
                continue
            query = _owned_rows(table, owner_id)
            if query is None:
                continue
            rows = session.execute(query.order_by(*table.primary_key.columns)).mappings()
            tables[table.name] = [
                {
                    name: None if name in MEMBER_EXCLUDED_COLUMNS else _dump(value)
                    for name, value in row.items()
                }
                for row in rows
            ]
    return {"format": FORMAT, "version": FORMAT_VERSION, "mutuals": __version__, "tables": tables}


def member_backup_json(db: Database, owner_id: int) -> str:
    return (
        json.dumps(member_backup(db, owner_id), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    )


def _owned_rows(table: Table, owner_id: int) -> Select[Any] | None:
    """The rows of ``table`` that belong to the owner, or None for a table of nobody's own."""
    if table.name == "owners":
        return select(table).where(table.c.id == owner_id)
    if "owner_id" in table.c:
        return select(table).where(table.c.owner_id == owner_id)
    if table.name == "interaction_contacts":
        interactions = Base.metadata.tables["interactions"]
        owned = select(interactions.c.id).where(interactions.c.owner_id == owner_id)
        return select(table).where(table.c.interaction_id.in_(owned))
    return None


def restore(db: Database, path: Path) -> dict[str, int]:
    """Load a backup file into a database that holds no personal data yet.

    Returns the number of rows restored per table. The whole restore is one transaction.
    """
    data = _read(path)
    tables_by_name = {t.name: t for t in _backed_up_tables()}
    unknown = set(data["tables"]) - set(tables_by_name)
    if unknown:
        raise ImportFailure(
            f"unknown tables {', '.join(sorted(unknown))}; is it from a newer mutuals?",
            path=path,
            field="tables",
        )
    counts: dict[str, int] = {}
    with db.transaction() as session:
        _require_empty(session, path)
        for table in _backed_up_tables():
            rows = data["tables"].get(table.name, [])
            if rows:
                parsed = [_load_row(table, row, path) for row in rows]
                _insert(session, table, parsed, path)
            counts[table.name] = len(rows)
        if session.get_bind().dialect.name == "postgresql":
            _reset_sequences(session)
    return counts


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ImportFailure("not a UTF-8 text file", path=path) from exc
    except json.JSONDecodeError as exc:
        raise ImportFailure(f"not valid JSON: {exc.msg}", path=path, line=exc.lineno) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFailure('not a mutuals backup (no "format": "mutuals-backup")', path=path)
    if data.get("version") != FORMAT_VERSION or not isinstance(data.get("tables"), dict):
        raise ImportFailure(f"unsupported backup version {data.get('version')!r}", path=path)
    for name, rows in data["tables"].items():
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise ImportFailure(f"{name}: expected a list of rows", path=path, field="tables")
    return data


def _insert(session: Session, table: Table, rows: list[dict[str, Any]], path: Path) -> None:
    # A hand-edited or damaged backup can hold a wrong type, a missing required value or a
    # dangling reference; the database finds those, and the whole restore is rolled back.
    try:
        session.execute(insert(table), rows)
    except StatementError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise ImportFailure(
            f"rows do not fit the schema: {reason}", path=path, field=table.name
        ) from exc


def _backed_up_tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name not in EXCLUDED_TABLES]


def _require_empty(session: Session, path: Path) -> None:
    for table in _backed_up_tables():
        if table.name == "owners":
            continue
        if session.scalar(select(func.count()).select_from(table)):
            raise ImportFailure(
                f"the target database already holds {table.name}; restore into a new database "
                "(for example with --db restored.db)",
                path=path,
            )
    # A fresh database has only the automatically created default owner: make way for the backup's.
    session.query(Owner).delete()
    session.flush()


def _dump(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _load_row(table: Table, row: dict[str, Any], path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = {}
    for name, value in row.items():
        if name not in table.c:
            raise ImportFailure(f"unknown column in {table.name}", path=path, field=name)
        column_type = table.c[name].type
        try:
            if value is not None and isinstance(column_type, DateTime):
                value = datetime.fromisoformat(value)
            elif value is not None and isinstance(column_type, Date):
                value = date.fromisoformat(value)
        except (TypeError, ValueError) as exc:
            raise ImportFailure(
                f"bad date {value!r} in {table.name}", path=path, field=name
            ) from exc
        loaded[name] = value
    return loaded


def _reset_sequences(session: Session) -> None:
    for table in Base.metadata.sorted_tables:
        if "id" in table.c and table.c["id"].autoincrement:
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )
