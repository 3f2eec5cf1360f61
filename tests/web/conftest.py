"""Web fixtures: a test client over a workspace with a few contacts, and form tokens."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from mutuals.services.contacts import add_contact
from mutuals.services.context import Workspace
from mutuals.web.app import create_app

if TYPE_CHECKING:
    from tests.web.community import Community
    from tests.web.import_gate import Gate

_TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


def page_token(client: TestClient, path: str = "/") -> str:
    """The form token a page of ``path`` carries, as a browser would send it back."""
    found = _TOKEN.search(client.get(path).text)
    assert found, f"{path} carries no form token"
    return found.group(1)


def send_form_tokens(client: TestClient, path: str = "/") -> TestClient:
    """Make every later request of ``client`` carry the token of its browser session."""
    client.headers["X-CSRF-Token"] = page_token(client, path)
    return client


@pytest.fixture
def client(sqlite_workspace: Workspace) -> Iterator[TestClient]:
    add_contact(
        sqlite_workspace,
        name="Ada Lovelace",
        emails=["ada@example.org"],
        company="Analytical Engines",
        tags=["mentor"],
    )
    add_contact(sqlite_workspace, name="Grace Hopper", company="Navy", tags=["client"])
    with TestClient(create_app(sqlite_workspace)) as test_client:
        # Local mode, as a browser would use it: forms send back the token their page carried.
        yield send_form_tokens(test_client)


@pytest.fixture
def community(tmp_path: Path) -> Iterator[Community]:
    """A community server with four accounts (see tests/web/community.py)."""
    from tests.web.community import build_community

    built = build_community(tmp_path)
    try:
        yield built
    finally:
        built.ws.close()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    """Imports from the browser held at their first progress report (see ``Gate``), each
    showing its progress page rather than waiting for the result in the request."""
    from mutuals.services import import_jobs
    from mutuals.web.routers import imports
    from tests.web.import_gate import Gate

    held = Gate()
    monkeypatch.setattr(import_jobs, "import_upload", held.importer)
    monkeypatch.setattr(imports, "INLINE_WAIT", 0.0)
    yield held
    held.go.set()
