"""data safety: merge keys backed by unique indexes, contact lookup keys, contact_emails

Before the unique indexes are added, contacts that break them are merged, as an import would have
merged them: two contacts of one owner with the same LinkedIn URL (two imports that ran at once
made such twins), or, among contacts without a URL, the same first email. The earliest contact
stays; it takes every value the others add (empty fields filled, lists joined, differing notes
kept one after the other), and their interactions and stage history move to it. Nothing is lost.

The key functions are copied here rather than imported, so this migration keeps doing what it
did when the application code changes later.

Revision ID: 0005_data_safety
Revises: 0004_accounts
Create Date: 2026-12-01 09:00:00
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0005_data_safety"
down_revision: str | None = "0004_accounts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHUNK = 2000
TEXTS = ("first_name", "last_name", "company", "position", "location", "headline", "source")
LISTS = ("emails", "phones", "tags", "interests", "offers", "needs", "goals")
HAS_URL = "linkedin_url != ''"
KEYED_BY_EMAIL = "linkedin_url = '' AND primary_email != ''"

contacts = sa.table(
    "contacts",
    sa.column("id", sa.Integer),
    sa.column("owner_id", sa.Integer),
    *(sa.column(name, sa.String) for name in (*TEXTS, "linkedin_url", "notes", "stage")),
    *(sa.column(name, sa.JSON) for name in LISTS),
    sa.column("organisation_id", sa.Integer),
    sa.column("connected_on", sa.Date),
    sa.column("snoozed_until", sa.Date),
    sa.column("cadence_every_days", sa.Integer),
    sa.column("cadence_max_days", sa.Integer),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
    sa.column("primary_email", sa.String),
    sa.column("name_key", sa.String),
    sa.column("match_key", sa.String),
)
contact_emails = sa.table(
    "contact_emails",
    sa.column("contact_id", sa.Integer),
    sa.column("email", sa.String),
    sa.column("owner_id", sa.Integer),
)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _emails(values: Any) -> list[str]:
    items = values if isinstance(values, list) else []
    return list(dict.fromkeys(e.strip().lower() for e in items if isinstance(e, str) and e.strip()))


def _derived(row: Any) -> dict[str, str]:
    name = " ".join(f"{row.first_name or ''} {row.last_name or ''}".lower().split())
    company = " ".join((row.company or "").lower().split())
    emails = _emails(row.emails)
    return {
        "primary_email": emails[0] if emails else "",
        "name_key": _digest(name) if name else "",
        "match_key": _digest(f"{name}\x1f{company}") if name else "",
    }


def _all_rows(conn: sa.Connection) -> Iterator[Any]:
    last = 0
    while True:
        rows = conn.execute(
            sa.select(contacts).where(contacts.c.id > last).order_by(contacts.c.id).limit(CHUNK)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].id


def _backfill_keys(conn: sa.Connection) -> None:
    batch: list[dict[str, Any]] = []
    for row in _all_rows(conn):
        batch.append({"key_id": row.id, **_derived(row)})
        if len(batch) >= CHUNK:
            _write_keys(conn, batch)
            batch = []
    if batch:
        _write_keys(conn, batch)


def _write_keys(conn: sa.Connection, batch: list[dict[str, Any]]) -> None:
    conn.execute(
        contacts.update()
        .where(contacts.c.id == sa.bindparam("key_id"))
        .values(
            primary_email=sa.bindparam("primary_email"),
            name_key=sa.bindparam("name_key"),
            match_key=sa.bindparam("match_key"),
        ),
        batch,
    )


def _union(lists: list[Any]) -> list[str]:
    kept: dict[str, str] = {}
    for items in lists:
        for item in items if isinstance(items, list) else []:
            if isinstance(item, str) and item.strip():
                kept.setdefault(item.strip().lower(), item.strip())
    return list(kept.values())


def _merged(rows: list[Any]) -> dict[str, Any]:
    """The earliest row with everything the later ones add."""
    first = rows[0]
    values: dict[str, Any] = {}
    for name in TEXTS:
        values[name] = next((getattr(r, name) for r in rows if getattr(r, name)), "")
    notes = list(dict.fromkeys(r.notes for r in rows if r.notes))
    values["notes"] = "\n\n".join(notes)
    for name in LISTS:
        values[name] = _union([getattr(r, name) for r in rows])
    days = [r.connected_on for r in rows if r.connected_on is not None]
    values["connected_on"] = min(days) if days else None
    cadence = next((r for r in rows if r.cadence_every_days is not None), None)
    values["cadence_every_days"] = cadence.cadence_every_days if cadence else None
    values["cadence_max_days"] = cadence.cadence_max_days if cadence else None
    values["snoozed_until"] = next(
        (r.snoozed_until for r in rows if r.snoozed_until is not None), None
    )
    values["organisation_id"] = next(
        (r.organisation_id for r in rows if r.organisation_id is not None), None
    )
    stages = [r.stage for r in rows if r.stage and r.stage != "connected"]
    values["stage"] = first.stage if first.stage != "connected" or not stages else stages[0]
    values["created_at"] = min(r.created_at for r in rows)
    values["updated_at"] = max(r.updated_at for r in rows)
    return values


def _merge_group(conn: sa.Connection, ids: list[int]) -> None:
    rows = conn.execute(sa.select(contacts).where(contacts.c.id.in_(ids)).order_by("id")).all()
    if len(rows) < 2:
        return
    kept, others = rows[0].id, [r.id for r in rows[1:]]
    values = _merged(list(rows))
    values.update(_derived(_Values(values)))
    conn.execute(contacts.update().where(contacts.c.id == kept).values(**values))
    links = sa.table("interaction_contacts", sa.column("interaction_id"), sa.column("contact_id"))
    for other in others:
        conn.execute(
            sa.insert(links).from_select(
                ["interaction_id", "contact_id"],
                sa.select(links.c.interaction_id, sa.literal(kept)).where(
                    links.c.contact_id == other,
                    links.c.interaction_id.not_in(
                        sa.select(links.c.interaction_id).where(links.c.contact_id == kept)
                    ),
                ),
            )
        )
        conn.execute(sa.delete(links).where(links.c.contact_id == other))
        conn.execute(
            sa.text("UPDATE stage_changes SET contact_id = :kept WHERE contact_id = :other"),
            {"kept": kept, "other": other},
        )
    conn.execute(sa.delete(contacts).where(contacts.c.id.in_(others)))


class _Values:
    """Attribute access over merged values, for ``_derived``."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def _groups(conn: sa.Connection, key: str, where: str) -> list[list[int]]:
    duplicated = conn.execute(
        sa.text(
            f"SELECT owner_id, {key} FROM contacts WHERE {where} "
            f"GROUP BY owner_id, {key} HAVING COUNT(*) > 1"
        )
    ).all()
    groups = []
    for owner_id, value in duplicated:
        ids = conn.execute(
            sa.text(
                f"SELECT id FROM contacts WHERE owner_id = :owner AND {key} = :value "
                f"AND {where} ORDER BY id"
            ),
            {"owner": owner_id, "value": value},
        ).scalars()
        groups.append(list(ids))
    return groups


def _backfill_emails(conn: sa.Connection) -> None:
    batch: list[dict[str, Any]] = []
    for row in _all_rows(conn):
        batch.extend(
            {"contact_id": row.id, "email": email, "owner_id": row.owner_id}
            for email in _emails(row.emails)
        )
        if len(batch) >= CHUNK:
            conn.execute(sa.insert(contact_emails), batch)
            batch = []
    if batch:
        conn.execute(sa.insert(contact_emails), batch)


def upgrade() -> None:
    # Plain ALTERs, never a batch copy of the table: on SQLite, copying contacts would drop the
    # original, and its foreign keys would cascade into interaction_contacts and stage_changes.
    for name, width in (("primary_email", 320), ("name_key", 32), ("match_key", 32)):
        op.add_column(
            "contacts",
            sa.Column(name, sa.String(length=width), server_default="", nullable=False),
        )
    op.drop_index("ix_contacts_owner_linkedin", table_name="contacts")
    op.create_table(
        "contact_emails",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_emails_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["owners.id"],
            name=op.f("fk_contact_emails_owner_id_owners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_id", "email", name=op.f("pk_contact_emails")),
    )
    op.create_index("ix_contact_emails_owner_email", "contact_emails", ["owner_id", "email"])

    conn = op.get_bind()
    _backfill_keys(conn)
    for group in _groups(conn, "linkedin_url", HAS_URL):
        _merge_group(conn, group)
    for group in _groups(conn, "primary_email", KEYED_BY_EMAIL):
        _merge_group(conn, group)
    _backfill_emails(conn)

    op.create_index(
        "uq_contacts_owner_linkedin_url",
        "contacts",
        ["owner_id", "linkedin_url"],
        unique=True,
        sqlite_where=sa.text(HAS_URL),
        postgresql_where=sa.text(HAS_URL),
    )
    op.create_index(
        "uq_contacts_owner_primary_email",
        "contacts",
        ["owner_id", "primary_email"],
        unique=True,
        sqlite_where=sa.text(KEYED_BY_EMAIL),
        postgresql_where=sa.text(KEYED_BY_EMAIL),
    )
    op.create_index("ix_contacts_owner_name_key", "contacts", ["owner_id", "name_key"])
    op.create_index(
        "ix_contacts_owner_match_key", "contacts", ["owner_id", "match_key", "linkedin_url"]
    )


def downgrade() -> None:
    op.drop_index("ix_contacts_owner_match_key", table_name="contacts")
    op.drop_index("ix_contacts_owner_name_key", table_name="contacts")
    op.drop_index("uq_contacts_owner_primary_email", table_name="contacts")
    op.drop_index("uq_contacts_owner_linkedin_url", table_name="contacts")
    op.drop_index("ix_contact_emails_owner_email", table_name="contact_emails")
    op.drop_table("contact_emails")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("match_key")
        batch_op.drop_column("name_key")
        batch_op.drop_column("primary_email")
        batch_op.create_index("ix_contacts_owner_linkedin", ["owner_id", "linkedin_url"])
