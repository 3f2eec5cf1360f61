"""Giving a place up before the event: the first on the waiting list moves up, the cancelled
record and its links are gone, and after the start cancelling is refused."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from mutuals.services import attendees, event_run, events
from mutuals.services.context import Workspace
from tests.services.event_world import lexical, planned_event


def _small(ws: Workspace) -> tuple[int, list[attendees.Registration]]:
    event = events.create_event(
        ws, name="Small", starts_at=datetime(2026, 12, 10, 18, 30), place="Leeds", capacity=2
    )
    people = [
        attendees.register(ws, event["id"], name=f"P{i}", email=f"p{i}@example.org", consent=True)
        for i in range(4)
    ]
    return int(event["id"]), people


def _statuses(ws: Workspace, event_id: int) -> dict[str, str]:
    return {a["name"]: a["status"] for a in attendees.list_attendees(ws, event_id)}


def test_a_cancelled_place_goes_to_the_first_on_the_waiting_list(workspace: Workspace) -> None:
    event_id, people = _small(workspace)
    assert _statuses(workspace, event_id) == {
        "P0": "registered",
        "P1": "registered",
        "P2": "waitlist",
        "P3": "waitlist",
    }
    # Someone waiting who gives up frees no place: nobody moves.
    assert attendees.cancel(workspace, event_id, "P3") == {"cancelled": "P3", "promoted": None}
    # A registered attendee cancelling from their own link: P2 (first waiting) moves up.
    own = attendees.attendee_for_key(workspace, people[0].key)
    assert own is not None
    assert attendees.cancellable(workspace, *own)
    assert attendees.cancel_own(workspace, *own) == {"cancelled": "P0", "promoted": "P2"}
    assert _statuses(workspace, event_id) == {"P1": "registered", "P2": "registered"}
    # The cancelled link now finds nobody (the page answers 404).
    assert attendees.attendee_for_key(workspace, people[0].key) is None
    with pytest.raises(attendees.AttendeeNotFound):
        attendees.cancel(workspace, event_id, "P0")


def test_cancelling_after_the_start_or_once_checked_in_is_refused(
    workspace: Workspace, tmp_path: Path
) -> None:
    ws = lexical(workspace)
    event_id = planned_event(ws, tmp_path, checked_in=10)
    with pytest.raises(attendees.CannotCancel, match="checked in"):
        attendees.cancel(ws, event_id, "Priya Shah")
    # Not checked in yet (the last two): still possible before the start...
    assert attendees.cancel(ws, event_id, "Ben Clarke")["cancelled"] == "Ben Clarke"
    event_run.step(ws, event_id, "start")
    # ...not after it: they are a no-show then.
    with pytest.raises(attendees.CannotCancel, match="has begun"):
        attendees.cancel(ws, event_id, "Grace Kim")
