"""The JSON API for contacts under /api/v1, and its OpenAPI page."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mutuals.services.context import Workspace
from mutuals.store.contacts import create_contact
from mutuals.store.owners import create_owner


def test_list_search_get(client: TestClient) -> None:
    everyone = client.get("/api/v1/contacts").json()
    assert [c["name"] for c in everyone] == ["Grace Hopper", "Ada Lovelace"]
    found = client.get("/api/v1/contacts", params={"q": "analytical"}).json()
    assert [c["name"] for c in found] == ["Ada Lovelace"]
    one = client.get(f"/api/v1/contacts/{found[0]['id']}").json()
    assert one["emails"] == ["ada@example.org"]


def test_create_and_patch(client: TestClient) -> None:
    created = client.post("/api/v1/contacts", json={"name": "Alan Turing", "tags": ["Friend"]})
    assert created.status_code == 201
    body = created.json()
    assert body["tags"] == ["friend"]
    patched = client.patch(f"/api/v1/contacts/{body['id']}", json={"position": "Cryptanalyst"})
    assert patched.json()["position"] == "Cryptanalyst"
    assert patched.json()["name"] == "Alan Turing"


def test_errors_are_json(client: TestClient) -> None:
    missing = client.get("/api/v1/contacts/999")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "no contact with id 999"}
    invalid = client.post("/api/v1/contacts", json={"name": ""})
    assert invalid.status_code == 422
    refused = client.post("/api/v1/contacts", json={"name": "Ann", "linkedin_url": "V"})
    assert refused.status_code == 400
    assert "LinkedIn" in refused.json()["detail"]
    schema = client.get("/api/v1/openapi.json").json()
    assert "404" in schema["paths"]["/api/v1/contacts/{contact_id}"]["get"]["responses"]
    assert "400" in schema["paths"]["/api/v1/contacts"]["post"]["responses"]


def test_openapi_page(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/contacts" in schema["paths"]
    assert client.get("/docs").status_code == 200


def test_another_owners_contact_is_invisible(
    client: TestClient, sqlite_workspace: Workspace
) -> None:
    with sqlite_workspace.db.transaction() as session:
        other = create_owner(session, name="Someone else").id
        secret = create_contact(session, owner_id=other, first_name="Secret", last_name="Person")
        session.flush()
        secret_id = secret.id
    assert client.get(f"/api/v1/contacts/{secret_id}").status_code == 404
    assert client.get(f"/contacts/{secret_id}").status_code == 404
    assert "Secret" not in client.get("/api/v1/contacts", params={"q": "secret"}).text
    assert "Secret" not in client.get("/contacts").text
    patched = client.patch(f"/api/v1/contacts/{secret_id}", json={"position": "leaked"})
    assert patched.status_code == 404
