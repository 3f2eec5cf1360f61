"""Accounts: adding members, organisers and admins, their roles and passwords, and removal.

The first account takes over the default owner, and with it every row the local user already
had: local mode grows into a community server without moving any data.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mutuals.domain.account import check_password, check_role, normalise_email
from mutuals.services.context import Workspace
from mutuals.services.passwords import hash_password
from mutuals.store import accounts as store
from mutuals.store import credentials
from mutuals.store.models import Owner


class AccountError(ValueError):
    """A refusal about accounts, worded for the person who asked."""


class AccountNotFound(AccountError):
    """No account has that email."""


@dataclass(frozen=True)
class Account:
    """An account as the adapters see it (never its password hash)."""

    id: int
    email: str
    name: str
    role: str
    shares_network: bool
    is_default: bool

    @classmethod
    def of(cls, owner: Owner) -> Account:
        assert owner.email is not None, "an owner without an email is not an account"
        return cls(
            id=owner.id,
            email=owner.email,
            name=owner.name,
            role=owner.role,
            shares_network=owner.shares_network,
            is_default=owner.is_default,
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def add_account(
    ws: Workspace, *, email: str, name: str, password: str, role: str | None = None
) -> tuple[Account, bool]:
    """Add an account; returns it and whether it took over the default owner's network.

    Without a ``role`` the very first account is an admin (somebody must run the server) and
    every later one a member.
    """
    with ws.db.transaction() as session:
        owner, adopted = create_account(
            session, email=email, name=name, password=password, role=role
        )
        return Account.of(owner), adopted


def create_account(
    session: Session, *, email: str, name: str, password: str, role: str | None
) -> tuple[Owner, bool]:
    """The shared step of ``mutuals user add`` and signing up from an invitation."""
    address = normalise_email(email)
    if not name.strip():
        raise AccountError("an account needs a name")
    check_password(password)
    if store.find_account(session, email=address) is not None:
        raise AccountError(f"{address} already has an account")
    first = not store.any_account(session)
    chosen = check_role(role) if role else ("admin" if first else "member")
    default = session.scalars(select(Owner).where(Owner.is_default.is_(True))).first()
    adopted = default is not None and default.email is None
    if default is not None and default.email is None:
        owner = default
    else:
        owner = Owner(is_default=False)
        session.add(owner)
    owner.email = address
    owner.name = name.strip()
    owner.role = chosen
    owner.password_hash = hash_password(password)
    session.flush()
    credentials.withdraw_invitations(session, email=address)
    return owner, adopted


def list_accounts(ws: Workspace) -> list[dict[str, Any]]:
    """Every account with its contact count, oldest first."""
    with ws.db.transaction() as session:
        counts = store.contact_counts(session)
        return [
            {**Account.of(owner).as_dict(), "contacts": counts.get(owner.id, 0)}
            for owner in store.list_accounts(session)
        ]


def get_account(ws: Workspace, email: str) -> Account:
    """The account with this email; AccountNotFound otherwise."""
    with ws.db.transaction() as session:
        return Account.of(_find(session, email))


def account_by_id(ws: Workspace, owner_id: int) -> Account | None:
    """The account with this owner id, or None for a non-account owner (local mode)."""
    with ws.db.transaction() as session:
        owner = session.get(Owner, owner_id)
        return Account.of(owner) if owner is not None and owner.email is not None else None


def set_role(ws: Workspace, email: str, role: str) -> Account:
    """Change an account's role; the last admin cannot step down."""
    new_role = check_role(role)
    with ws.db.transaction() as session:
        owner = _find(session, email)
        if owner.role == "admin" and new_role != "admin" and store.count_admins(session) == 1:
            raise AccountError(f"{owner.email} is the only admin; make another account admin first")
        owner.role = new_role
        session.flush()
        return Account.of(owner)


def set_password(
    ws: Workspace, email: str, password: str, *, keep_session: str | None = None
) -> int:
    """Set a new password and end every other session of the account; returns how many ended.

    ``keep_session`` is the hash of the session that asked (the web's own), which stays.
    """
    check_password(password)
    with ws.db.transaction() as session:
        owner = _find(session, email)
        owner.password_hash = hash_password(password)
        return credentials.delete_sessions(session, owner_id=owner.id, keep_hash=keep_session)


def removal_summary(ws: Workspace, email: str) -> dict[str, Any]:
    """What removing the account deletes, to show before asking."""
    with ws.db.transaction() as session:
        owner = _find(session, email)
        return {
            "email": owner.email,
            "name": owner.name,
            **store.network_size(session, owner_id=owner.id),
        }


def remove_account(ws: Workspace, email: str) -> dict[str, Any]:
    """Delete the account and its whole network (contacts, interactions, profile, cadences,
    imports, tokens, sessions and shared ties). The last admin cannot go while others remain."""
    with ws.db.transaction() as session:
        owner = _find(session, email)
        others = len(store.list_accounts(session)) - 1
        if owner.role == "admin" and store.count_admins(session) == 1 and others:
            raise AccountError(f"{owner.email} is the only admin; make another account admin first")
        summary = {"email": owner.email, **store.network_size(session, owner_id=owner.id)}
        store.delete_owner(session, owner_id=owner.id)
        return summary


def _find(session: Session, email: str) -> Owner:
    try:
        address = normalise_email(email)
    except ValueError as exc:
        raise AccountNotFound(str(exc)) from None
    owner = store.find_account(session, email=address)
    if owner is None:
        raise AccountNotFound(f"no account with email {address}")
    return owner
