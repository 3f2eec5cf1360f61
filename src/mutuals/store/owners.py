"""Owner accounts: local mode works as one default owner."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mutuals.store.models import Owner

DEFAULT_OWNER_NAME = "Me"


def get_or_create_default_owner(session: Session) -> Owner:
    """The local default owner, created on first use."""
    owner = session.scalars(select(Owner).where(Owner.is_default.is_(True))).first()
    if owner is None:
        owner = Owner(name=DEFAULT_OWNER_NAME, is_default=True)
        session.add(owner)
        session.flush()
    return owner


def create_owner(session: Session, *, name: str, email: str | None = None) -> Owner:
    """A new (non-default) owner account."""
    owner = Owner(name=name, email=email, is_default=False)
    session.add(owner)
    session.flush()
    return owner
