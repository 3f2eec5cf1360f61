"""Accounts on SQLite and PostgreSQL: the first takes over the local network, roles, removal."""

from __future__ import annotations

import pytest

from mutuals.services import accounts
from mutuals.services.contacts import add_contact, list_contacts
from mutuals.services.context import Workspace
from mutuals.services.signin import log_in, session_account
from mutuals.services.stats import workspace_stats

PASSWORD = "correct horse battery"


def test_the_first_account_takes_over_the_local_network(workspace: Workspace) -> None:
    add_contact(workspace, name="Ada Lovelace", emails=["ada@example.org"])
    first, adopted = accounts.add_account(
        workspace, email=" Me@Example.org ", name="Me Myself", password=PASSWORD
    )
    assert adopted and first.id == workspace.owner_id
    assert first.email == "me@example.org" and first.role == "admin"
    assert [c["name"] for c in list_contacts(workspace)] == ["Ada Lovelace"]

    second, adopted = accounts.add_account(
        workspace, email="bea@example.org", name="Bea", password=PASSWORD
    )
    assert not adopted and second.id != first.id and second.role == "member"
    assert [a["email"] for a in accounts.list_accounts(workspace)] == [
        "me@example.org",
        "bea@example.org",
    ]
    assert accounts.list_accounts(workspace)[0]["contacts"] == 1


def test_bad_accounts_are_refused(workspace: Workspace) -> None:
    accounts.add_account(workspace, email="a@example.org", name="A", password=PASSWORD)
    with pytest.raises(accounts.AccountError, match="already has an account"):
        accounts.add_account(workspace, email="A@example.org", name="A", password=PASSWORD)
    with pytest.raises(ValueError, match="not an email"):
        accounts.add_account(workspace, email="nobody", name="N", password=PASSWORD)
    with pytest.raises(ValueError, match="at least 8"):
        accounts.add_account(workspace, email="b@example.org", name="B", password="short")
    with pytest.raises(ValueError, match="unknown role"):
        accounts.add_account(
            workspace, email="b@example.org", name="B", password=PASSWORD, role="king"
        )
    with pytest.raises(accounts.AccountNotFound):
        accounts.get_account(workspace, "ghost@example.org")


def test_the_last_admin_stays(workspace: Workspace) -> None:
    accounts.add_account(workspace, email="boss@example.org", name="Boss", password=PASSWORD)
    accounts.add_account(workspace, email="m@example.org", name="M", password=PASSWORD)
    with pytest.raises(accounts.AccountError, match="only admin"):
        accounts.set_role(workspace, "boss@example.org", "member")
    with pytest.raises(accounts.AccountError, match="only admin"):
        accounts.remove_account(workspace, "boss@example.org")
    assert accounts.set_role(workspace, "m@example.org", "admin").role == "admin"
    assert accounts.set_role(workspace, "boss@example.org", "organiser").role == "organiser"


def test_removal_deletes_the_whole_network(workspace: Workspace) -> None:
    accounts.add_account(workspace, email="boss@example.org", name="Boss", password=PASSWORD)
    bea, _ = accounts.add_account(workspace, email="bea@example.org", name="Bea", password=PASSWORD)
    as_bea = workspace.__class__(settings=workspace.settings, db=workspace.db, owner_id=bea.id)
    add_contact(as_bea, name="Bea's Friend")
    add_contact(workspace, name="Boss's Friend")
    summary = accounts.removal_summary(workspace, "bea@example.org")
    assert summary["contacts"] == 1
    accounts.remove_account(workspace, "bea@example.org")
    assert workspace_stats(as_bea)["contacts"] == 0
    assert [c["name"] for c in list_contacts(workspace)] == ["Boss's Friend"]
    with pytest.raises(accounts.AccountNotFound):
        accounts.get_account(workspace, "bea@example.org")


def test_a_new_password_signs_out_everywhere(workspace: Workspace) -> None:
    accounts.add_account(workspace, email="a@example.org", name="A", password=PASSWORD)
    signed = log_in(workspace, email="a@example.org", password=PASSWORD, address="1.2.3.4")
    assert session_account(workspace, signed.key) is not None
    assert accounts.set_password(workspace, "a@example.org", "another long one") == 1
    assert session_account(workspace, signed.key) is None
    log_in(workspace, email="a@example.org", password="another long one", address="1.2.3.4")
