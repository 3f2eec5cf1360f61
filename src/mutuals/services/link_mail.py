"""Each attendee's private link by email: ``mutuals event send-links``, and the "a place has come
free" message to whoever moves up from the waiting list.

An attendee with a place (registered or checked in) and an email is mailed a new private link to
their phone page once: the attendee is claimed in the database (``link_mailed_at``), with the new
link, before the message goes out, and released if the send fails, so repeated or concurrent
runs never mail one person twice. Someone who moves up from the waiting list (a cancellation, or
a higher cap) is mailed as soon as the move is committed, when mail is configured; a failure
there is logged and ``send-links`` tries again. The waiting list itself is not mailed: those
people saw their link when they registered, and have no place yet.

Each message names its recipient's event and nobody else.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr
from typing import Any

from mutuals.io.cells import split_name
from mutuals.services.attendees import LINK_PREFIX, new_link
from mutuals.services.context import Workspace
from mutuals.services.events import find_event
from mutuals.services.mail import NOT_CONFIGURED, smtp_send
from mutuals.services.match_mail import (
    MailReport,
    mail_configured,
    send_if_configured,
    sender_for,
)
from mutuals.store import events as store
from mutuals.store.event_models import Event
from mutuals.store.models import Owner

log = logging.getLogger("mutuals.link_mail")


@dataclass(frozen=True, slots=True)
class _Recipient:
    id: int
    name: str
    email: str
    promoted: bool


def compose(
    event: Event, name: str, email: str, url: str, *, promoted: bool, sender: str
) -> EmailMessage:
    """The message carrying one attendee's private link (and their place, if they moved up)."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = formataddr((name, email))
    if promoted:
        message["Subject"] = f"A place has come free for you: {event.name}"
        opening = (
            f"A place has come free at {event.name}, and it is yours: you have moved up from "
            "the waiting list."
        )
    else:
        message["Subject"] = f"Your page for {event.name}"
        opening = f"You have a place at {event.name}."
    lines = [
        f"Hello {split_name(name)[0] or name},",
        "",
        opening,
        "",
        f"When: {event.starts_at:%A %d %B %Y, %H:%M}",
    ]
    if event.place:
        lines.append(f"Where: {event.place}")
    lines += [
        "",
        f"Your private page: {url}",
        "",
        "On the night it shows your table, whom you meet and why, and asks after each meeting "
        "whether you would like to follow up. This link is yours alone: please do not share it.",
        "",
        "If you cannot come, say so on that page, and your place goes to the next person waiting.",
    ]
    message.set_content("\n".join(lines) + "\n")
    return message


def send_links(ws: Workspace, event_id: int, *, promoted_only: bool = False) -> MailReport:
    """Mail every attendee with a place (or, with ``promoted_only``, everyone who moved up from
    the waiting list) who has not been mailed their link yet."""
    if not mail_configured(ws.settings):
        raise ValueError(NOT_CONFIGURED)
    report = MailReport()
    base = ws.settings.base_url.rstrip("/")
    with ws.db.transaction() as session:
        event = session.get_one(Event, event_id)
        sender = sender_for(ws, event, session.get(Owner, event.owner_id))
        todo = [
            _Recipient(a.id, a.name, a.email, a.promoted_at is not None)
            for a in store.links_to_mail(session, event_id=event_id, promoted_only=promoted_only)
        ]
        session.expunge(event)
    for person in todo:
        with ws.db.transaction() as session:
            if not store.claim_link_mail(session, attendee_id=person.id):
                continue  # another sender has them
            url = base + LINK_PREFIX + new_link(session, person.id)
        message = compose(
            event, person.name, person.email, url, promoted=person.promoted, sender=sender
        )
        try:
            smtp_send(ws.settings, message)
        except ValueError as exc:
            with ws.db.transaction() as session:
                store.release_link_mail(session, attendee_id=person.id)
            log.warning("link mail to attendee %s not sent: %s", person.id, exc)
            report.failed.append(f"{person.name}: {exc}")
            continue
        report.sent.append(person.email)
    return report


def send_places(ws: Workspace, event_id: int) -> None:
    """Tell whoever just moved up from the waiting list, when mail is configured; a failure is
    logged (the move stands, and ``send-links`` tries again)."""
    send_if_configured(
        ws, "place mail", event_id, lambda: send_links(ws, event_id, promoted_only=True)
    )


def send_event_links(ws: Workspace, ref: str | int) -> dict[str, Any]:
    """The organiser's ``mutuals event send-links``: mail every link not mailed yet."""
    with ws.db.transaction() as session:
        event_id = find_event(session, ws.owner_id, ref).id
    return send_links(ws, event_id).as_dict()
