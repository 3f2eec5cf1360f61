"""The demo community comes with an upcoming event, people checked in and the rotation planned."""

from __future__ import annotations

from datetime import date

from mutuals.services import attendees, event_plan, events
from mutuals.services.context import Workspace
from mutuals.services.demo import DEMO_CHECKED_IN, ensure_demo_event, seed_demo
from tests.services.event_world import lexical


def test_the_demo_has_an_upcoming_event_with_people_checked_in(sqlite_workspace: Workspace) -> None:
    ws = lexical(sqlite_workspace)
    seed_demo(ws, people=40, today=date(2026, 11, 26))
    made = ensure_demo_event(ws, today=date(2026, 11, 26))
    assert made is not None and made["on"] == "2026-12-03"
    assert ensure_demo_event(ws, today=date(2026, 11, 26)) is None
    listed = events.directory(ws, since=date(2026, 11, 26))
    assert [e["name"] for e in listed] == ["Hour of Power"]
    people = attendees.list_attendees(ws, made["id"])
    checked_in = [a for a in people if a["status"] == "checked_in"]
    assert len(checked_in) == DEMO_CHECKED_IN and any(a["member"] for a in checked_in)
    plan = event_plan.plan_json(ws, made["id"])
    assert len(plan["rounds"]) == 6 and plan["stats"]["repeats"] == 0
    assert attendees.attendee_for_key(ws, str(made["link"]).removeprefix("/e/")) is not None
