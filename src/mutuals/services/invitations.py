"""Invitations: the only way to sign up. An admin opens or closes them; each link works once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from mutuals.domain.account import check_role, normalise_email
from mutuals.services.accounts import Account, AccountError, create_account
from mutuals.services.context import Workspace
from mutuals.services.passwords import key_hash, new_key
from mutuals.services.signin import as_utc, utc_now
from mutuals.store import accounts as account_store
from mutuals.store import credentials as store

SWITCH: Final = "invitations"
DEFAULT_DAYS: Final = 7
INVITE_PATH: Final = "/invite/"


class InvitationInvalid(AccountError):
    """The link is unknown, used, expired, or invitations are closed."""


@dataclass(frozen=True)
class PendingInvitation:
    """What the sign-up page shows: who is invited, as what, until when."""

    email: str
    role: str
    expires_at: datetime


def invitations_open(ws: Workspace) -> bool:
    """Whether invitation links work (on unless an admin turned them off)."""
    with ws.db.transaction() as session:
        return store.get_setting(session, SWITCH) != "off"


def set_invitations(ws: Workspace, *, open_: bool) -> None:
    """Turn invitations on or off; off makes every outstanding link stop working too."""
    with ws.db.transaction() as session:
        store.set_setting(session, SWITCH, "on" if open_ else "off")


def invite(
    ws: Workspace,
    email: str,
    *,
    role: str = "member",
    invited_by: int | None = None,
    days: int = DEFAULT_DAYS,
) -> str:
    """A new one-time invitation for ``email``; returns its key (the link's last part).

    An earlier unused invitation for the same address stops working.
    """
    address = normalise_email(email)
    granted = check_role(role)
    if not 1 <= days <= 90:
        raise AccountError("an invitation lasts 1 to 90 days")
    if not invitations_open(ws):
        raise AccountError("invitations are off; turn them on with: mutuals user invitations on")
    key = new_key()
    with ws.db.transaction() as session:
        if account_store.find_account(session, email=address) is not None:
            raise AccountError(f"{address} already has an account")
        store.withdraw_invitations(session, email=address)
        store.add_invitation(
            session,
            email=address,
            role=granted,
            key_hash=key_hash(key),
            invited_by=invited_by,
            expires_at=utc_now(ws) + timedelta(days=days),
        )
    return key


def invitation_link(base_url: str, key: str) -> str:
    return base_url.rstrip("/") + INVITE_PATH + key


def pending_invitation(ws: Workspace, key: str) -> PendingInvitation:
    """The invitation behind a link; InvitationInvalid when it cannot be used."""
    if not invitations_open(ws):
        raise InvitationInvalid("Invitations are closed on this server; ask an admin.")
    with ws.db.transaction() as session:
        row = store.find_invitation(session, key_hash=key_hash(key))
        if row is None or row.accepted_at is not None or as_utc(row.expires_at) <= utc_now(ws):
            raise InvitationInvalid(
                "This invitation link does not work: it was used, has expired or was replaced. "
                "Ask for a new one."
            )
        return PendingInvitation(email=row.email, role=row.role, expires_at=as_utc(row.expires_at))


def accept_invitation(ws: Workspace, key: str, *, name: str, password: str) -> Account:
    """Sign up from an invitation: the account is made and the link is used up."""
    pending_invitation(ws, key)
    with ws.db.transaction() as session:
        row = store.find_invitation(session, key_hash=key_hash(key))
        assert row is not None
        # Used up first: if the account cannot be made, the transaction undoes both.
        row.accepted_at = utc_now(ws)
        session.flush()
        owner, _ = create_account(
            session, email=row.email, name=name, password=password, role=row.role
        )
        return Account.of(owner)
