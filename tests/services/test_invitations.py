"""Invitations: one-time links that expire, and a switch that closes them all."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mutuals.clock import FixedClock
from mutuals.services import accounts, invitations
from mutuals.services.context import Workspace
from mutuals.services.signin import log_in

START = FixedClock.on(date(2026, 12, 1))
PASSWORD = "correct horse battery"


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    accounts.add_account(workspace, email="boss@example.org", name="Boss", password=PASSWORD)
    return workspace.with_clock(START)


def test_an_invitation_signs_up_once(ws: Workspace) -> None:
    key = invitations.invite(ws, "Grace@Example.org", role="organiser")
    assert invitations.invitation_link("https://n.example.org/", key).endswith(f"/invite/{key}")
    pending = invitations.pending_invitation(ws, key)
    assert (pending.email, pending.role) == ("grace@example.org", "organiser")
    account = invitations.accept_invitation(ws, key, name="Grace Hopper", password=PASSWORD)
    assert account.role == "organiser" and not account.is_default
    log_in(ws, email="grace@example.org", password=PASSWORD, address="1.1.1.1")
    with pytest.raises(invitations.InvitationInvalid, match="was used"):
        invitations.pending_invitation(ws, key)
    with pytest.raises(accounts.AccountError, match="already has an account"):
        invitations.invite(ws, "grace@example.org")


def test_a_bad_password_leaves_the_invitation_usable(ws: Workspace) -> None:
    key = invitations.invite(ws, "grace@example.org")
    with pytest.raises(ValueError, match="at least 8"):
        invitations.accept_invitation(ws, key, name="Grace", password="short")
    assert invitations.pending_invitation(ws, key).email == "grace@example.org"


def test_invitations_expire_and_are_replaced(ws: Workspace) -> None:
    first = invitations.invite(ws, "grace@example.org", days=2)
    later = ws.with_clock(START.advanced(timedelta(days=2)))
    with pytest.raises(invitations.InvitationInvalid, match="expired"):
        invitations.pending_invitation(later, first)
    second = invitations.invite(ws, "grace@example.org")
    with pytest.raises(invitations.InvitationInvalid):
        invitations.pending_invitation(ws, first)
    assert invitations.pending_invitation(ws, second).email == "grace@example.org"


def test_the_switch_closes_every_link(ws: Workspace) -> None:
    assert invitations.invitations_open(ws)
    key = invitations.invite(ws, "grace@example.org")
    invitations.set_invitations(ws, open_=False)
    with pytest.raises(invitations.InvitationInvalid, match="closed"):
        invitations.pending_invitation(ws, key)
    with pytest.raises(accounts.AccountError, match="invitations are off"):
        invitations.invite(ws, "alan@example.org")
    invitations.set_invitations(ws, open_=True)
    assert invitations.pending_invitation(ws, key).email == "grace@example.org"
