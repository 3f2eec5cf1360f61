"""Upcoming follow-ups as an iCalendar file or feed that calendar apps import or subscribe to."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from mutuals.io.ics import CalendarFollowUp, follow_ups_calendar
from mutuals.relationships import MAX_HORIZON_DAYS, upcoming
from mutuals.services.context import Workspace
from mutuals.services.exports import write_atomically
from mutuals.services.standing import follow_up_table


def follow_up_calendar(
    ws: Workspace, *, today: date, now: datetime, within_days: int = 30
) -> tuple[bytes, int]:
    """The calendar of follow-ups due now or within ``within_days`` of ``today``, and how many
    events it holds. ``now`` stamps the events."""
    if not 0 <= within_days <= MAX_HORIZON_DAYS:
        raise ValueError(
            f"--within must be 0 or more days and at most {MAX_HORIZON_DAYS}, not {within_days}"
        )
    table = follow_up_table(ws, today=today)
    names = {c.contact_id: c.name for c in table.network.contacts}
    items = [
        CalendarFollowUp(f.contact_id, names[f.contact_id], f.action_on, f.status, f.days_since)
        for f in upcoming(table.follow_ups.values(), today=today, within_days=within_days)
        if f.action_on is not None
    ]
    return follow_ups_calendar(items, now=now), len(items)


def export_calendar(
    ws: Workspace, path: Path, *, today: date, now: datetime, within_days: int = 30
) -> int:
    """Write the follow-up calendar to ``path`` atomically; returns the number of events."""
    payload, count = follow_up_calendar(ws, today=today, now=now, within_days=within_days)
    write_atomically(path, payload)
    return count
