"""event match mail: when each side of a mutual match was sent the other's contact details

Revision ID: 0009_event_match_mail
Revises: 0008_person_keys
Create Date: 2026-12-06 03:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_event_match_mail"
down_revision: str | None = "0008_person_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("event_matches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_mailed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("second_mailed_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("event_matches", schema=None) as batch_op:
        batch_op.drop_column("second_mailed_at")
        batch_op.drop_column("first_mailed_at")
