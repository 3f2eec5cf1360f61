"""Connecting pages: a prospect's advice, paths and mutual connections; logging a direct attempt
(post/redirect/get); the intro once the wait is over; drafts; Outreach; People you may know."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mutuals.services.context import Workspace
from mutuals.web.app import create_app
from tests.web.conftest import send_form_tokens
from tests.web.connecting_world import seed_network


@pytest.fixture
def client(sqlite_workspace: Workspace, tmp_path: Path) -> Iterator[TestClient]:
    seed_network(sqlite_workspace, tmp_path)
    with TestClient(create_app(sqlite_workspace), follow_redirects=False) as test_client:
        yield send_form_tokens(test_client)


def _reach_out_from_suggestions(client: TestClient) -> str:
    page = client.get("/prospects")
    assert page.status_code == 200
    section = page.text.split('id="people-you-may-know"', 1)[1]
    assert "Ana Silva" in section and "2 mutual connections, including Bo Chen" in section
    added = client.post("/people/reach-out", data={"name": "Ana Silva", "channel": "linkedin"})
    assert added.status_code == 303
    location = added.headers["location"]
    assert re.fullmatch(r"/contacts/\d+#connecting", location)
    return location.split("#")[0]


def test_direct_first_then_the_intro_via_the_strong_friend(client: TestClient) -> None:
    ana = _reach_out_from_suggestions(client)  # today is 2026-11-26 (MUTUALS_TODAY)
    page = client.get(ana)
    assert "Try directly" in page.text
    assert "give Ana Silva 14 more days" in page.text
    paths = page.text.split('id="paths"', 1)[1].split("</ol>", 1)[0]
    assert paths.index("Bo Chen") < paths.index("Cy Diaz")  # the strong friend first
    assert 'id="mutual"' in page.text
    assert 'name="csrf_token"' in page.text and 'action="' + ana + '/reach-out"' in page.text

    # A second attempt by email, on a day chosen in the form: post, then redirect, then get.
    logged = client.post(
        f"{ana}/reach-out", data={"channel": "email", "on": "2026-11-26", "note": "sent a note"}
    )
    assert logged.status_code == 303
    assert logged.headers["location"] == f"{ana}#connecting"

    later = client.get(ana, params={"today": "2026-12-10"})
    assert "Ask for an introduction" in later.text
    assert "ask Bo Chen for an introduction" in later.text
    link = re.search(r'id="draft-intro" href="([^"]+)"', later.text)
    assert link
    drafted = client.get(link.group(1).replace("&amp;", "&"))
    assert drafted.status_code == 200
    assert "Intro request" in drafted.text and "Bo" in drafted.text
    assert "Ana" in drafted.text

    outreach = client.get("/outreach", params={"today": "2026-12-10"})
    row = outreach.text.split('id="outreach"', 1)[1]
    assert "Ana Silva" in row and "ask for an intro" in row and "14 days" in row
    assert "via Bo Chen" in row


def test_bad_attempts_and_drafts_are_refused(client: TestClient) -> None:
    ana = _reach_out_from_suggestions(client)
    refused = client.post(f"{ana}/reach-out", data={"channel": "pigeon"})
    assert refused.status_code == 400
    assert "unknown channel" in refused.text
    future = client.post(f"{ana}/reach-out", data={"channel": "call", "on": "2027-01-01"})
    assert future.status_code == 400 and "in the future" in future.text
    assert client.get(f"{ana}/draft/poem").status_code == 404
    connect = client.get(f"{ana}/draft/connect")
    assert connect.status_code == 200 and "Connection note" in connect.text
    assert client.get("/contacts/999/draft/connect").status_code == 404
    assert client.post("/contacts/999/reach-out", data={"channel": "call"}).status_code == 404
    nobody = client.post("/people/reach-out", data={"name": "Nobody Known"})
    assert nobody.status_code == 404


def test_a_form_without_its_token_is_refused(client: TestClient) -> None:
    ana = _reach_out_from_suggestions(client)
    del client.headers["X-CSRF-Token"]
    assert client.post(f"{ana}/reach-out", data={"channel": "call"}).status_code == 403
