"""Sign-in records: sessions, API tokens, invitations, failed logins and server settings.

Keys are random and stored only as hashes (``key_hash``); callers hash before they look up.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import CursorResult, delete, func, select
from sqlalchemy.orm import Session

from mutuals.store.models import (
    ApiToken,
    AppSetting,
    AuthSession,
    Invitation,
    LoginFailure,
    Owner,
)


def add_session(
    session: Session, *, owner_id: int, key_hash: str, expires_at: datetime
) -> AuthSession:
    row = AuthSession(owner_id=owner_id, key_hash=key_hash, expires_at=expires_at)
    session.add(row)
    session.flush()
    return row


def session_owner(session: Session, *, key_hash: str, now: datetime) -> Owner | None:
    """The account signed in by this session key, when the session exists and has not expired."""
    return session.scalars(
        select(Owner)
        .join(AuthSession, AuthSession.owner_id == Owner.id)
        .where(AuthSession.key_hash == key_hash, AuthSession.expires_at > now)
    ).first()


def delete_session(session: Session, *, key_hash: str) -> int:
    return _count(session.execute(delete(AuthSession).where(AuthSession.key_hash == key_hash)))


def delete_sessions(session: Session, *, owner_id: int, keep_hash: str | None = None) -> int:
    """End every session of an owner (except ``keep_hash``): after a password change."""
    query = delete(AuthSession).where(AuthSession.owner_id == owner_id)
    if keep_hash is not None:
        query = query.where(AuthSession.key_hash != keep_hash)
    return _count(session.execute(query))


def delete_expired_sessions(session: Session, *, now: datetime) -> int:
    return _count(session.execute(delete(AuthSession).where(AuthSession.expires_at <= now)))


def add_token(session: Session, *, owner_id: int, label: str, key_hash: str) -> ApiToken:
    row = ApiToken(owner_id=owner_id, label=label, key_hash=key_hash)
    session.add(row)
    session.flush()
    return row


def token_owner(session: Session, *, key_hash: str) -> Owner | None:
    """The account an API token belongs to, if the token exists."""
    return session.scalars(
        select(Owner)
        .join(ApiToken, ApiToken.owner_id == Owner.id)
        .where(ApiToken.key_hash == key_hash)
    ).first()


def tokens(session: Session, *, owner_id: int) -> Sequence[ApiToken]:
    return session.scalars(
        select(ApiToken).where(ApiToken.owner_id == owner_id).order_by(ApiToken.id)
    ).all()


def delete_tokens(session: Session, *, owner_id: int, label: str | None = None) -> int:
    """Revoke an owner's tokens: those with ``label``, or all of them."""
    query = delete(ApiToken).where(ApiToken.owner_id == owner_id)
    if label is not None:
        query = query.where(ApiToken.label == label)
    return _count(session.execute(query))


def add_invitation(
    session: Session,
    *,
    email: str,
    role: str,
    key_hash: str,
    invited_by: int | None,
    expires_at: datetime,
) -> Invitation:
    row = Invitation(
        email=email, role=role, key_hash=key_hash, invited_by=invited_by, expires_at=expires_at
    )
    session.add(row)
    session.flush()
    return row


def find_invitation(session: Session, *, key_hash: str) -> Invitation | None:
    return session.scalars(select(Invitation).where(Invitation.key_hash == key_hash)).first()


def withdraw_invitations(session: Session, *, email: str) -> int:
    """Delete the unused invitations for ``email`` (a new one replaces them)."""
    return _count(
        session.execute(
            delete(Invitation).where(Invitation.email == email, Invitation.accepted_at.is_(None))
        )
    )


def add_failure(session: Session, *, scope: str, key: str, at: datetime) -> None:
    session.add(LoginFailure(scope=scope, key=key, failed_at=at))
    session.flush()


def failures_since(session: Session, *, scope: str, key: str, since: datetime) -> list[datetime]:
    """When each failure for ``scope``/``key`` after ``since`` happened, oldest first."""
    return list(
        session.scalars(
            select(LoginFailure.failed_at)
            .where(
                LoginFailure.scope == scope,
                LoginFailure.key == key,
                LoginFailure.failed_at > since,
            )
            .order_by(LoginFailure.failed_at)
        )
    )


def clear_failures(session: Session, *, scope: str, key: str) -> None:
    session.execute(
        delete(LoginFailure).where(LoginFailure.scope == scope, LoginFailure.key == key)
    )


def prune_failures(session: Session, *, before: datetime) -> None:
    """Forget failures too old to count, so the table stays small."""
    session.execute(delete(LoginFailure).where(LoginFailure.failed_at <= before))


def count_failures(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(LoginFailure)) or 0


def get_setting(session: Session, key: str) -> str | None:
    row = session.get(AppSetting, key)
    return row.value if row is not None else None


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=value))
    else:
        row.value = value
    session.flush()


def _count(result: object) -> int:
    """How many rows a DELETE touched."""
    assert isinstance(result, CursorResult)
    return int(result.rowcount)
