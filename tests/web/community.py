"""A community server for web tests: four accounts, each with private contacts, on a fixed clock.

Each member's contacts carry marker strings that must never appear in another member's pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from mutuals.clock import FixedClock
from mutuals.services import accounts, signin
from mutuals.services.contacts import add_contact
from mutuals.services.context import Workspace, open_workspace
from mutuals.settings import Settings, sqlite_url
from mutuals.web.app import create_app
from mutuals.web.auth import SESSION_COOKIE, AccessConfig
from tests.web.conftest import send_form_tokens

PASSWORD = "correct horse battery"
START = FixedClock.on(date(2026, 12, 1))
# Role name → (email, the account's role, a private contact's name, email and note).
PEOPLE = {
    "admin": ("admin@example.org", "admin", "Adam Adminfriend", "adam.private@example.org"),
    "member_a": ("ada@example.org", "member", "Alma Alphafriend", "alma.private@example.org"),
    "member_b": ("bea@example.org", "member", "Bruno Betafriend", "bruno.private@example.org"),
    "organiser": ("olu@example.org", "organiser", "Otto Orgfriend", "otto.private@example.org"),
}
ROLES = ("anonymous", "member_a", "member_b", "organiser", "admin")


@dataclass
class Community:
    """The server's workspace and app, the accounts and what each of them keeps private."""

    ws: Workspace
    app: FastAPI
    owner_ids: dict[str, int] = field(default_factory=dict)
    contact_ids: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def email(self, who: str) -> str:
        return PEOPLE[who][0]

    def markers(self, who: str) -> tuple[str, ...]:
        """Strings only ``who``'s own pages may show: their contact's name and email."""
        _, _, name, email = PEOPLE[who]
        return (name.split()[1], email, f"note-of-{who}")

    def others_markers(self, who: str) -> list[str]:
        """Every private marker but ``who``'s own (all of them for an anonymous visitor)."""
        return [m for other in PEOPLE if other != who for m in self.markers(other)]

    def client(
        self,
        who: str = "anonymous",
        *,
        base_url: str = "http://testserver",
        address: tuple[str, int] = ("testclient", 50000),
    ) -> TestClient:
        """A browser: signed in as ``who`` (a fresh session), sending back its form token."""
        client = TestClient(self.app, base_url=base_url, follow_redirects=False, client=address)
        if who != "anonymous":
            client.cookies.set(SESSION_COOKIE, self.session_cookie(who))
            send_form_tokens(client, "/account")
        else:
            send_form_tokens(client, "/login")
        return client

    def session_cookie(self, who: str) -> str:
        key = signin.start_session(self.current(), self.owner_ids[who])
        config: AccessConfig = self.app.state.access
        return config.session_signer.sign(key).decode()

    def current(self) -> Workspace:
        ws = self.app.state.workspace
        assert isinstance(ws, Workspace)
        return ws

    def step(self, delta: timedelta) -> None:
        """Move the server's clock on by ``delta``."""
        clock = self.current().clock
        assert isinstance(clock, FixedClock)
        self.app.state.workspace = self.current().with_clock(clock.advanced(delta))


def build_community(tmp_path: Path) -> Community:
    base = open_workspace(
        Settings(data_dir=tmp_path / "data", database_url=sqlite_url(tmp_path / "community.db"))
    )
    ws = base.with_clock(START)
    community = Community(ws=ws, app=create_app(ws))
    for who, (email, role, name, contact_email) in PEOPLE.items():
        account, _ = accounts.add_account(
            ws, email=email, name=who.replace("_", " ").title(), password=PASSWORD, role=role
        )
        community.owner_ids[who] = account.id
        own = replace(ws, owner_id=account.id)
        contact = add_contact(own, name=name, emails=[contact_email], notes=f"note-of-{who}")
        community.contact_ids[who] = int(contact["id"])
        community.tokens[who] = signin.issue_token(ws, email, label="tests")
    return community
