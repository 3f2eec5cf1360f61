"""Attendees: import from the profile CSV, register on the public page (cap and waiting list),
check in by name, and the private links to each attendee's phone page."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from sqlalchemy.orm import Session

from mutuals.domain.contact import ContactRecord
from mutuals.io.errors import ImportFailure
from mutuals.io.profile_csv import read_profile_csv
from mutuals.services.context import Workspace
from mutuals.services.events import (
    TAKING_PART,
    AmbiguousName,
    EventNotFound,
    find_event,
    promote_waiting,
    touch,
)
from mutuals.services.passwords import key_hash
from mutuals.store import events as store
from mutuals.store.event_models import Event, EventAttendee

LINK_PREFIX: Final = "/e/"
STATUSES: Final = ("registered", "waitlist", "checked_in", "no_show", "left")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# A link key: 144 random bits, short enough for a QR code a phone reads at arm's length.
_KEY_BYTES: Final = 18
_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class AttendeeNotFound(EventNotFound):
    """No attendee of the event matches."""


def attendee_dict(a: EventAttendee) -> dict[str, Any]:
    """An attendee as the organiser sees them (their own list)."""
    return {
        "id": a.id,
        "name": a.name,
        "email": a.email,
        "phone": a.phone,
        "company": a.company,
        "position": a.position,
        "headline": a.headline,
        "linkedin_url": a.linkedin_url,
        "interests": list(a.interests),
        "offers": list(a.offers),
        "needs": list(a.needs),
        "status": a.status,
        "host": a.is_host,
        "member": a.member_id is not None,
        "source": a.source,
    }


def find_attendee(session: Session, event: Event, ref: str | int) -> EventAttendee:
    """The event's attendee named by ``ref``: an id (``12`` or ``#12``), a name or an email."""
    text = str(ref).strip()
    digits = text.removeprefix("#")
    if digits.isascii() and digits.isdigit():
        found = store.get_attendee(session, event_id=event.id, attendee_id=int(digits))
        if found is None:
            raise AttendeeNotFound(f"no attendee with id {digits} at '{event.name}'")
        return found
    matches = store.attendees_named(session, event_id=event.id, name=text)
    if not matches:
        raise AttendeeNotFound(f"no attendee named '{text}' at '{event.name}'")
    if len(matches) > 1:
        raise AmbiguousName(
            "attendees", text, [(a.id, f"{a.name} ({a.company or a.email})") for a in matches]
        )
    return matches[0]


def _fields(record: ContactRecord) -> dict[str, Any]:
    return {
        "name": record.full_name,
        "email": record.emails[0],
        "email_key": record.emails[0].lower(),
        "phone": record.phones[0] if record.phones else "",
        "company": record.company,
        "position": record.position,
        "headline": record.headline,
        "linkedin_url": record.linkedin_url,
        "interests": list(record.interests),
        "offers": list(record.offers),
        "needs": list(record.needs),
        "goals": list(record.goals),
    }


def import_attendees(ws: Workspace, ref: str | int, path: Path) -> dict[str, Any]:
    """Add (or update, by email) the people of a profile CSV to an event's list, in one
    transaction: any bad row names its file, line and field, and nothing is written."""
    parsed = read_profile_csv(path)
    seen: dict[str, int | None] = {}
    for record in parsed.contacts:
        if not record.emails:
            raise ImportFailure(
                "an email is required (mutual matches are sent to it)",
                path=path,
                line=record.source_line,
                field="email",
            )
        key = record.emails[0].lower()
        if key in seen:
            raise ImportFailure(
                f"'{record.emails[0]}' already appears on line {seen[key]}",
                path=path,
                line=record.source_line,
                field="email",
            )
        seen[key] = record.source_line
    if not parsed.contacts:
        raise ImportFailure("no people in the file", path=path)
    added = updated = 0
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        known = {a.email_key: a for a in store.attendees_of(session, event_id=event.id)}
        for record in parsed.contacts:
            fields = _fields(record)
            current = known.get(fields["email_key"])
            if current is None:
                session.add(
                    EventAttendee(event_id=event.id, status="registered", source="import", **fields)
                )
                added += 1
            else:
                for name, value in fields.items():
                    setattr(current, name, value)
                updated += 1
        touch(session, event, layout=True)
        total = len(store.attendees_of(session, event_id=event.id))
    return {"added": added, "updated": updated, "attendees": total}


def list_attendees(ws: Workspace, ref: str | int) -> list[dict[str, Any]]:
    """Everyone on the event's list, in the order they joined it."""
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        return [attendee_dict(a) for a in store.attendees_of(session, event_id=event.id)]


def search_attendees(ws: Workspace, ref: str | int, query: str) -> list[dict[str, Any]]:
    """Check-in search: attendees whose name, email or company contains every word typed."""
    words = query.lower().split()
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        found = []
        for a in store.attendees_of(session, event_id=event.id):
            text = f"{a.name} {a.email} {a.company}".lower()
            if all(w in text for w in words):
                found.append(attendee_dict(a))
        return found


@dataclass(frozen=True)
class Registration:
    """A new registration: the attendee and the key of their private link (shown once)."""

    attendee: dict[str, Any]
    key: str

    @property
    def waitlisted(self) -> bool:
        return bool(self.attendee["status"] == "waitlist")

    @property
    def path(self) -> str:
        return LINK_PREFIX + self.key


def register(
    ws: Workspace,
    event_id: int,
    *,
    name: str,
    email: str,
    company: str = "",
    headline: str = "",
    interests: list[str] | None = None,
    offers: list[str] | None = None,
    needs: list[str] | None = None,
    consent: bool,
    member_id: int | None = None,
) -> Registration:
    """Put someone on a listed event's list from its public page. Past the cap they join the
    waiting list. ``member_id`` links the signed-in member's own account."""
    name, email = " ".join(name.split()), email.strip()
    if not name:
        raise ValueError("Please give your name.")
    if not _EMAIL.match(email):
        raise ValueError(f"'{email}' is not an email address.")
    if not consent:
        raise ValueError("Tick the box to agree to be matched: the evening is built on it.")
    with ws.db.transaction() as session:
        event = store.public_event(session, event_id=event_id)
        if event is None:
            raise EventNotFound("no such event")
        if not event.registration_open or event.status == "ended":
            raise ValueError("Registration for this event is closed.")
        known = store.attendees_named(session, event_id=event.id, name=email.lower())
        if any(a.email_key == email.lower() for a in known):
            raise ValueError(
                "This email is already on the list: use the private link you were given."
            )
        taken = store.count_attendees(session, event_id=event.id, statuses=TAKING_PART)
        full = event.capacity is not None and taken >= event.capacity
        attendee = EventAttendee(
            event_id=event.id,
            name=name,
            email=email,
            email_key=email.lower(),
            company=company.strip(),
            headline=headline.strip(),
            interests=_phrases(interests),
            offers=_phrases(offers),
            needs=_phrases(needs),
            goals=[],
            member_id=member_id,
            consent=True,
            status="waitlist" if full else "registered",
            source="registration",
        )
        session.add(attendee)
        session.flush()
        key = new_link(session, attendee.id)
        touch(session, event, layout=True)
        return Registration(attendee=attendee_dict(attendee), key=key)


def _phrases(items: list[str] | None) -> list[str]:
    return [i.strip() for i in items or [] if i.strip()]


def new_link(session: Session, attendee_id: int) -> str:
    """A new private link key for an attendee; only its hash is stored."""
    key = secrets.token_urlsafe(_KEY_BYTES)
    store.add_link(session, attendee_id=attendee_id, key_hash=key_hash(key))
    return key


def issue_link(ws: Workspace, ref: str | int, who: str) -> str:
    """A new private link (the path ``/e/KEY``) to one attendee's phone page.

    Only the key's hash is stored, so each call makes a new link; earlier ones keep working.
    """
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        attendee = find_attendee(session, event, who)
        return LINK_PREFIX + new_link(session, attendee.id)


def issue_links(ws: Workspace, ref: str | int) -> dict[int, str]:
    """A new private link for every attendee (for printed badges): attendee id -> path."""
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        return {
            a.id: LINK_PREFIX + new_link(session, a.id)
            for a in store.attendees_of(session, event_id=event.id)
        }


def attendee_for_key(ws: Workspace, key: str) -> tuple[int, int] | None:
    """``(event id, attendee id)`` for a private link's key, or None for an unknown or forged
    one (the caller answers 404 either way)."""
    if not _KEY.match(key):
        return None
    with ws.db.transaction() as session:
        found = store.attendee_by_link(session, key_hash=key_hash(key))
        return (found.event_id, found.id) if found is not None else None


def attendee_for_member(ws: Workspace, event_id: int) -> int | None:
    """The workspace owner's own attendee record at an event, if they are on its list."""
    with ws.db.transaction() as session:
        for event, attendee in store.attended_by(session, member_id=ws.owner_id):
            if event.id == event_id:
                return attendee.id
    return None


def events_attended(ws: Workspace) -> list[dict[str, Any]]:
    """The events the workspace's owner is on the list of, as a member."""
    from mutuals.services.events import event_dict

    with ws.db.transaction() as session:
        return [
            {**event_dict(event), "attendee_status": attendee.status}
            for event, attendee in store.attended_by(session, member_id=ws.owner_id)
        ]


def member_link(ws: Workspace, event_id: int, attendee_id: int) -> str:
    """A new private link for the workspace owner's own attendee record at an event."""
    with ws.db.transaction() as session:
        found = store.get_attendee(session, event_id=event_id, attendee_id=attendee_id)
        if found is None or found.member_id != ws.owner_id:
            raise AttendeeNotFound("not on this event's list")
        return LINK_PREFIX + new_link(session, found.id)


class CannotCancel(ValueError):
    """Cancelling is for people not yet at the event, before it begins."""


def _cancel(session: Session, event: Event, attendee: EventAttendee) -> dict[str, Any]:
    """Take ``attendee`` off the list and give their place to the first on the waiting list.

    The cancelled record is deleted with its links (they answer 404 from now on): someone who
    will not come leaves no data behind. Only a place that counted against the cap is passed
    on, to whoever joined the waiting list first.
    """
    if event.current_round > 0 or event.status == "ended":
        raise CannotCancel(
            f"{event.name} has begun: mark {attendee.name} as leaving or not here instead"
        )
    if attendee.status not in ("registered", "waitlist"):
        raise CannotCancel(f"{attendee.name} is checked in: mark them as leaving instead")
    freed = attendee.status == "registered"
    name = attendee.name
    session.delete(attendee)
    session.flush()
    moved = promote_waiting(session, event) if freed else []
    promoted = moved[0] if moved else None
    touch(session, event, layout=True)
    return {"cancelled": name, "promoted": promoted}


def cancellable(ws: Workspace, event_id: int, attendee_id: int) -> bool:
    """Whether the attendee may still give their place up (not checked in, event not begun)."""
    with ws.db.transaction() as session:
        attendee = store.get_attendee(session, event_id=event_id, attendee_id=attendee_id)
        event = session.get(Event, event_id)
        return (
            attendee is not None
            and event is not None
            and event.current_round == 0
            and event.status != "ended"
            and attendee.status in ("registered", "waitlist")
        )


def cancel(ws: Workspace, ref: str | int, who: str) -> dict[str, Any]:
    """The organiser takes someone off the list (``mutuals event cancel``)."""
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        event_id = event.id
        done = _cancel(session, event, find_attendee(session, event, who))
    _tell_promoted(ws, event_id, done)
    return done


def cancel_own(ws: Workspace, event_id: int, attendee_id: int) -> dict[str, Any]:
    """An attendee cancels their own place from their private link."""
    with ws.db.transaction() as session:
        attendee = store.get_attendee(session, event_id=event_id, attendee_id=attendee_id)
        if attendee is None:
            raise AttendeeNotFound("not on this event's list")
        event = session.get_one(Event, event_id)
        done = _cancel(session, event, attendee)
    _tell_promoted(ws, event_id, done)
    return done


def _tell_promoted(ws: Workspace, event_id: int, done: dict[str, Any]) -> None:
    """Mail whoever just moved up from the waiting list, once the move is committed."""
    if done.get("promoted"):
        from mutuals.services.link_mail import send_places

        send_places(ws, event_id)
