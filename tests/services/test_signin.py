"""Signing in: sessions that expire by the workspace clock, the login throttle and API tokens."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mutuals.clock import FixedClock
from mutuals.services import accounts, signin
from mutuals.services.context import Workspace
from mutuals.store import credentials

PASSWORD = "correct horse battery"
START = FixedClock.on(date(2026, 12, 1))


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    accounts.add_account(workspace, email="ada@example.org", name="Ada", password=PASSWORD)
    return workspace.with_clock(START)


def test_a_session_lasts_until_it_expires_or_logs_out(ws: Workspace) -> None:
    signed = signin.log_in(ws, email="ADA@example.org ", password=PASSWORD, address="10.0.0.1")
    assert signed.account.email == "ada@example.org"
    almost = ws.with_clock(START.advanced(timedelta(days=14) - timedelta(seconds=1)))
    assert signin.session_account(almost, signed.key) == signed.account
    expired = ws.with_clock(START.advanced(timedelta(days=14)))
    assert signin.session_account(expired, signed.key) is None

    again = signin.log_in(ws, email="ada@example.org", password=PASSWORD, address="10.0.0.1")
    signin.end_session(ws, again.key)
    assert signin.session_account(ws, again.key) is None
    assert signin.session_account(ws, "forged") is None


def test_only_a_hash_of_the_session_key_is_stored(ws: Workspace) -> None:
    signed = signin.log_in(ws, email="ada@example.org", password=PASSWORD, address="10.0.0.1")
    with ws.db.transaction() as session:
        stored = credentials.session_owner(
            session, key_hash=signin.key_hash(signed.key), now=START.now()
        )
        assert stored is not None
        assert credentials.session_owner(session, key_hash=signed.key, now=START.now()) is None


def test_wrong_passwords_are_throttled_per_account(ws: Workspace) -> None:
    for _ in range(signin.ACCOUNT_LIMIT):
        with pytest.raises(signin.LoginRefused):
            signin.log_in(ws, email="ada@example.org", password="wrong guess", address="10.0.0.1")
    later = ws.with_clock(START.advanced(timedelta(minutes=5)))
    with pytest.raises(signin.LoginThrottled, match=r"this account\. Try again in 10 minutes") as e:
        # Even the right password waits: the throttle comes before the check.
        signin.log_in(later, email="ada@example.org", password=PASSWORD, address="10.9.9.9")
    assert e.value.wait_seconds == 600
    free = ws.with_clock(START.advanced(timedelta(minutes=15, seconds=1)))
    signin.log_in(free, email="ada@example.org", password=PASSWORD, address="10.0.0.1")


def test_wrong_passwords_are_throttled_per_address(ws: Workspace) -> None:
    for n in range(signin.ADDRESS_LIMIT):
        with pytest.raises(signin.LoginRefused):
            signin.log_in(ws, email=f"guess{n}@example.org", password="x" * 9, address="10.0.0.7")
    with pytest.raises(signin.LoginThrottled, match="your address"):
        signin.log_in(ws, email="ada@example.org", password=PASSWORD, address="10.0.0.7")
    signin.log_in(ws, email="ada@example.org", password=PASSWORD, address="10.0.0.8")


def test_a_successful_login_clears_the_account_count(ws: Workspace) -> None:
    for _ in range(signin.ACCOUNT_LIMIT - 1):
        with pytest.raises(signin.LoginRefused):
            signin.log_in(ws, email="ada@example.org", password="wrong guess", address="10.0.0.1")
    signin.log_in(ws, email="ada@example.org", password=PASSWORD, address="10.0.0.1")
    with pytest.raises(signin.LoginRefused):
        signin.log_in(ws, email="ada@example.org", password="wrong guess", address="10.0.0.1")
    signin.log_in(ws, email="ada@example.org", password=PASSWORD, address="10.0.0.1")


def test_tokens_are_shown_once_and_revoked(ws: Workspace) -> None:
    token = signin.issue_token(ws, "ada@example.org", label="laptop")
    assert token.startswith("mut_") and len(token) > 40
    assert signin.token_account(ws, token) is not None
    with ws.db.transaction() as session:
        stored = [t.key_hash for t in credentials.tokens(session, owner_id=ws.owner_id)]
    assert stored == [signin.key_hash(token)]
    with pytest.raises(accounts.AccountError, match="already has a token labelled"):
        signin.issue_token(ws, "ada@example.org", label="laptop")
    other = signin.issue_token(ws, "ada@example.org", label="phone")
    assert signin.revoke_tokens(ws, "ada@example.org", label="laptop") == 1
    assert signin.token_account(ws, token) is None
    assert signin.token_account(ws, other) is not None
    with pytest.raises(accounts.AccountError, match="no token labelled"):
        signin.revoke_tokens(ws, "ada@example.org", label="laptop")
    assert signin.revoke_tokens(ws, "ada@example.org") == 1
    assert signin.token_account(ws, other) is None
