"""Events as iCalendar: times in the event's own zone, stable ids, the whole directory as a feed."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar

from mutuals.io.event_ics import CalendarEvent, events_calendar

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_an_event_keeps_its_wall_clock_time_in_its_zone() -> None:
    data = events_calendar(
        [
            CalendarEvent(
                id=7,
                name="Hour of Power",
                starts_at=datetime(2026, 7, 9, 18, 30),
                timezone="Europe/London",
                minutes=47,
                place="The Hub, Leeds",
                organiser="Olu",
                url="http://127.0.0.1:8000/events/7",
            )
        ],
        now=NOW,
    )
    calendar = Calendar.from_ical(data)
    event = calendar.walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert start.astimezone(UTC) == datetime(2026, 7, 9, 17, 30, tzinfo=UTC)  # BST is UTC+1
    assert (event.decoded("dtend") - start).total_seconds() == 47 * 60
    assert str(event["uid"]) == "event-7@mutuals.local"
    assert "Organised by Olu." in str(event["description"])
    assert calendar.walk("VTIMEZONE"), "the zone is described for calendars that lack it"


def test_the_feed_lists_events_soonest_first() -> None:
    events = [
        CalendarEvent(i, f"E{i}", datetime(2026, 12, 20 - i, 9, 0), "UTC", 60, "Leeds")
        for i in range(3)
    ]
    calendar = Calendar.from_ical(events_calendar(events, now=NOW))
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["E2", "E1", "E0"]
