"""The Due page: a card per contact, with snooze and stage-move buttons, long lists folded."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from mutuals.services import relationships as service
from mutuals.services.contacts import add_contact
from mutuals.services.context import Workspace

TODAY = date(2026, 11, 26)


def _referral(ws: Workspace, who: str) -> None:
    service.log_interaction(
        ws,
        who,
        channel="meeting",
        kinds=["referral"],
        direction="gave",
        on=date(2026, 9, 1),
        today=TODAY,
    )


def test_confirm_a_stage_move_and_snooze_from_the_due_page(
    client: TestClient, sqlite_workspace: Workspace
) -> None:
    _referral(sqlite_workspace, "Ada Lovelace")
    service.set_contact_cadence(sqlite_workspace, "Ada Lovelace", every=30)
    page = client.get("/due").text
    assert 'aria-label="Confirm Ada Lovelace as referral-partner"' in page
    assert 'aria-label="Snooze Ada Lovelace for 7 days"' in page
    confirmed = client.post(
        "/contacts/1/stage",
        data={"stage": "referral-partner", "note": "a referral", "next": "/due#stage-moves"},
        follow_redirects=False,
    )
    assert confirmed.headers["location"] == "/due#stage-moves"
    page = client.get("/due").text
    assert "Ada Lovelace is now at stage referral-partner." in page
    assert 'aria-label="Confirm Ada Lovelace' not in page
    snoozed = client.post(
        "/contacts/1/snooze", data={"days": "7", "next": "/due"}, follow_redirects=False
    )
    assert snoozed.headers["location"] == "/due"
    page = client.get("/due").text
    assert "Snoozed Ada Lovelace until 2026-12-03." in page
    assert 'aria-label="Snooze Ada Lovelace' not in page


def test_long_lists_are_folded(client: TestClient, sqlite_workspace: Workspace) -> None:
    for number in range(25):
        add_contact(sqlite_workspace, name=f"Person {number:02d}", tags=["client"])
        _referral(sqlite_workspace, f"Person {number:02d}")
    page = client.get("/due").text
    stage_moves = page[page.index('id="stage-moves"') :]
    assert "<summary>Show 15 more</summary>" in stage_moves
    # The first ten are shown, the rest folded inside <details>.
    visible = stage_moves[: stage_moves.index("<details")]
    assert visible.count('<li class="card">') == 10
    assert 'href="#stage-moves">Stage moves <span class="count">25</span>' in page
