"""connecting: friends' shared ties and open outreaches

Revision ID: 0006_connecting
Revises: 0003
Create Date: 2026-12-01 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_connecting"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "shared_ties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("from_contact_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("company", sa.String(length=300), nullable=False),
        sa.Column("position", sa.String(length=300), nullable=False),
        sa.Column("linkedin_url", sa.String(length=500), nullable=False),
        sa.Column("strength", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["from_contact_id"],
            ["contacts.id"],
            name=op.f("fk_shared_ties_from_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["owners.id"],
            name=op.f("fk_shared_ties_owner_id_owners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shared_ties")),
    )
    with op.batch_alter_table("shared_ties", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_shared_ties_from_contact_id"), ["from_contact_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_shared_ties_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(
            "ix_shared_ties_owner_from", ["owner_id", "from_contact_id"], unique=False
        )

    op.create_table(
        "outreaches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("attempted_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_outreaches_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["owners.id"],
            name=op.f("fk_outreaches_owner_id_owners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreaches")),
        sa.UniqueConstraint("owner_id", "contact_id", name=op.f("uq_outreaches_owner_id")),
    )
    with op.batch_alter_table("outreaches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outreaches_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outreaches_owner_id"), ["owner_id"], unique=False)


def downgrade() -> None:
    op.drop_table("outreaches")
    op.drop_table("shared_ties")
