"""iCalendar export of upcoming follow-ups, as bytes a calendar app can import or subscribe to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event


@dataclass(frozen=True, slots=True)
class CalendarFollowUp:
    """One follow-up to put in the calendar: get in touch with ``name`` on ``on``.

    ``status`` is the stay-in-touch status (``ok``, ``due``, ``overdue`` or ``snoozed``);
    ``days_since`` the days since the last interaction, if any.
    """

    contact_id: int
    name: str
    on: date
    status: str = "due"
    days_since: int | None = None
    note: str = ""


def _describe(item: CalendarFollowUp) -> str:
    lines = [f"Stay-in-touch follow-up ({item.status})."]
    if item.days_since is not None:
        lines.append(f"Last interaction {item.days_since} days ago.")
    if item.note:
        lines.append(item.note)
    return "\n".join(lines)


def follow_ups_calendar(
    items: Iterable[CalendarFollowUp],
    *,
    now: datetime,
    name: str = "mutuals follow-ups",
    uid_domain: str = "mutuals.local",
) -> bytes:
    """An iCalendar (RFC 5545) document with one all-day event per follow-up.

    ``now`` stamps the events (DTSTAMP); naive datetimes are taken as UTC. Each event's UID is
    stable for a contact and day, so a subscribed calendar updates rather than duplicates.
    """
    stamp = now if now.tzinfo is not None else now.replace(tzinfo=UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//mutuals//follow-ups//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    # Hints for subscribed feeds: follow-ups change daily, so ask clients to refresh daily.
    calendar.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")
    for item in sorted(items, key=lambda i: (i.on, i.contact_id)):
        event = Event()
        event.add("uid", f"follow-up-{item.contact_id}-{item.on.isoformat()}@{uid_domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.on)
        event.add("dtend", item.on + timedelta(days=1))
        event.add("summary", f"Get in touch with {item.name}")
        event.add("description", _describe(item))
        event.add("categories", ["follow-up", item.status])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
