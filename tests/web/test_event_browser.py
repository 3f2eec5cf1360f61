"""Event night in headless Chromium: the organiser's evening from the browser, two phones that
follow a round change live, and double opt-in seen from the phones. Screenshots of the big
screen and a phone at 390 and 1280 px go to ``MUTUALS_SCREENSHOT_DIR`` when it is set."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mutuals.services import attendees, event_plan, event_run
from tests.services.event_world import lexical
from tests.web.community import Community, build_community
from tests.web.event_community import PEOPLE, add_event, organiser_ws, write_people
from tests.web.servers import serving
from tests.web.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    _need_chromium,
    _policy_violations,
    browser_env,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TIMEOUT = 15000


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[tuple[str, Community]]:
    community = build_community(tmp_path)
    community.app.state.workspace = lexical(community.current())
    try:
        with serving(community.app) as url:
            yield url, community
    finally:
        community.ws.close()


def _browser(pw: Any) -> Any:
    return pw.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, env=browser_env()
    )


def _signed_in(browser: Any, url: str, community: Community, who: str, width: int) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900})
    host = url.split("//")[1].split(":")[0]
    context.add_cookies(
        [
            {
                "name": "mutuals_session",
                "value": community.session_cookie(who),
                "domain": host,
                "path": "/",
            }
        ]
    )
    return context


def _shoot(page: Any, name: str) -> None:
    folder = os.environ.get("MUTUALS_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=name.startswith("phone"))


def test_the_organiser_runs_the_evening_in_the_browser(
    live_server: tuple[str, Community], tmp_path: Path
) -> None:
    _need_chromium()
    from playwright.sync_api import expect, sync_playwright

    url, community = live_server
    people = write_people(tmp_path / "people.csv")
    with sync_playwright() as pw:
        browser = _browser(pw)
        try:
            page = _signed_in(browser, url, community, "organiser", 390).new_page()
            violations = _policy_violations(page)
            page.goto(f"{url}/organise")
            page.fill("input[name=name]", "Browser Night")
            page.fill("input[name=on]", "2026-12-10T18:30")
            page.fill("input[name=place]", "The Hub, Leeds")
            page.fill("input[name=rounds]", "3")
            page.click("button:has-text('Create the event')")
            page.wait_for_url("**/organise/*")
            page.set_input_files("input[name=file]", str(people))
            page.click("#import button")
            expect(page.locator(".notice")).to_contain_text("Added 7")
            for name in ("Priya", "Tom", "Ruth", "Marco", "Aiko"):
                page.fill("input[name=q]", name)
                page.press("input[name=q]", "Enter")
                page.click("#found button:has-text('Check in')")
                expect(page.locator(".notice")).to_contain_text("is checked in")
            page.click("#plan button")
            expect(page.locator(".notice")).to_contain_text("Planned")
            expect(page.locator("body")).to_contain_text("3 rounds planned for 5 people")
            page.click("text=Console")
            page.click("button:has-text('Start round 1')")
            expect(page.locator("#phase")).to_have_text("Round 1 of 3")
            page.click("button:has-text('Next round')")
            expect(page.locator("#phase")).to_have_text("Round 2 of 3")
            page.locator("#here li", has_text="Tom Becker").locator("button[value=leave]").click()
            expect(page.locator("#here")).not_to_contain_text("Tom Becker")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            assert violations == []
        finally:
            browser.close()


def _phone(browser: Any, url: str, key: str, width: int = 390) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(f"{url}/e/{key}")
    return page


def test_phones_follow_the_round_change_and_double_opt_in(
    live_server: tuple[str, Community], tmp_path: Path
) -> None:
    _need_chromium()
    from playwright.sync_api import expect, sync_playwright

    url, community = live_server
    world = add_event(community, tmp_path)
    ws = organiser_ws(community)
    plan = event_plan.plan_json(ws, world.event_id)
    # Seven people in pairs: two pairs and a trio; the two pairs are the phones here.
    (a, b), (c, d) = [t for t in plan["rounds"][0] if len(t) == 2][:2]
    keys = {
        n: attendees.issue_link(ws, world.event_id, n).removeprefix("/e/") for n in (a, b, c, d)
    }
    emails = {p[0]: p[1] for p in PEOPLE} | {"Member A": community.email("member_a")}
    with sync_playwright() as pw:
        browser = _browser(pw)
        try:
            phone_a, phone_b = _phone(browser, url, keys[a]), _phone(browser, url, keys[b])
            violations = _policy_violations(phone_a)
            for phone, other in ((phone_a, b), (phone_b, a)):
                expect(phone.locator("#phase")).to_have_text("Round 1 of 3")
                expect(phone.locator("#seat")).to_contain_text(other)
            # Both streams are open; the organiser moves on, and both pages follow, unreloaded.
            for phone in (phone_a, phone_b):
                phone.evaluate("window.marker = 'not reloaded'")
                expect(phone.locator("#live")).to_have_attribute("data-version", re.compile(r"\d+"))
            event_run.step(ws, world.event_id, "next")
            second = event_plan.plan_json(ws, world.event_id)["rounds"][1]
            for phone, me in ((phone_a, a), (phone_b, b)):
                expect(phone.locator("#phase")).to_have_text("Round 2 of 3", timeout=TIMEOUT)
                mate = next(n for t in second if me in t for n in t if n != me)
                expect(phone.locator("#seat")).to_contain_text(mate, timeout=TIMEOUT)
                assert phone.evaluate("window.marker") == "not reloaded"
            _shoot(phone_a, "phone-390")
            # Double opt-in: a and b both say yes, and each sees the other's email.
            phone_a.locator(f"#met li:has-text('{b}') button:has-text('Yes')").click()
            expect(phone_a.locator(f"#met li:has-text('{b}') button.chosen")).to_have_text("Yes")
            expect(phone_a.locator("#matches")).not_to_contain_text(emails[b])
            phone_b.locator(f"#met li:has-text('{a}') button:has-text('Yes')").click()
            expect(phone_b.locator("#matches")).to_contain_text(emails[a], timeout=TIMEOUT)
            expect(phone_a.locator("#matches")).to_contain_text(emails[b], timeout=TIMEOUT)
            # A one-sided yes reveals nothing, to either side.
            phone_c, phone_d = _phone(browser, url, keys[c]), _phone(browser, url, keys[d])
            phone_c.locator(f"#met li:has-text('{d}') button:has-text('Yes')").click()
            expect(phone_c.locator(f"#met li:has-text('{d}') button.chosen")).to_have_text("Yes")
            phone_d.reload()
            for phone, other in ((phone_c, d), (phone_d, c)):
                expect(phone.locator("#matches li")).to_have_count(0)
                assert emails[other] not in phone.content()
            assert violations == []
            wide = _phone(browser, url, keys[a], width=1280)
            expect(wide.locator("#phase")).to_have_text("Round 2 of 3")
            _shoot(wide, "phone-1280")
            for width in (390, 1280):
                context = _signed_in(browser, url, community, "organiser", width)
                screen = context.new_page()
                screen.goto(f"{url}/organise/{world.event_id}/screen")
                expect(screen.locator("#phase")).to_have_text("Round 2 of 3")
                expect(screen.locator("#table-grid li").first).to_be_visible()
                assert screen.evaluate("document.documentElement.scrollWidth") <= width
                _shoot(screen, f"screen-{width}")
        finally:
            browser.close()
