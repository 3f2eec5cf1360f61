"""The API on a community server: bearer tokens, 401s that say how, and 404 for others' records."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mutuals.services.signin import revoke_tokens
from tests.web.community import Community


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_no_token_is_401_with_www_authenticate(community: Community) -> None:
    api = TestClient(community.app)
    for method, path in [
        ("GET", "/api/v1/contacts"),
        ("GET", f"/api/v1/contacts/{community.contact_ids['member_a']}"),
        ("POST", "/api/v1/contacts"),
    ]:
        response = api.request(method, path, json={"name": "X"})
        assert response.status_code == 401, path
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert "Authorization: Bearer" in response.json()["detail"]
    bad = api.get("/api/v1/contacts", headers=bearer("mut_made-up"))
    assert bad.status_code == 401 and 'error="invalid_token"' in bad.headers["www-authenticate"]
    basic = api.get("/api/v1/contacts", headers={"Authorization": "Basic YTpi"})
    assert basic.status_code == 401


def test_a_token_sees_only_its_own_network(community: Community) -> None:
    api = TestClient(community.app)
    mine = api.get("/api/v1/contacts", headers=bearer(community.tokens["member_a"]))
    assert mine.status_code == 200
    assert [c["name"] for c in mine.json()] == ["Alma Alphafriend"]
    others = community.contact_ids["member_b"]
    assert (
        api.get(
            f"/api/v1/contacts/{others}", headers=bearer(community.tokens["member_a"])
        ).status_code
        == 404
    )
    patch = api.patch(
        f"/api/v1/contacts/{others}",
        json={"name": "Hijacked"},
        headers=bearer(community.tokens["member_a"]),
    )
    assert patch.status_code == 404
    own = api.get(f"/api/v1/contacts/{others}", headers=bearer(community.tokens["member_b"]))
    assert own.json()["name"] == "Bruno Betafriend"


def test_a_revoked_token_stops_at_once(community: Community) -> None:
    api = TestClient(community.app)
    token = community.tokens["member_b"]
    assert api.get("/api/v1/contacts", headers=bearer(token)).status_code == 200
    revoke_tokens(community.ws, "bea@example.org", label="tests")
    assert api.get("/api/v1/contacts", headers=bearer(token)).status_code == 401


def test_a_signed_in_browser_may_read_but_not_write_the_api(community: Community) -> None:
    browser = community.client("member_a")
    assert browser.get("/api/v1/contacts").status_code == 200
    write = browser.post("/api/v1/contacts", json={"name": "Via Cookie"})
    assert write.status_code == 401


def test_the_schema_is_public_and_names_bearer_auth(community: Community) -> None:
    schema = TestClient(community.app).get("/api/v1/openapi.json")
    assert schema.status_code == 200
    body = schema.json()
    assert body["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert body["security"] == [{"bearer": []}]
    assert "/api/v1/contacts" in body["paths"]
