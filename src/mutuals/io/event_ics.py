"""iCalendar files for events: one event to add to a calendar, or the directory as a feed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """An event as a calendar shows it: ``starts_at`` is wall-clock time in ``timezone``."""

    id: int
    name: str
    starts_at: datetime
    timezone: str
    minutes: int
    place: str
    description: str = ""
    organiser: str = ""
    url: str = ""


def events_calendar(
    events: Iterable[CalendarEvent],
    *,
    now: datetime,
    name: str = "mutuals events",
    uid_domain: str = "mutuals.local",
) -> bytes:
    """An iCalendar (RFC 5545) document with one VEVENT per event, times in their own zone.

    ``now`` stamps the events (DTSTAMP). UIDs are stable per event, so a subscribed calendar
    updates an event that moved rather than adding it twice.
    """
    stamp = now if now.tzinfo is not None else now.replace(tzinfo=UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//mutuals//events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    for item in sorted(events, key=lambda e: (e.starts_at, e.id)):
        zone = ZoneInfo(item.timezone)
        start = item.starts_at.replace(tzinfo=zone)
        vevent = Event()
        vevent.add("uid", f"event-{item.id}@{uid_domain}")
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", start)
        vevent.add("dtend", start + timedelta(minutes=item.minutes))
        vevent.add("summary", item.name)
        vevent.add("location", item.place)
        lines = [item.description] if item.description else []
        if item.organiser:
            lines.append(f"Organised by {item.organiser}.")
        if item.url:
            lines.append(item.url)
            vevent.add("url", item.url)
        if lines:
            vevent.add("description", "\n".join(lines))
        vevent.add("categories", ["speed networking"])
        calendar.add_component(vevent)
    calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data
