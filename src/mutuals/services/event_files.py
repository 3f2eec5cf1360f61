"""Files for an event: its iCalendar entry, the directory feed, and the printouts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mutuals.io.event_ics import CalendarEvent, events_calendar
from mutuals.services.attendees import issue_links
from mutuals.services.context import Workspace
from mutuals.services.event_plan import labels
from mutuals.services.events import directory, find_event, public_event
from mutuals.store import events as store
from mutuals.store.event_models import Event


def duration_minutes(rounds: int, minutes: int, break_minutes: int) -> int:
    """How long the rotation takes: every round and the breaks between them."""
    return rounds * minutes + max(0, rounds - 1) * break_minutes


def _entry(ws: Workspace, data: dict[str, object]) -> CalendarEvent:
    from mutuals.services.events import parse_when

    return CalendarEvent(
        id=int(str(data["id"])),
        name=str(data["name"]),
        starts_at=parse_when(str(data["starts_at"])),
        timezone=str(data["timezone"]),
        minutes=duration_minutes(
            int(str(data["rounds"])), int(str(data["minutes"])), int(str(data["break_minutes"]))
        ),
        place=str(data["place"]),
        description=str(data.get("description") or ""),
        organiser=str(data.get("organiser") or ""),
        url=f"{ws.settings.base_url.rstrip('/')}/events/{data['id']}",
    )


def event_ics(ws: Workspace, ref: str | int) -> bytes:
    """The organiser's event as an iCalendar file."""
    from mutuals.services.events import event_dict

    with ws.db.transaction() as session:
        data = event_dict(find_event(session, ws.owner_id, ref))
    return events_calendar([_entry(ws, data)], now=ws.clock.now(), name=str(data["name"]))


def public_event_ics(ws: Workspace, event_id: int) -> bytes:
    """A listed event as an iCalendar file (its public page links it)."""
    data = public_event(ws, event_id)
    return events_calendar([_entry(ws, data)], now=ws.clock.now(), name=str(data["name"]))


def directory_ics(ws: Workspace, *, near: str | None = None, since: date | None = None) -> bytes:
    """The events directory as a calendar feed to subscribe to."""
    listed = directory(ws, near=near, since=since)
    return events_calendar(
        [_entry(ws, e) for e in listed], now=ws.clock.now(), name="Local networking events"
    )


def write_ics(ws: Workspace, ref: str | int, path: Path) -> None:
    path.write_bytes(event_ics(ws, ref))


def printout(ws: Workspace, ref: str | int, what: str, *, links: bool = True) -> bytes:
    """The PDF of ``what`` (sheets, itineraries, badges or cards) for the event's plan.

    Badges carry a QR code of a new private link per attendee (``links``), starting with the
    server's base URL (``MUTUALS_BASE_URL``).
    """
    from mutuals.io.event_pdf import WHAT, Person, Printout, people_rounds, render

    if what not in WHAT:
        raise ValueError(f"--what must be one of {', '.join(WHAT)}")
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        if event.plan is None:
            raise ValueError(f"'{event.name}' has no plan yet (mutuals event plan)")
        seated = _seated(event)
        everyone = [a for a in store.attendees_of(session, event_id=event.id) if a.id in seated]
        names = labels(everyone)
        rounds = event.plan["rounds"]
        header = (event.name, event.starts_at.strftime("%Y-%m-%d %H:%M"), event.place)
        event_id = event.id
    paths = issue_links(ws, event_id) if what == "badges" and links else {}
    base = ws.settings.base_url.rstrip("/")
    people = [
        Person(
            id=a.id,
            name=a.name,
            company=a.company,
            headline=a.headline,
            link=base + paths[a.id] if a.id in paths else "",
            rounds=people_rounds(rounds, a.id, names),
        )
        for a in everyone
    ]
    plan = [[[names[p] for p in t] for t in rnd] for rnd in rounds]
    return render(
        what, Printout(event=header[0], when=header[1], place=header[2], rounds=plan, people=people)
    )


def _seated(event: Event) -> set[int]:
    plan = event.plan or {"rounds": []}
    return {p for rnd in plan["rounds"] for t in rnd for p in t}


def write_printout(ws: Workspace, ref: str | int, what: str, path: Path) -> int:
    """Write the PDF; returns its size in bytes."""
    data = printout(ws, ref, what)
    path.write_bytes(data)
    return len(data)
