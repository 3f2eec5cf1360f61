"""Signing in: passwords checked against a throttle, sessions that expire, and API tokens.

Every time comes from the workspace's clock, so tests step it. Failed logins are stored in the
database, so that several workers of one server count them together.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from mutuals.services.accounts import Account, AccountError, get_account
from mutuals.services.context import Workspace
from mutuals.services.passwords import (
    hash_password,
    key_hash,
    needs_rehash,
    new_key,
    verify_password,
)
from mutuals.store import accounts as account_store
from mutuals.store import credentials as store

# Five wrong passwords for one account, or twenty from one address (an office shares one), within
# fifteen minutes: then that account or address waits until the oldest of them is that old.
THROTTLE_WINDOW: Final = timedelta(minutes=15)
ACCOUNT_LIMIT: Final = 5
ADDRESS_LIMIT: Final = 20
DEFAULT_SESSION_DAYS: Final = 14
TOKEN_PREFIX: Final = "mut_"
SECRET_SETTING: Final = "secret_key"


class LoginRefused(Exception):
    """Wrong email or password (which one is never said)."""


class LoginThrottled(Exception):
    """Too many failed logins: ``wait_seconds`` until the next try counts."""

    def __init__(self, scope: str, wait_seconds: int) -> None:
        self.scope = scope
        self.wait_seconds = wait_seconds
        minutes = max(1, math.ceil(wait_seconds / 60))
        who = "this account" if scope == "account" else "your address"
        super().__init__(
            f"Too many failed logins for {who}. Try again in {minutes} minute"
            f"{'s' if minutes != 1 else ''}."
        )


@dataclass(frozen=True)
class SignedIn:
    """A new session: the key for the cookie (shown once) and the account."""

    key: str
    account: Account


def utc_now(ws: Workspace) -> datetime:
    """The workspace clock's now in UTC (how every time is stored)."""
    return ws.clock.now().astimezone(UTC)


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; mutuals stores UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def session_lifetime(ws: Workspace) -> timedelta:
    return timedelta(days=ws.settings.session_days)


def check_credentials(ws: Workspace, *, email: str, password: str, address: str) -> Account:
    """The account whose password this is; LoginThrottled or LoginRefused otherwise.

    A throttled try is refused before the password is looked at, so guessing goes no faster.
    A failure is counted against the account and the address, in the database.
    """
    now = utc_now(ws)
    account_key = email.strip().lower()[:320]
    with ws.db.transaction() as session:
        for scope, key, limit in (
            ("account", account_key, ACCOUNT_LIMIT),
            ("address", address, ADDRESS_LIMIT),
        ):
            window = store.failures_since(
                session, scope=scope, key=key, since=now - THROTTLE_WINDOW
            )
            if len(window) >= limit:
                free_at = as_utc(window[-limit]) + THROTTLE_WINDOW
                raise LoginThrottled(scope, math.ceil((free_at - now).total_seconds()))
        owner = account_store.find_account(session, email=account_key)
        stored = owner.password_hash if owner is not None else None
        # Verified even without an account, so that timing does not tell which emails exist.
        matched = verify_password(stored, password)
        if owner is not None and stored is not None and matched:
            store.clear_failures(session, scope="account", key=account_key)
            if needs_rehash(stored):
                owner.password_hash = hash_password(password)
            return Account.of(owner)
        store.prune_failures(session, before=now - THROTTLE_WINDOW)
        store.add_failure(session, scope="account", key=account_key, at=now)
        store.add_failure(session, scope="address", key=address, at=now)
    # Raised outside the transaction, which commits the failures it counted.
    raise LoginRefused("wrong email or password")


def log_in(ws: Workspace, *, email: str, password: str, address: str) -> SignedIn:
    """Check the password (``check_credentials``) and start a new session."""
    account = check_credentials(ws, email=email, password=password, address=address)
    with ws.db.transaction() as session:
        store.delete_expired_sessions(session, now=utc_now(ws))
    return SignedIn(key=start_session(ws, account.id), account=account)


def start_session(ws: Workspace, owner_id: int) -> str:
    """A new session for an account that has just proved who it is (sign-up): its key."""
    key = new_key()
    with ws.db.transaction() as session:
        store.add_session(
            session,
            owner_id=owner_id,
            key_hash=key_hash(key),
            expires_at=utc_now(ws) + session_lifetime(ws),
        )
    return key


def session_account(ws: Workspace, key: str) -> Account | None:
    """The account signed in with this session key, if the session is live."""
    with ws.db.transaction() as session:
        owner = store.session_owner(session, key_hash=key_hash(key), now=utc_now(ws))
        return Account.of(owner) if owner is not None and owner.email is not None else None


def end_session(ws: Workspace, key: str) -> None:
    """Log out: the session is deleted, so its cookie is worth nothing from now on."""
    with ws.db.transaction() as session:
        store.delete_session(session, key_hash=key_hash(key))


def issue_token(ws: Workspace, email: str, *, label: str = "default") -> str:
    """A new API token for the account; it is returned once and only its hash is kept."""
    label = label.strip()
    if not label or len(label) > 100:
        raise AccountError("a token label needs 1 to 100 characters")
    account = get_account(ws, email)
    with ws.db.transaction() as session:
        taken = {t.label for t in store.tokens(session, owner_id=account.id)}
        if label in taken:
            raise AccountError(
                f"{account.email} already has a token labelled {label!r}; revoke it first "
                "or choose another --label"
            )
        token = new_key(TOKEN_PREFIX)
        store.add_token(session, owner_id=account.id, label=label, key_hash=key_hash(token))
    return token


def revoke_tokens(ws: Workspace, email: str, *, label: str | None = None) -> int:
    """Revoke the account's token with ``label``, or all its tokens; returns how many."""
    account = get_account(ws, email)
    with ws.db.transaction() as session:
        count = store.delete_tokens(session, owner_id=account.id, label=label)
    if label is not None and count == 0:
        raise AccountError(f"{account.email} has no token labelled {label!r}")
    return count


def token_labels(ws: Workspace, email: str) -> list[str]:
    account = get_account(ws, email)
    with ws.db.transaction() as session:
        return [t.label for t in store.tokens(session, owner_id=account.id)]


def token_account(ws: Workspace, token: str) -> Account | None:
    """The account an API token belongs to, if the token is live."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    with ws.db.transaction() as session:
        owner = store.token_owner(session, key_hash=key_hash(token))
        return Account.of(owner) if owner is not None and owner.email is not None else None


def app_secret(ws: Workspace) -> str:
    """The server's signing secret, made by the migration (or now, if it went missing)."""
    with ws.db.transaction() as session:
        secret = store.get_setting(session, SECRET_SETTING)
        if secret is None:
            secret = new_key()
            store.set_setting(session, SECRET_SETTING, secret)
        return secret


def any_account(ws: Workspace) -> bool:
    """Whether any account exists: then every page needs a login."""
    with ws.db.transaction() as session:
        return account_store.any_account(session)
