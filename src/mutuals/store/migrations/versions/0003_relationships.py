"""relationships: cadences, snooze, stage and stage history, tag cadences

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 05:19:44.605231
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tag_cadences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=100), nullable=False),
        sa.Column("every_days", sa.Integer(), nullable=False),
        sa.Column("max_days", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["owners.id"],
            name=op.f("fk_tag_cadences_owner_id_owners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag_cadences")),
        sa.UniqueConstraint("owner_id", "tag", name=op.f("uq_tag_cadences_owner_id")),
    )
    with op.batch_alter_table("tag_cadences", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tag_cadences_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "stage_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_stage_changes_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["owners.id"],
            name=op.f("fk_stage_changes_owner_id_owners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_changes")),
    )
    with op.batch_alter_table("stage_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stage_changes_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_stage_changes_owner_id"), ["owner_id"], unique=False)

    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cadence_every_days", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("cadence_max_days", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("snoozed_until", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("stage", sa.String(length=20), server_default="connected", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("stage")
        batch_op.drop_column("snoozed_until")
        batch_op.drop_column("cadence_max_days")
        batch_op.drop_column("cadence_every_days")

    with op.batch_alter_table("stage_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stage_changes_owner_id"))
        batch_op.drop_index(batch_op.f("ix_stage_changes_contact_id"))

    op.drop_table("stage_changes")
    with op.batch_alter_table("tag_cadences", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tag_cadences_owner_id"))

    op.drop_table("tag_cadences")
