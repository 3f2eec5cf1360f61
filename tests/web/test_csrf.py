"""Every state-changing form needs the token its page carried: without it, 403."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mutuals.services.context import Workspace
from mutuals.web.app import create_app
from tests.web.community import PASSWORD, Community
from tests.web.conftest import page_token


def test_local_mode_forms_need_the_token(client: TestClient) -> None:
    token = client.headers.pop("X-CSRF-Token")
    refused = client.post("/contacts/1/edit", data={"name": "Ada King"}, follow_redirects=False)
    assert refused.status_code == 403
    assert "not sent from a mutuals page" in refused.text
    assert client.get("/contacts/1").text.count("Ada King") == 0
    forged = client.post("/contacts/1/edit", data={"name": "Ada King", "csrf_token": "forged"})
    assert forged.status_code == 403
    for path, data in [
        ("/profile", {"name": "Me"}),
        ("/contacts/1/log", {"channel": "call", "direction": "gave", "on": ""}),
        ("/contacts/1/stage", {"stage": "relationship"}),
    ]:
        assert client.post(path, data=data).status_code == 403, path
    saved = client.post(
        "/contacts/1/edit",
        data={"name": "Ada King", "csrf_token": token},
        follow_redirects=False,
    )
    assert saved.status_code == 303


def test_every_form_in_the_pages_carries_the_token(client: TestClient) -> None:
    for path in ("/contacts/1", "/contacts/1/edit", "/profile"):
        text = client.get(path).text
        forms = text.count('method="post"')
        assert forms and text.count('name="csrf_token"') == forms, path


def test_a_token_from_another_browser_is_refused(sqlite_workspace: Workspace) -> None:
    app = create_app(sqlite_workspace)
    mine, theirs = TestClient(app), TestClient(app)
    their_token = page_token(theirs, "/profile")
    refused = mine.post("/profile", data={"name": "Me", "csrf_token": their_token})
    assert refused.status_code == 403


def test_signed_in_forms_are_bound_to_the_session(community: Community) -> None:
    client = community.client("member_a")
    other_session = community.client("member_a")
    stolen = other_session.headers["X-CSRF-Token"]
    client.headers.pop("X-CSRF-Token")
    path = f"/contacts/{community.contact_ids['member_a']}/edit"
    refused = client.post(path, data={"name": "Alma Changed", "csrf_token": stolen})
    assert refused.status_code == 403
    refused = client.post("/logout")
    assert refused.status_code == 403
    token = page_token(client, "/account")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303


def test_the_login_form_needs_its_token(community: Community) -> None:
    client = community.client()
    client.headers.pop("X-CSRF-Token")
    refused = client.post("/login", data={"email": "ada@example.org", "password": PASSWORD})
    assert refused.status_code == 403
    token = page_token(client, "/login")
    signed = client.post(
        "/login", data={"email": "ada@example.org", "password": PASSWORD, "csrf_token": token}
    )
    assert signed.status_code == 303


def test_the_api_takes_no_form_token(community: Community) -> None:
    api = TestClient(community.app)
    created = api.post(
        "/api/v1/contacts",
        json={"name": "Via Api"},
        headers={"Authorization": f"Bearer {community.tokens['member_a']}"},
    )
    assert created.status_code == 201
