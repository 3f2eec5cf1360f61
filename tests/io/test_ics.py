"""iCalendar export: the bytes parse back with icalendar, one all-day event per follow-up."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar

from mutuals.io.ics import CalendarFollowUp, follow_ups_calendar

NOW = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)


def test_calendar_parses_and_holds_each_follow_up() -> None:
    items = [
        CalendarFollowUp(2, "Grace Hopper", date(2026, 12, 5), "ok", 20),
        CalendarFollowUp(
            1, "Ada Lovelace", date(2026, 11, 26), "overdue", 50, "Ask about the talk"
        ),
    ]
    data = follow_ups_calendar(items, now=NOW)
    assert data.startswith(b"BEGIN:VCALENDAR")
    calendar = Calendar.from_ical(data)
    assert str(calendar["x-wr-calname"]) == "mutuals follow-ups"
    events = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [
        "Get in touch with Ada Lovelace",
        "Get in touch with Grace Hopper",
    ]
    first = events[0]
    assert first.decoded("dtstart") == date(2026, 11, 26)
    assert first.decoded("dtend") == date(2026, 11, 27)
    assert first.decoded("dtstamp") == NOW
    assert str(first["uid"]) == "follow-up-1-2026-11-26@mutuals.local"
    assert "50 days ago" in str(first["description"])
    assert "Ask about the talk" in str(first["description"])


def test_uids_are_stable_across_runs() -> None:
    items = [CalendarFollowUp(3, "Linus", date(2027, 1, 2))]
    later = datetime(2026, 11, 27, tzinfo=UTC)
    first = Calendar.from_ical(follow_ups_calendar(items, now=NOW)).walk("VEVENT")[0]
    second = Calendar.from_ical(follow_ups_calendar(items, now=later)).walk("VEVENT")[0]
    assert first["uid"] == second["uid"]


def test_naive_now_is_utc_and_empty_calendar_is_valid() -> None:
    data = follow_ups_calendar([], now=datetime(2026, 11, 26, 8, 30), name="Due")
    calendar = Calendar.from_ical(data)
    assert calendar.walk("VEVENT") == []
    assert str(calendar["x-wr-calname"]) == "Due"
    with_event = follow_ups_calendar(
        [CalendarFollowUp(1, "A", date(2026, 11, 26))], now=datetime(2026, 11, 26, 8, 30)
    )
    assert Calendar.from_ical(with_event).walk("VEVENT")[0].decoded("dtstamp") == NOW
