"""attendee link mail: when an attendee was moved up from the waiting list, and when they were
sent their private link

Revision ID: 0010_attendee_link_mail
Revises: 0009_event_match_mail
Create Date: 2026-12-06 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_attendee_link_mail"
down_revision: str | None = "0009_event_match_mail"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("event_attendees", schema=None) as batch_op:
        batch_op.add_column(sa.Column("promoted_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("link_mailed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("event_attendees", schema=None) as batch_op:
        batch_op.drop_column("link_mailed_at")
        batch_op.drop_column("promoted_at")
