"""In headless Chromium: search contacts in local mode; log in, see only one's own network and
log out on a community server; the API docs render offline under the page's security policy."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI

from mutuals.services.contacts import add_contact
from mutuals.services.context import Workspace
from mutuals.web.app import create_app
from tests.web.community import PASSWORD, Community, build_community

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def browser_env() -> dict[str, str]:
    """The environment for Chromium: ours, without libfaketime.

    Under ``make test-future`` every process inherits libfaketime, and Chromium then takes tens of
    seconds to load a page. The browser is not the code under test: the server's clock is what
    the pages show.
    """
    return {
        key: value
        for key, value in os.environ.items()
        if key != "LD_PRELOAD" and not key.startswith("FAKETIME")
    }


pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _serve(app: FastAPI) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def server(sqlite_workspace: Workspace) -> Iterator[str]:
    for name, company in [("Ada Lovelace", "Analytical Engines"), ("Grace Hopper", "Navy")]:
        add_contact(sqlite_workspace, name=name, company=company)
    yield from _serve(create_app(sqlite_workspace))


@pytest.fixture
def community_server(tmp_path: Path) -> Iterator[tuple[str, Community]]:
    community = build_community(tmp_path)
    try:
        for url in _serve(community.app):
            yield url, community
    finally:
        community.ws.close()


def _need_chromium() -> None:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("MUTUALS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium is not installed at {CHROMIUM}")
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")


def _policy_violations(page: Any) -> list[str]:
    """Console errors the Content-Security-Policy raises on ``page`` (collected as it runs)."""
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def test_search_contacts_in_chromium(server: str) -> None:
    _need_chromium()
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, env=browser_env()
        )
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(f"{server}/")
            page.click("text=See your contacts")
            # A click does not wait for the next page to load (a loaded machine once counted
            # the rows before they arrived): wait for its address, then let `expect` retry.
            page.wait_for_url("**/contacts")
            expect(page.locator("#contacts li")).to_have_count(2)
            page.fill("input[name=q]", "navy")
            page.press("input[name=q]", "Enter")
            page.wait_for_url("**/contacts?q=navy")
            rows = page.locator("#contacts li")
            expect(rows).to_have_count(1)
            assert "Grace Hopper" in rows.first.inner_text()
        finally:
            browser.close()


def test_log_in_see_only_my_contacts_and_log_out(
    community_server: tuple[str, Community],
) -> None:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    url, community = community_server
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, env=browser_env()
        )
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            violations = _policy_violations(page)
            page.goto(f"{url}/contacts")
            page.wait_for_url("**/login?next=/contacts")
            page.fill("input[name=email]", "ada@example.org")
            page.fill("input[name=password]", PASSWORD)
            page.click("button:has-text('Log in')")
            page.wait_for_url(f"{url}/contacts")
            rows = page.locator("#contacts li")
            assert rows.count() == 1
            assert "Alma Alphafriend" in rows.first.inner_text()
            text = page.content()
            assert not any(marker in text for marker in community.others_markers("member_a"))
            # The page fits the phone: nothing scrolls sideways.
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            page.click("summary[aria-label='Account menu']")
            page.click("button:has-text('Log out')")
            page.wait_for_url("**/login")
            page.goto(f"{url}/contacts")
            page.wait_for_url("**/login?next=/contacts")
            assert violations == []
        finally:
            browser.close()


def test_api_docs_render_offline(community_server: tuple[str, Community]) -> None:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    url, community = community_server
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, env=browser_env()
        )
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            host = url.split("//")[1].split(":")[0]
            context.add_cookies(
                [
                    {
                        "name": "mutuals_session",
                        "value": community.session_cookie("member_a"),
                        "domain": host,
                        "path": "/",
                    }
                ]
            )
            # Anything not served by mutuals itself fails, as it would offline.
            context.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith(url) else route.abort()
                ),
            )
            page = context.new_page()
            violations = _policy_violations(page)
            page.goto(f"{url}/docs")
            page.wait_for_selector(".swagger-ui .info .title", timeout=15000)
            assert "mutuals" in page.inner_text(".swagger-ui .info .title")
            assert page.locator(".opblock").count() >= 4
            assert violations == []
        finally:
            browser.close()
