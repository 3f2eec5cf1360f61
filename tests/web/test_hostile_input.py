"""Hostile input to the API and the edit form: refused with 400, 413 or 422, never a 500, on both
databases, and the refusal names the field without repeating the value."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from mutuals.services.contacts import add_contact, get_contact
from mutuals.services.context import Workspace
from mutuals.web.app import create_app
from tests.web.conftest import send_form_tokens

JSON = {"content-type": "application/json"}


@pytest.fixture
def api(workspace: Workspace) -> Iterator[TestClient]:
    with TestClient(create_app(workspace), raise_server_exceptions=False) as client:
        yield send_form_tokens(client)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "a" * 250}, "first_name"),
        ({"name": "Ann " + "b" * 201}, "last_name"),
        ({"name": "An\x00n"}, "first_name"),
        ({"name": "Ann", "company": "Ac\x00me"}, "company"),
        ({"name": "Ann", "tags": ["ok", "ba\x00d"]}, "tags"),
    ],
)
def test_values_no_database_can_store_are_400(
    api: TestClient, workspace: Workspace, body: dict[str, object], field: str
) -> None:
    response = api.post("/api/v1/contacts", content=json.dumps(body), headers=JSON)
    assert response.status_code == 400, response.text
    detail = response.json()["detail"]
    assert f"field '{field}'" in detail
    assert "aaaa" not in detail and "bbbb" not in detail and "INSERT" not in detail


def test_text_that_is_not_unicode_is_422_without_echoing_it(api: TestClient) -> None:
    body = '{"name": "Ann", "notes": "\\ud800"}'
    response = api.post("/api/v1/contacts", content=body, headers=JSON)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "notes"]
    assert "input" not in response.json()["detail"][0]


def test_patch_and_edit_form_refuse_long_names_and_nul(
    api: TestClient, workspace: Workspace
) -> None:
    contact = add_contact(workspace, name="Bob Stone")
    patched = api.patch(f"/api/v1/contacts/{contact['id']}", json={"name": "b" * 250})
    assert patched.status_code == 400
    for name in ("c" * 300, "Bo\x00b"):
        form = api.post(
            f"/contacts/{contact['id']}/edit", data={"name": name}, follow_redirects=False
        )
        assert form.status_code in (400, 422), form.status_code
    assert get_contact(workspace, contact["id"])["name"] == "Bob Stone"


@pytest.mark.parametrize(
    "body",
    [
        {"name": "Ann", "emails": ["x" * 10_000 + "@example.org"]},
        {"name": "Ann", "tags": ["t" * 100_000]},
        {"name": "Ann", "tags": [f"tag{i}" for i in range(10_000)]},
        {"name": "Ann", "phones": ["1"] * 51},
    ],
    ids=["long-email", "long-tag", "many-tags", "many-phones"],
)
def test_schema_caps_list_lengths_and_items(api: TestClient, body: dict[str, object]) -> None:
    assert api.post("/api/v1/contacts", json=body).status_code == 422


def test_a_body_over_the_cap_is_413(api: TestClient, workspace: Workspace) -> None:
    cap = workspace.settings.max_request_bytes
    body = {"name": "Ann", "tags": ["t"] * (cap // 4)}
    response = api.post("/api/v1/contacts", content=json.dumps(body), headers=JSON)
    assert response.status_code == 413
    assert api.get("/api/v1/contacts").json() == []


def test_schema_states_the_caps(api: TestClient) -> None:
    schema = api.get("/api/v1/openapi.json").json()["components"]["schemas"]["ContactIn"]
    tags = schema["properties"]["tags"]
    assert tags["maxItems"] == 200 and tags["items"]["maxLength"] == 100
    assert schema["properties"]["emails"]["items"]["maxLength"] == 320
