"""In headless Chromium: from a prospect's page, log a direct attempt; once the clock passes the
waiting period, the same page offers the introduction via the best friend. Phone and desktop."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI

from mutuals.clock import FixedClock
from mutuals.services.contacts import add_contact
from mutuals.services.context import Workspace
from mutuals.services.relationships import set_stage
from mutuals.web.app import create_app
from tests.web.connecting_world import seed_network
from tests.web.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    _need_chromium,
    _policy_violations,
    _serve,
    browser_env,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
START = date(2026, 11, 26)


@pytest.fixture
def served(sqlite_workspace: Workspace, tmp_path: Path) -> Iterator[tuple[str, FastAPI, int]]:
    ws = sqlite_workspace.with_clock(FixedClock.on(START))
    seed_network(ws, tmp_path)
    ana = add_contact(
        ws, name="Ana Silva", company="Initech", linkedin_url="linkedin.com/in/ana-silva"
    )
    set_stage(ws, str(ana["id"]), "prospect", on=START, note="met her talk online")
    app = create_app(ws)
    for url in _serve(app):
        yield url, app, int(ana["id"])


def _shots() -> Path | None:
    folder = os.environ.get("MUTUALS_SCREENSHOTS")
    return Path(folder) if folder else None


@pytest.mark.parametrize("width", [390, 1280])
def test_direct_attempt_then_the_intro_via_the_best_friend(
    served: tuple[str, FastAPI, int], width: int, tmp_path: Path
) -> None:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    url, app, ana = served
    shots = _shots() or tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, env=browser_env()
        )
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            violations = _policy_violations(page)
            page.goto(f"{url}/prospects")
            known = page.locator("#people-you-may-know").inner_text()
            assert "Dee Eve" in known and "1 mutual connection: Cy Diaz" in known
            page.screenshot(path=str(shots / f"people-you-may-know-{width}.png"), full_page=True)
            page.goto(f"{url}/contacts/{ana}")
            advice = page.locator("#advice")
            assert "Try directly" in advice.inner_text()
            assert "ask Bo Chen for an introduction" in advice.inner_text()
            page.click("summary:has-text('Log a direct attempt')")
            page.select_option("select[name=channel] >> nth=0", "linkedin")
            page.fill("input[name=note]", "Asked to connect after her talk")
            page.click("#log-attempt")
            page.wait_for_url(f"{url}/contacts/{ana}#connecting")
            assert "give Ana Silva 14 more days" in page.locator("#advice").inner_text()
            assert "waiting" in page.locator("#outreach-status").inner_text()
            page.screenshot(path=str(shots / f"prospect-waiting-{width}.png"), full_page=True)

            # Fifteen days later, without a reply.
            ws = app.state.workspace
            app.state.workspace = ws.with_clock(FixedClock.on(date(2026, 12, 11)))
            page.goto(f"{url}/contacts/{ana}")
            text = page.locator("#advice").inner_text()
            assert "Ask for an introduction" in text
            assert "ask Bo Chen for an introduction (via Bo Chen)" in text
            offer = page.locator("#draft-intro")
            assert offer.inner_text() == "Draft the intro request to Bo Chen"
            first_path = page.locator("#paths li").first.inner_text()
            assert "Bo Chen" in first_path
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.screenshot(path=str(shots / f"prospect-intro-{width}.png"), full_page=True)

            offer.click()
            page.wait_for_url("**/draft/intro?via=*")
            assert "Bo" in page.locator("#draft-to").inner_text()
            assert "Ana" in page.locator("#draft-body").input_value()
            page.screenshot(path=str(shots / f"draft-intro-{width}.png"), full_page=True)

            page.goto(f"{url}/outreach")
            row = page.locator("#outreach tbody tr").first.inner_text()
            assert "Ana Silva" in row and "ask for an intro" in row and "via Bo Chen" in row
            page.screenshot(path=str(shots / f"outreach-{width}.png"), full_page=True)
            assert violations == []
        finally:
            browser.close()
