"""The member's everyday work in headless Chromium, on a phone (390 px) and a desktop (1280 px):
import a LinkedIn ZIP, edit needs and see People to meet change, a refused log form, confirm and
snooze from Due, merge two contacts; and screenshots of every main page for a person to look at.

Screenshots go to $MUTUALS_SCREENSHOTS, or to a temporary folder; they are never committed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mutuals.services import relationships
from mutuals.services.contacts import add_contact
from mutuals.services.context import Workspace
from mutuals.services.member import set_member_profile
from mutuals.web.app import create_app
from tests.web.import_gate import ROWS, Gate, people_csv
from tests.web.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    _need_chromium,
    _policy_violations,
    _serve,
    browser_env,
)
from tests.web.test_imports import linkedin_zip

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = [pytest.param(390, id="phone"), pytest.param(1280, id="desktop")]
TODAY = date(2026, 11, 26)


def _seed(ws: Workspace) -> None:
    set_member_profile(
        ws,
        name="Priya Shah",
        headline="Chartered accountant",
        location="Leeds",
        offers=["bookkeeping and tax returns"],
        needs=["getting found on Google"],
        interests=["hiking"],
        goals=[],
    )
    add_contact(ws, name="Ada Lovelace", company="Analytical Engines", tags=["client"])
    add_contact(ws, name="Tom Becker", company="Becker SEO", offers=["search engine optimisation"])
    add_contact(ws, name="Lena Vogel", company="Vogel Bakery", interests=["hiking"])
    add_contact(ws, name="Ada King", emails=["countess@example.org"])
    relationships.log_interaction(
        ws,
        "Ada Lovelace",
        channel="meeting",
        kinds=["referral"],
        direction="gave",
        on=date(2026, 9, 1),
        today=TODAY,
    )
    relationships.log_interaction(
        ws, "Ada King", channel="call", kinds=["idea"], direction="mutual", on=TODAY, today=TODAY
    )
    relationships.set_tag_cadence(ws, "client", every=30)


@pytest.fixture
def app_url(sqlite_workspace: Workspace) -> Iterator[str]:
    _seed(sqlite_workspace)
    yield from _serve(create_app(sqlite_workspace))


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("MUTUALS_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def browser() -> Iterator[Any]:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, env=browser_env()
        )
        try:
            yield launched
        finally:
            launched.close()


def _page(browser: Any, width: int) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 844 if width < 600 else 900})
    return page, _policy_violations(page)


def _fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def _flash(page: Any) -> str:
    return str(page.inner_text("#flash"))


@pytest.mark.parametrize("width", WIDTHS)
def test_import_a_linkedin_zip(browser: Any, app_url: str, width: int, tmp_path: Path) -> None:
    page, violations = _page(browser, width)
    archive = tmp_path / "Basic_LinkedInDataExport_11-26-2026.zip"
    archive.write_bytes(linkedin_zip())
    page.goto(f"{app_url}/contacts")
    page.click("text=Import")
    page.set_input_files("input[name=file]", str(archive))
    page.check("input[name=dry_run]")
    page.click("button:has-text('Import')")
    assert "Dry run, nothing written: would have 4 added, 1 updated" in page.inner_text(
        "#import-result"
    )
    page.set_input_files("input[name=file]", str(archive))
    page.uncheck("input[name=dry_run]")
    page.click("button:has-text('Import')")
    page.wait_for_url("**/import/*")
    assert _flash(page).startswith("Imported: 4 added, 1 updated")
    assert "skipped 2: no name (LinkedIn hides this member)" in page.inner_text("main")
    _fits(page, width)
    page.click("text=See your contacts")
    assert "Grace Hopper" in page.inner_text("#contacts")
    assert violations == []


@pytest.mark.parametrize("width", WIDTHS)
def test_edit_needs_and_see_people_to_meet_change(browser: Any, app_url: str, width: int) -> None:
    page, violations = _page(browser, width)
    page.goto(f"{app_url}/prospects")
    before = page.inner_text("#prospects")
    assert "Ada Lovelace" not in before
    page.goto(f"{app_url}/contacts/1")
    page.click("a.button:has-text('Edit')")
    page.fill("textarea[name=needs]", "help with bookkeeping and tax returns")
    page.click("button:has-text('Save')")
    page.wait_for_url(f"{app_url}/contacts/1")
    assert _flash(page) == "Saved Ada Lovelace."
    assert "help with bookkeeping and tax returns" in page.inner_text("dl.fields")
    page.click("nav >> text=People to meet")
    after = page.inner_text("#prospects")
    assert "Ada Lovelace" in after
    assert "bookkeeping" in page.inner_text("#prospects li:has-text('Ada Lovelace') .why")
    _fits(page, width)
    assert violations == []


@pytest.mark.parametrize("width", WIDTHS)
def test_a_missing_kind_is_shown_beside_it_with_focus(
    browser: Any, app_url: str, width: int
) -> None:
    page, violations = _page(browser, width)
    page.goto(f"{app_url}/contacts/3")
    page.fill("textarea[name=note]", "Coffee, no kind ticked")
    page.click("button:has-text('Log')")
    error = page.locator("#kinds-error")
    assert "give at least one kind" in error.inner_text()
    focused = page.evaluate("[document.activeElement.name, document.activeElement.value]")
    assert focused == ["kinds", "trust"]
    # The error and the focused box are on screen, not 1,500 px down.
    box = error.bounding_box()
    assert box is not None and 0 <= box["y"] <= page.viewport_size["height"]
    assert page.input_value("textarea[name=note]") == "Coffee, no kind ticked"
    page.check("input[name=kinds][value=advice]")
    page.click("button:has-text('Log')")
    assert _flash(page).startswith("Logged event with Lena Vogel on 2026-11-26 (advice)")
    page.reload()  # post/redirect/get: a reload repeats nothing and is no 405
    assert page.locator("h1").inner_text() == "Lena Vogel"
    assert violations == []


@pytest.mark.parametrize("width", WIDTHS)
def test_confirm_a_stage_move_and_snooze_from_due(browser: Any, app_url: str, width: int) -> None:
    page, violations = _page(browser, width)
    page.goto(f"{app_url}/due")
    _fits(page, width)
    page.click("button[aria-label='Confirm Ada Lovelace as referral-partner']")
    page.wait_for_url("**/due#stage-moves")
    assert _flash(page) == "Ada Lovelace is now at stage referral-partner."
    assert page.locator("button[aria-label^='Confirm Ada Lovelace']").count() == 0
    page.click("button[aria-label='Snooze Ada Lovelace for 7 days']")
    page.wait_for_url(f"{app_url}/due")
    assert _flash(page) == "Snoozed Ada Lovelace until 2026-12-03."
    assert page.locator("button[aria-label^='Snooze Ada Lovelace']").count() == 0
    assert violations == []


@pytest.mark.parametrize("width", WIDTHS)
def test_merge_two_contacts(browser: Any, app_url: str, width: int) -> None:
    page, violations = _page(browser, width)
    page.goto(f"{app_url}/contacts/1/edit")
    page.click("text=Merge with another contact")
    page.fill("input[name=q]", "King")
    page.click("button:has-text('Find')")
    page.check("input[name=other][value='4']")
    page.click("button:has-text('Merge into Ada Lovelace')")
    page.wait_for_url(f"{app_url}/contacts/1")
    assert _flash(page) == "Merged #4 into Ada Lovelace: 1 interactions moved."
    assert "countess@example.org" in page.inner_text("dl.fields")
    timeline = page.inner_text("#timeline + div")
    assert "2026-09-01" in timeline and "2026-11-26" in timeline
    page.goto(f"{app_url}/contacts/4")
    assert "404" in page.title()
    assert violations == []


@pytest.mark.parametrize("width", WIDTHS)
def test_a_large_import_shows_its_progress(
    browser: Any, app_url: str, width: int, tmp_path: Path, gate: Gate, shots: Path
) -> None:
    page, violations = _page(browser, width)
    people = tmp_path / "people.csv"
    people.write_bytes(people_csv())
    page.goto(f"{app_url}/import")
    page.select_option("select[name=kind]", "csv")
    page.set_input_files("input[name=file]", str(people))
    page.click("button:has-text('Import')")
    page.wait_for_url("**/import/jobs/*")
    assert gate.reached.wait(20)
    # The script asks the server how far the import is: the count the page shows is real.
    from playwright.sync_api import expect

    # A locator waits without evaluating a string in the page, which the CSP rightly forbids.
    expect(page.locator("#import-count")).to_have_text("100")
    assert page.inner_text("#import-rows") == "100 rows read so far"
    _fits(page, width)
    page.screenshot(path=str(shots / f"import-progress-{width}.png"), full_page=True)
    gate.go.set()
    page.wait_for_url(re.compile(r".*/import/\d+$"))
    assert _flash(page) == f"Imported: {ROWS} added, 0 updated, 0 unchanged, 0 skipped."
    assert violations == []


@pytest.mark.parametrize("width", WIDTHS)
def test_delete_then_undo(browser: Any, app_url: str, width: int, shots: Path) -> None:
    page, violations = _page(browser, width)
    page.goto(f"{app_url}/contacts/1")
    page.click("#contact-actions >> text=Delete")
    page.click("button:has-text('Delete Ada Lovelace')")
    page.wait_for_url(f"{app_url}/contacts")
    assert _flash(page).startswith("Deleted Ada Lovelace and 1 interactions")
    assert "Ada Lovelace" not in page.inner_text("#contacts")
    _fits(page, width)
    page.screenshot(path=str(shots / f"deleted-with-undo-{width}.png"), full_page=True)
    page.click("#undo")
    page.wait_for_url(f"{app_url}/contacts/1")
    assert _flash(page) == "Restored Ada Lovelace with 1 interactions."
    assert "2026-09-01" in page.inner_text("#timeline + div")
    assert violations == []


PAGES = [
    ("home", "/"),
    ("contacts", "/contacts"),
    ("contacts-no-match", "/contacts?q=zebra"),
    ("contact", "/contacts/1"),
    ("edit", "/contacts/1/edit"),
    ("add", "/contacts/new"),
    ("import", "/import"),
    ("due", "/due"),
    ("people-to-meet", "/prospects"),
    ("profile", "/profile"),
    ("merge", "/contacts/1/merge"),
    ("delete", "/contacts/1/delete"),
]


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots_of_every_main_page(
    browser: Any, app_url: str, width: int, shots: Path
) -> None:
    page, violations = _page(browser, width)
    heights = {}
    for name, path in PAGES:
        page.goto(f"{app_url}{path}")
        assert page.locator("h1").count() == 1, path
        _fits(page, width)
        heights[name] = page.evaluate("document.documentElement.scrollHeight")
        page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
    assert violations == []
    print(f"screenshots in {shots}: heights {heights}")
