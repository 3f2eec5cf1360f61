"""In headless Chromium: open the contacts page and search, as a member would."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from mutuals.services.contacts import add_contact
from mutuals.services.context import Workspace
from mutuals.web.app import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def server(sqlite_workspace: Workspace) -> Iterator[str]:
    for name, company in [("Ada Lovelace", "Analytical Engines"), ("Grace Hopper", "Navy")]:
        add_contact(sqlite_workspace, name=name, company=company)
    port = _free_port()
    config = uvicorn.Config(
        create_app(sqlite_workspace), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_search_contacts_in_chromium(server: str) -> None:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("MUTUALS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium is not installed at {CHROMIUM}")
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(f"{server}/")
            page.click("text=See your contacts")
            assert page.locator("#contacts li").count() == 2
            page.fill("input[name=q]", "navy")
            page.press("input[name=q]", "Enter")
            page.wait_for_url("**/contacts?q=navy")
            rows = page.locator("#contacts li")
            assert rows.count() == 1
            assert "Grace Hopper" in rows.first.inner_text()
        finally:
            browser.close()
