"""person keys: each shared and community tie stores the resolved identity of its person

Revision ID: 0008_person_keys
Revises: 0007_events
Create Date: 2026-12-01 15:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from mutuals.domain.person_key import person_key

revision: str = "0008_person_keys"
# After main's latest (0005_data_safety). The events branch's 0007_events was written against
# 0004_accounts too: whichever of the two reaches main second follows the other.
down_revision: str | None = "0007_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("shared_ties", "community_ties")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("person_key", sa.String(length=1200), server_default="", nullable=False)
            )
    bind = op.get_bind()
    for table in TABLES:
        t = sa.table(
            table,
            sa.column("id", sa.Integer),
            sa.column("name", sa.String),
            sa.column("company", sa.String),
            sa.column("linkedin_url", sa.String),
            sa.column("person_key", sa.String),
        )
        rows = bind.execute(sa.select(t.c.id, t.c.name, t.c.company, t.c.linkedin_url)).all()
        if rows:
            bind.execute(
                t.update()
                .where(t.c.id == sa.bindparam("row_id"))
                .values(person_key=sa.bindparam("key")),
                [
                    {"row_id": r.id, "key": person_key(r.name, r.company, r.linkedin_url)}
                    for r in rows
                ],
            )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("person_key")
