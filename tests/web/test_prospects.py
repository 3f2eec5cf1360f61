"""The People to meet page and the profile form."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mutuals.services.contacts import edit_contact
from mutuals.services.context import Workspace


def test_empty_profile_points_to_the_form(client: TestClient) -> None:
    page = client.get("/prospects")
    assert page.status_code == 200
    assert 'href="/profile"' in page.text


def test_profile_form_then_ranked_people(client: TestClient, sqlite_workspace: Workspace) -> None:
    edit_contact(
        sqlite_workspace,
        "Ada Lovelace",
        offers=["web design for small businesses"],
        needs=["help with bookkeeping and taxes"],
    )
    saved = client.post(
        "/profile",
        data={
            "name": "Sam",
            "offers": "bookkeeping and tax returns",
            "needs": "a new website\nmore clients",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert "a new website" in client.get("/profile").text
    page = client.get("/prospects")
    assert "Ada Lovelace" in page.text
    assert "bookkeeping" in page.text
    assert "Grace Hopper" not in page.text  # no offers or needs: nothing to match on


def test_profile_without_a_name_is_refused(client: TestClient) -> None:
    refused = client.post("/profile", data={"name": " "})
    assert refused.status_code == 400
