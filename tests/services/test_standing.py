"""Reading relationships: contact standing, the due list, the digest and strength rankings."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from icalendar import Calendar

from mutuals.services import relationships as service
from mutuals.services.calendar import export_calendar
from mutuals.services.contacts import add_contact
from mutuals.services.context import Workspace, open_workspace
from mutuals.services.standing import (
    contact_standing,
    digest,
    digest_dict,
    due_list,
    strength_by_contact,
)
from mutuals.settings import Settings

TODAY = date(2026, 11, 26)


def _log(ws: Workspace, ref: str, days_ago: int, direction: str = "mutual", **kw: str) -> None:
    service.log_interaction(
        ws,
        ref,
        channel=kw.get("channel", "meeting"),
        kinds=[kw.get("kind", "idea")],
        direction=direction,
        on=TODAY - timedelta(days=days_ago),
        today=TODAY,
    )


def _network(ws: Workspace) -> None:
    """Ada: strong and overdue; Bo: weak and due; Cy: recent (not due); Di: snoozed."""
    for name in ("Ada Lovelace", "Bo Bennett", "Cy Twombly", "Di Fossey", "Ed Free"):
        add_contact(ws, name=name, tags=["client"])
    for days in (50, 57, 64, 71, 78, 85):
        _log(ws, "Ada", days)
    _log(ws, "Bo", 35, "received", channel="email")
    _log(ws, "Cy", 3)
    _log(ws, "Di", 60)
    service.set_tag_cadence(ws, "client", every=30, max_days=45)
    service.snooze(ws, "Di", days=5, today=TODAY)
    service.set_contact_cadence(ws, "Ed", every=None)


def test_due_lists_due_and_overdue_only_most_valuable_first(workspace: Workspace) -> None:
    _network(workspace)
    rows = due_list(workspace, today=TODAY)
    # Ed was added today (the clock starts then) and is not due; Cy is recent; Di is snoozed.
    assert [(r["name"], r["status"], r["days_since"]) for r in rows] == [
        ("Ada Lovelace", "overdue", 50),
        ("Bo Bennett", "due", 35),
    ]
    assert rows[0]["strength"] > rows[1]["strength"] > 0
    # The snooze ends on its last day: Di shows again.
    later = [r["name"] for r in due_list(workspace, today=TODAY + timedelta(days=5))]
    assert "Di Fossey" in later


def test_due_and_digest_agree(workspace: Workspace) -> None:
    _network(workspace)
    result = digest_dict(digest(workspace, today=TODAY))
    assert result["overdue"] + result["due"] == due_list(workspace, today=TODAY)
    assert result["nudges"] == []
    # Only Ada has the two-way exchanges that suggest a relationship; the rest stay connected.
    assert [(m["name"], m["suggested"]) for m in result["stage_moves"]] == [
        ("Ada Lovelace", "relationship")
    ]


def test_digest_nudges_where_the_member_received_more(workspace: Workspace) -> None:
    add_contact(workspace, name="Ada Lovelace")
    _log(workspace, "Ada", 10, "received", kind="referral")
    result = digest_dict(digest(workspace, today=TODAY))
    assert [(n["name"], n["referrals_owed"]) for n in result["nudges"]] == [("Ada Lovelace", 1)]
    assert result["leans_receiving"] is True


def test_contact_standing_shows_strength_stage_ledger_and_timeline(workspace: Workspace) -> None:
    add_contact(workspace, name="Ada Lovelace")
    add_contact(workspace, name="Bo Bennett")
    _log(workspace, "Ada", 40, "gave")
    _log(workspace, "Ada", 2, "received")
    _log(workspace, "Bo", 2, "received")
    ada = contact_standing(workspace, "Ada", today=TODAY)
    bo = contact_standing(workspace, "Bo", today=TODAY)
    assert (ada["given"], ada["received"]) == (1, 1)
    assert ada["strength"] > bo["strength"]  # two-way beats one-way
    assert ada["band"] in ("strong", "good", "warm", "cooling", "at risk")
    assert ada["stage"] == "connected"
    assert [t["on"] for t in ada["timeline"]] == ["2026-11-24", "2026-10-17"]
    # As of an earlier date, later interactions do not count.
    before = contact_standing(workspace, "Ada", today=TODAY - timedelta(days=10))
    assert (before["given"], before["received"]) == (1, 0)


def test_strength_half_life_comes_from_the_settings(workspace: Workspace, tmp_path: Path) -> None:
    add_contact(workspace, name="Ada Lovelace")
    _log(workspace, "Ada", 60)
    default = strength_by_contact(workspace, today=TODAY)
    slow = open_workspace(
        Settings(
            data_dir=tmp_path,
            database_url=workspace.settings.resolved_database_url(),
            strength_half_life_days=365,
        )
    )
    try:
        longer = strength_by_contact(slow, today=TODAY)
    finally:
        slow.close()
    (contact_id,) = default
    assert longer[contact_id][0] > default[contact_id][0]


def test_calendar_export_holds_upcoming_follow_ups(workspace: Workspace, tmp_path: Path) -> None:
    _network(workspace)
    path = tmp_path / "follow-ups.ics"
    from datetime import UTC, datetime

    count = export_calendar(
        workspace, path, today=TODAY, now=datetime(2026, 11, 26, 8, tzinfo=UTC), within_days=30
    )
    events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    # Everyone with a cadence comes due within 30 days (Di when the snooze ends; Cy on day 30).
    assert count == len(events) == 5
    assert "Get in touch with Ada Lovelace" in summaries


def test_an_interaction_linked_to_another_owners_contact_stays_out(workspace: Workspace) -> None:
    """A row linking the owner's interaction to someone else's contact (written by hand or by an
    old restore) must neither show that person nor count for the owner's other contacts."""
    from sqlalchemy import insert

    from mutuals.store.models import interaction_contacts
    from mutuals.store.owners import create_owner

    add_contact(workspace, name="Ada Lovelace")
    add_contact(workspace, name="Grace Hopper")
    with workspace.db.transaction() as session:
        other = create_owner(session, name="Someone else").id
    stranger_ws = Workspace(settings=workspace.settings, db=workspace.db, owner_id=other)
    add_contact(stranger_ws, name="Secret Stranger")
    logged = service.log_interaction(
        workspace, "Ada", channel="meeting", kinds=["idea"], direction="mutual",
        on=TODAY, today=TODAY,
    )  # fmt: skip
    with workspace.db.transaction() as session:
        session.execute(
            insert(interaction_contacts).values(interaction_id=logged["id"], contact_id=3)
        )
    ada = contact_standing(workspace, "Ada", today=TODAY)
    assert ada["timeline"][0]["with"] == []
    grace = contact_standing(workspace, "Grace", today=TODAY)
    assert grace["timeline"] == [] and grace["strength"] == 0
    ranked = strength_by_contact(workspace, today=TODAY)
    assert set(ranked) == {1, 2} and ranked[2][0] == 0
