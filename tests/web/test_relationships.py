"""Relationship pages: contact standing and logging form, the Due page, the feed, sort by strength."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient
from icalendar import Calendar

from mutuals.services import relationships as service
from mutuals.services.context import Workspace


def _log(client: TestClient, contact_id: int, **form: object) -> object:
    data = {"channel": "meeting", "direction": "mutual", "on": "2026-11-20", "kinds": ["idea"]}
    data.update(form)
    return client.post(f"/contacts/{contact_id}/log", data=data, follow_redirects=False)


def test_contact_page_shows_standing_and_logs_an_interaction(client: TestClient) -> None:
    page = client.get("/contacts/1")
    assert "Relationship" in page.text and "No interactions yet." in page.text
    assert 'action="/contacts/1/log"' in page.text
    saved = _log(client, 1, kinds=["advice", "referral"], note="Coffee at the library")
    assert saved.status_code == 303  # type: ignore[attr-defined]
    assert saved.headers["location"] == "/contacts/1#timeline"  # type: ignore[attr-defined]
    page = client.get("/contacts/1", params={"today": "2026-11-26"})
    assert "Coffee at the library" in page.text
    assert "advice, referral" in page.text
    assert "Given / received" in page.text
    assert "Suggested stage: <strong>referral-partner</strong>" in page.text
    moved = client.post(
        "/contacts/1/stage", data={"stage": "referral-partner"}, follow_redirects=False
    )
    assert moved.status_code == 303
    assert "<dd>referral-partner</dd>" in client.get("/contacts/1").text


def test_bad_log_form_is_refused_with_the_reason(client: TestClient) -> None:
    refused = _log(client, 1, channel="fax")
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert "unknown channel" in refused.text  # type: ignore[attr-defined]
    no_kind = client.post(
        "/contacts/1/log", data={"channel": "call", "direction": "gave", "on": "2026-11-20"}
    )
    assert no_kind.status_code == 400
    assert "at least one kind" in no_kind.text
    bad_day = client.get("/contacts/1", params={"today": "soon"})
    assert bad_day.status_code == 400


def test_due_page_and_feed(client: TestClient, sqlite_workspace: Workspace) -> None:
    today = date(2026, 11, 26)
    service.log_interaction(
        sqlite_workspace,
        "Grace Hopper",
        channel="call",
        kinds=["introduction"],
        direction="received",
        on=date(2026, 9, 1),
        today=today,
    )
    service.set_tag_cadence(sqlite_workspace, "client", every=30)
    assert 'href="/due"' in client.get("/").text
    page = client.get("/due", params={"today": "2026-11-26"})
    assert page.status_code == 200
    assert 'id="follow-ups"' in page.text and "Grace Hopper" in page.text
    assert 'id="nudges"' in page.text and "introduction received" in page.text
    feed = client.get("/due.ics", params={"today": "2026-11-26"})
    assert feed.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Get in touch with Grace Hopper"]


def test_contacts_sort_by_strength(client: TestClient, sqlite_workspace: Workspace) -> None:
    service.log_interaction(
        sqlite_workspace,
        "Ada Lovelace",
        channel="meeting",
        kinds=["idea"],
        direction="mutual",
        on=date(2026, 11, 20),
        today=date(2026, 11, 26),
    )
    by_name = client.get("/contacts").text  # by last name: Hopper before Lovelace
    assert by_name.index("Grace Hopper") < by_name.index("Ada Lovelace")
    by_strength = client.get("/contacts", params={"sort": "strength", "today": "2026-11-26"}).text
    assert by_strength.index("Ada Lovelace") < by_strength.index("Grace Hopper")
    assert "band-" in by_strength
    assert client.get("/contacts", params={"sort": "shoe"}).status_code == 422


def test_logging_or_staging_an_unknown_contact_is_a_404(client: TestClient) -> None:
    assert _log(client, 999).status_code == 404  # type: ignore[attr-defined]
    huge = client.post(
        "/contacts/99999999999999999999/log",
        data={"channel": "call", "direction": "gave", "on": "2026-11-20", "kinds": ["idea"]},
    )
    assert huge.status_code == 404
    staged = client.post("/contacts/999/stage", data={"stage": "relationship"})
    assert staged.status_code == 404


def test_dates_out_of_range_are_refused_not_errors(client: TestClient) -> None:
    for path in ("/due", "/due.ics", "/contacts/1", "/contacts?sort=strength"):
        for day in ("0001-01-01", "9999-12-31", "99999-01-01"):
            sep = "&" if "?" in path else "?"
            page = client.get(f"{path}{sep}today={day}")
            assert page.status_code == 400, (path, day)
            assert "out of range" in page.text or "not a date" in page.text, (path, day)
    refused = _log(client, 1, on="0001-01-01")
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert "out of range" in refused.text  # type: ignore[attr-defined]
    assert _log(client, 1, on="someday").status_code == 400  # type: ignore[attr-defined]


def test_a_refused_log_keeps_what_was_typed(client: TestClient) -> None:
    refused = _log(
        client, 1, channel="call", direction="received", kinds=[], note="Call about <pricing>"
    )
    assert refused.status_code == 400  # type: ignore[attr-defined]
    text = refused.text  # type: ignore[attr-defined]
    assert "Call about &lt;pricing&gt;</textarea>" in text
    assert "<option selected>call</option>" in text
    assert "<option selected>received</option>" in text
    assert 'value="2026-11-20"' in text
    checked = _log(client, 1, channel="fax", kinds=["advice", "referral"])
    text = checked.text  # type: ignore[attr-defined]
    assert 'value="advice" checked' in text and 'value="referral" checked' in text
    assert 'value="idea" checked' not in text


def test_tables_scroll_inside_their_box_on_a_phone(
    client: TestClient, sqlite_workspace: Workspace
) -> None:
    service.set_contact_cadence(sqlite_workspace, "Ada", every=7)
    _log(client, 1)
    text = client.get("/contacts/1?today=2026-12-26").text
    assert text.count('<table class="data"') >= 1
    assert text.count('<div class="scroll"><table class="data"') == text.count("<table")
    # The Due page has no table to cut off: a card per contact, which stacks on a phone.
    due = client.get("/due?today=2026-12-26").text
    assert "<table" not in due
    assert '<ul class="cards-list" id="follow-ups">' in due and 'class="card status-' in due


def test_a_long_timeline_is_folded(client: TestClient, sqlite_workspace: Workspace) -> None:
    for day in range(1, 13):
        service.log_interaction(
            sqlite_workspace,
            "Ada Lovelace",
            channel="call",
            kinds=["idea"],
            direction="mutual",
            on=date(2026, 11, day),
            today=date(2026, 11, 26),
        )
    page = client.get("/contacts/1").text
    shown, folded = page.split('<details class="more" id="earlier">')
    assert "<summary>Show 2 earlier</summary>" in folded
    assert "2026-11-12" in shown and "2026-11-01" not in shown and "2026-11-01" in folded
