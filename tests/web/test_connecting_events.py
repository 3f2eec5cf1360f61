"""A contact met at an event: their page offers a follow-up after it, and the draft names the
event; an event the member was not at is refused on the page."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from mutuals.services.contacts import add_contact
from mutuals.services.context import Workspace
from mutuals.web.app import create_app
from tests.services.met_world import hold_evening
from tests.web.conftest import send_form_tokens


@pytest.fixture
def bo(sqlite_workspace: Workspace) -> int:
    """The local member sat with Bo at the organiser's (their own) evening; Bo is a contact."""
    hold_evening(sqlite_workspace, {"Mia Moss": sqlite_workspace.owner_id})
    return int(add_contact(sqlite_workspace, name="Bo Chen", company="Chen Ltd")["id"])


@pytest.fixture
def client(sqlite_workspace: Workspace, bo: int) -> Iterator[TestClient]:
    with TestClient(create_app(sqlite_workspace), follow_redirects=False) as test_client:
        yield send_form_tokens(test_client)


def test_the_contact_page_offers_a_follow_up_after_the_event(client: TestClient, bo: int) -> None:
    page = client.get(f"/contacts/{bo}", params={"today": "2026-12-11"})
    assert page.status_code == 200
    link = re.search(r'href="([^"]+)">Follow up after Hour of Power \(2026-12-10\)</a>', page.text)
    assert link, page.text
    drafted = client.get(html.unescape(link.group(1)))
    assert drafted.status_code == 200
    text = html.unescape(drafted.text)
    assert "Good to meet you at Hour of Power, Bo" in text
    assert "It was good to meet you at Hour of Power on 2026-12-10." in text


def test_an_event_the_member_was_not_at_is_refused(client: TestClient, bo: int) -> None:
    refused = client.get(f"/contacts/{bo}/draft/follow-up", params={"event": 999})
    assert refused.status_code == 400
    assert "no event 999 among the events you were on the list of" in html.unescape(refused.text)
