"""Web fixtures: a test client over a workspace with a few contacts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from mutuals.services.contacts import add_contact
from mutuals.services.context import Workspace
from mutuals.web.app import create_app


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
        yield test_client
