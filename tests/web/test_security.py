"""Security headers, no inline script, error pages without stack traces, offline API docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import mutuals.web
from mutuals.services.context import Workspace
from mutuals.web.app import create_app
from tests.web.community import Community

WEB = Path(mutuals.web.__file__).parent


@pytest.mark.parametrize(
    "path", ["/", "/contacts", "/login", "/static/style.css", "/api/v1/contacts", "/nope", "/docs"]
)
def test_every_response_has_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["x-frame-options"] == "DENY"


def test_redirects_and_401s_have_them_too(community: Community) -> None:
    anonymous = TestClient(community.app, follow_redirects=False)
    for response in (anonymous.get("/contacts"), anonymous.get("/api/v1/contacts")):
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["cache-control"] == "no-store"


def test_no_template_or_page_has_inline_script() -> None:
    for template in (WEB / "templates").rglob("*.html"):
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag, f"{template.name}: inline <script>"
        assert not re.search(r"\son[a-z]+\s*=", text), f"{template.name}: inline event handler"
        assert "javascript:" not in text, template.name
        assert "style=" not in text, f"{template.name}: inline style"


def test_errors_show_no_stack_trace(sqlite_workspace: Workspace) -> None:
    app = create_app(sqlite_workspace)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals at /srv/mutuals/app.py line 12")

    @app.get("/api/v1/boom")
    def api_boom() -> None:
        raise RuntimeError("secret internals")

    client = TestClient(app, raise_server_exceptions=False)
    for path in ("/boom", "/api/v1/boom"):
        response = client.get(path)
        assert response.status_code == 500
        assert "Traceback" not in response.text and "secret internals" not in response.text
        assert "Something went wrong" in response.text
        assert "frame-ancestors" in response.headers["content-security-policy"]


def test_docs_work_offline(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/") for s in sources), sources
    assert "/api/v1/openapi.json" in page.text
    for source in sources:
        assert client.get(source).status_code == 200, source
    bundle = client.get("/static/swagger/swagger-ui-bundle.js")
    assert len(bundle.content) > 500_000
    assert client.get("/api/v1/openapi.json").json()["openapi"].startswith("3.")
