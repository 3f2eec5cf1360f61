"""events: organisers' events, attendees, private links, follow-up picks, mutual matches and
the reasons shown for planned meetings

Revision ID: 0007_events
Revises: 0005_data_safety
Create Date: 2026-12-01 14:52:18.260761
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_events"
down_revision: str | None = "0005_data_safety"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("rounds", sa.Integer(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("break_minutes", sa.Integer(), nullable=False),
        sa.Column("table_size", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("listed", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("registration_open", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("weights", sa.String(length=10), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=True),
        sa.Column("plan_stats", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("current_round", sa.Integer(), nullable=False),
        sa.Column("phase_started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("elapsed_before", sa.Float(), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("layout_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["owners.id"], name=op.f("fk_events_owner_id_owners"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_listed_starts_at", ["listed", "starts_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "event_attendees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("email_key", sa.String(length=320), nullable=False),
        sa.Column("phone", sa.String(length=100), nullable=False),
        sa.Column("company", sa.String(length=300), nullable=False),
        sa.Column("position", sa.String(length=300), nullable=False),
        sa.Column("headline", sa.String(length=500), nullable=False),
        sa.Column("linkedin_url", sa.String(length=500), nullable=False),
        sa.Column("interests", sa.JSON(), nullable=False),
        sa.Column("offers", sa.JSON(), nullable=False),
        sa.Column("needs", sa.JSON(), nullable=False),
        sa.Column("goals", sa.JSON(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("consent", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("is_host", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("checked_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("arrived_after", sa.Integer(), nullable=True),
        sa.Column("left_after", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_attendees_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["owners.id"],
            name=op.f("fk_event_attendees_member_id_owners"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_attendees")),
        sa.UniqueConstraint("event_id", "email_key", name=op.f("uq_event_attendees_event_id")),
    )
    with op.batch_alter_table("event_attendees", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_attendees_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_event_attendees_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "event_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["attendee_id"],
            ["event_attendees.id"],
            name=op.f("fk_event_links_attendee_id_event_attendees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_links")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_event_links_key_hash")),
    )
    with op.batch_alter_table("event_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_links_attendee_id"), ["attendee_id"], unique=False
        )

    op.create_table(
        "event_matches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_matches_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["first_id"],
            ["event_attendees.id"],
            name=op.f("fk_event_matches_first_id_event_attendees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["second_id"],
            ["event_attendees.id"],
            name=op.f("fk_event_matches_second_id_event_attendees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_matches")),
        sa.UniqueConstraint("first_id", "second_id", name=op.f("uq_event_matches_first_id")),
    )
    with op.batch_alter_table("event_matches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_matches_event_id"), ["event_id"], unique=False)

    op.create_table(
        "event_picks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("picker_id", sa.Integer(), nullable=False),
        sa.Column("picked_id", sa.Integer(), nullable=False),
        sa.Column("yes", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_picks_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["picked_id"],
            ["event_attendees.id"],
            name=op.f("fk_event_picks_picked_id_event_attendees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["picker_id"],
            ["event_attendees.id"],
            name=op.f("fk_event_picks_picker_id_event_attendees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_picks")),
        sa.UniqueConstraint("picker_id", "picked_id", name=op.f("uq_event_picks_picker_id")),
    )
    with op.batch_alter_table("event_picks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_picks_event_id"), ["event_id"], unique=False)

    op.create_table(
        "event_reasons",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attendee_id"],
            ["event_attendees.id"],
            name=op.f("fk_event_reasons_attendee_id_event_attendees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_reasons_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["other_id"],
            ["event_attendees.id"],
            name=op.f("fk_event_reasons_other_id_event_attendees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("attendee_id", "other_id", name=op.f("pk_event_reasons")),
    )
    with op.batch_alter_table("event_reasons", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_reasons_event_id"), ["event_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("event_reasons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_reasons_event_id"))

    op.drop_table("event_reasons")
    with op.batch_alter_table("event_picks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_picks_event_id"))

    op.drop_table("event_picks")
    with op.batch_alter_table("event_matches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_matches_event_id"))

    op.drop_table("event_matches")
    with op.batch_alter_table("event_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_links_attendee_id"))

    op.drop_table("event_links")
    with op.batch_alter_table("event_attendees", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_attendees_member_id"))
        batch_op.drop_index(batch_op.f("ix_event_attendees_event_id"))

    op.drop_table("event_attendees")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_owner_id"))
        batch_op.drop_index("ix_events_listed_starts_at")

    op.drop_table("events")
