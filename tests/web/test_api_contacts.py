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


def test_patch_applies_profile_fields_and_names_unknown_ones(client: TestClient) -> None:
    refused = client.patch("/api/v1/contacts/1", json={"offers": ["x"], "bogus": 1, "nope": 2})
    assert refused.status_code == 422
    named = {tuple(error["loc"]) for error in refused.json()["detail"]}
    assert named == {("body", "bogus"), ("body", "nope")}
    assert client.get("/api/v1/contacts/1").json()["offers"] == []  # nothing half-applied
    patched = client.patch(
        "/api/v1/contacts/1",
        json={
            "offers": ["x"],
            "needs": ["a printer"],
            "interests": ["poetry"],
            "goals": ["publish notes"],
            "headline": "Mathematician",
        },
    )
    assert patched.status_code == 200
    body = patched.json()
    assert (body["offers"], body["needs"], body["interests"]) == (["x"], ["a printer"], ["poetry"])
    assert body["goals"] == ["publish notes"] and body["headline"] == "Mathematician"
    assert client.post("/api/v1/contacts", json={"name": "A", "bogus": 1}).status_code == 422


def test_emails_are_validated(client: TestClient) -> None:
    refused = client.post("/api/v1/contacts", json={"name": "Ann", "emails": ["not-an-email"]})
    assert refused.status_code == 400
    assert "'not-an-email' is not an email address" in refused.json()["detail"]
    patched = client.patch("/api/v1/contacts/1", json={"emails": ["ada@"]})
    assert patched.status_code == 400


def test_delete_and_merge(client: TestClient) -> None:
    extra = client.post(
        "/api/v1/contacts", json={"name": "Ada King", "emails": ["countess@example.org"]}
    ).json()
    merged = client.post("/api/v1/contacts/1/merge", json={"other": extra["id"]})
    assert merged.status_code == 200, merged.text
    assert merged.json()["emails"] == ["ada@example.org", "countess@example.org"]
    assert merged.json()["merged_from"] == extra["id"]
    assert client.get(f"/api/v1/contacts/{extra['id']}").status_code == 404
    assert client.post("/api/v1/contacts/1/merge", json={"other": 1}).status_code == 400
    assert client.post("/api/v1/contacts/1/merge", json={"other": 999}).status_code == 404
    assert client.delete("/api/v1/contacts/2").status_code == 204
    assert client.delete("/api/v1/contacts/2").status_code == 404
    schema = client.get("/api/v1/openapi.json").json()
    assert "delete" in schema["paths"]["/api/v1/contacts/{contact_id}"]
    assert "/api/v1/contacts/{contact_id}/merge" in schema["paths"]
