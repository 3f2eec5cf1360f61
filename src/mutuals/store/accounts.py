"""Owners as accounts: finding, listing and removing them. An account is an owner with an email."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from mutuals.store.models import CommunityTie, Contact, Interaction, Owner


def any_account(session: Session) -> bool:
    """Whether at least one account exists (then every page needs a login)."""
    return bool(session.scalar(select(exists().where(Owner.email.is_not(None)))))


def find_account(session: Session, *, email: str) -> Owner | None:
    """The account with this (normalised) email, if any."""
    return session.scalars(select(Owner).where(Owner.email == email)).first()


def list_accounts(session: Session) -> Sequence[Owner]:
    """Every account, oldest first."""
    return session.scalars(select(Owner).where(Owner.email.is_not(None)).order_by(Owner.id)).all()


def count_admins(session: Session) -> int:
    """How many accounts have the admin role."""
    return (
        session.scalar(
            select(func.count())
            .select_from(Owner)
            .where(Owner.email.is_not(None), Owner.role == "admin")
        )
        or 0
    )


def network_size(session: Session, *, owner_id: int) -> dict[str, int]:
    """How much a removal would delete: the owner's contacts, interactions and community ties."""
    counts: dict[str, int] = {}
    for label, model in (
        ("contacts", Contact),
        ("interactions", Interaction),
        ("community_ties", CommunityTie),
    ):
        counts[label] = (
            session.scalar(
                select(func.count()).select_from(model).where(model.owner_id == owner_id)
            )
            or 0
        )
    return counts


def contact_counts(session: Session) -> dict[int, int]:
    """Contacts per owner id, for the list of accounts."""
    rows = session.execute(select(Contact.owner_id, func.count()).group_by(Contact.owner_id))
    return {owner_id: count for owner_id, count in rows}


def delete_owner(session: Session, *, owner_id: int) -> None:
    """Delete an owner; the database's ON DELETE CASCADE removes everything it owns."""
    session.execute(delete(Owner).where(Owner.id == owner_id))
