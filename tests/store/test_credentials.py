"""Sign-in records and shared ties in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mutuals.services.context import Workspace
from mutuals.store import community, credentials
from mutuals.store.accounts import any_account, count_admins, delete_owner, find_account
from mutuals.store.models import Contact, Owner

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def _account(workspace: Workspace, email: str, role: str = "member") -> int:
    with workspace.db.transaction() as session:
        owner = Owner(name=email, email=email, role=role)
        session.add(owner)
        session.flush()
        return owner.id


def test_sessions_expire_and_are_deleted_with_their_owner(workspace: Workspace) -> None:
    with workspace.db.transaction() as session:
        assert not any_account(session)
    owner_id = _account(workspace, "a@example.org", "admin")
    with workspace.db.transaction() as session:
        assert any_account(session) and count_admins(session) == 1
        credentials.add_session(session, owner_id=owner_id, key_hash="h1", expires_at=NOW)
        assert credentials.session_owner(session, key_hash="h1", now=NOW - timedelta(seconds=1))
        assert credentials.session_owner(session, key_hash="h1", now=NOW) is None
        assert credentials.delete_expired_sessions(session, now=NOW) == 1
        credentials.add_session(
            session, owner_id=owner_id, key_hash="h2", expires_at=NOW + timedelta(days=1)
        )
        credentials.add_token(session, owner_id=owner_id, label="cli", key_hash="t1")
    with workspace.db.transaction() as session:
        delete_owner(session, owner_id=owner_id)
    with workspace.db.transaction() as session:
        assert credentials.session_owner(session, key_hash="h2", now=NOW) is None
        assert credentials.token_owner(session, key_hash="t1") is None
        assert find_account(session, email="a@example.org") is None


def test_failures_are_counted_per_scope_and_key(workspace: Workspace) -> None:
    with workspace.db.transaction() as session:
        for minutes in (0, 5, 20):
            at = NOW - timedelta(minutes=minutes)
            credentials.add_failure(session, scope="account", key="a@example.org", at=at)
        credentials.add_failure(session, scope="address", key="10.0.0.1", at=NOW)
        recent = credentials.failures_since(
            session, scope="account", key="a@example.org", since=NOW - timedelta(minutes=15)
        )
        assert len(recent) == 2
        credentials.prune_failures(session, before=NOW - timedelta(minutes=15))
        assert credentials.count_failures(session) == 3
        credentials.clear_failures(session, scope="account", key="a@example.org")
        assert credentials.count_failures(session) == 1


def test_settings_are_kept(workspace: Workspace) -> None:
    with workspace.db.transaction() as session:
        assert credentials.get_setting(session, "invitations") is None
        credentials.set_setting(session, "invitations", "off")
        credentials.set_setting(session, "invitations", "on")
        assert credentials.get_setting(session, "invitations") == "on"


def test_community_ties_load_by_sharer_and_go_with_their_contact(workspace: Workspace) -> None:
    first = _account(workspace, "a@example.org")
    second = _account(workspace, "b@example.org")
    with workspace.db.transaction() as session:
        contacts = []
        for owner_id in (first, second):
            contact = Contact(owner_id=owner_id, first_name="Ada", last_name="Lovelace")
            session.add(contact)
            contacts.append(contact)
        session.flush()
        for owner_id, contact in zip((first, second), contacts, strict=True):
            tie = {
                "contact_id": contact.id,
                "name": "Ada Lovelace",
                "company": "",
                "position": "",
                "linkedin_url": "https://www.linkedin.com/in/ada",
                "linkedin_key": "https://www.linkedin.com/in/ada",
                "strength": 0.5,
            }
            community.replace_ties(session, owner_id=owner_id, ties=[tie], now=NOW)
        assert [row.owner_id for row in community.community_ties(session)] == [first, second]
        assert [row.owner_id for row in community.community_ties(session, exclude_owner=first)] == [
            second
        ]
        session.delete(contacts[0])
        session.flush()
        assert community.count_ties(session, owner_id=first) == 0
        assert community.count_ties(session, owner_id=second) == 1
