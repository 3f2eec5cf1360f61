"""Double opt-in by email: each side of a mutual match is mailed the other's contact details
(name, email, company, phone and LinkedIn when given, and a vCard), once.

When mail is configured (the ``MUTUALS_SMTP_*`` settings that ``mutuals draft --send`` uses), a
new match is mailed as soon as the answer that makes it mutual is recorded; ``event end`` and
``mutuals event send-matches`` send whatever is still unsent (a match made while mail was not
configured, or a send that failed). Each side is claimed in the database before its message
goes out (``first_mailed_at``/``second_mailed_at``) and released if the send fails, so repeated
or concurrent runs, and restarts, never mail one person twice about the same match. A side
whose send was interrupted by a crash between the claim and the SMTP hand-over stays claimed:
a missed mail is preferred to a repeated one.

A pair that is no longer mutual (one side changed their answer to no) is not mailed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr
from typing import Any

from mutuals.domain.contact import ContactRecord
from mutuals.io.cells import split_name
from mutuals.io.vcard import write_vcards
from mutuals.services.context import Workspace
from mutuals.services.events import find_event
from mutuals.services.mail import NOT_CONFIGURED, smtp_send
from mutuals.settings import Settings
from mutuals.store import events as store
from mutuals.store.event_models import Event, EventAttendee
from mutuals.store.models import Owner

log = logging.getLogger("mutuals.match_mail")


def mail_configured(settings: Settings) -> bool:
    """Whether match mails go out at all."""
    return bool(settings.smtp_host)


@dataclass
class MailReport:
    """What one sending run did."""

    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"sent": len(self.sent), "to": self.sent, "failed": self.failed}


@dataclass(frozen=True)
class _Side:
    match_id: int
    side: str
    to: EventAttendee
    other: EventAttendee


def match_vcard(people: Iterable[dict[str, Any]], event_name: str) -> str:
    """vCards of matched people (dicts with name, email, phone, company, linkedin_url)."""
    records = []
    for person in people:
        first, last = split_name(person["name"])
        records.append(
            ContactRecord(
                first_name=first,
                last_name=last,
                emails=[person["email"]] if person["email"] else [],
                phones=[person["phone"]] if person["phone"] else [],
                company=person["company"],
                linkedin_url=person["linkedin_url"],
                notes=f"Met at {event_name}",
            )
        )
    return write_vcards(records)


def _card(person: EventAttendee) -> dict[str, Any]:
    return {
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "company": person.company,
        "linkedin_url": person.linkedin_url,
    }


def compose(event: Event, to: EventAttendee, other: EventAttendee, sender: str) -> EmailMessage:
    """The message telling ``to`` how to reach ``other`` (and nothing about anyone else)."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = formataddr((to.name, to.email))
    # Replying writes to the match directly.
    message["Reply-To"] = formataddr((other.name, other.email))
    message["Subject"] = f"{other.name} wants to follow up too: {event.name}"
    lines = [
        f"Hello {split_name(to.name)[0] or to.name},",
        "",
        f"You and {other.name} both asked to follow up after {event.name} "
        f"({event.starts_at:%Y-%m-%d}). Here is how to reach them:",
        "",
        f"Name: {other.name}",
        f"Email: {other.email}",
    ]
    if other.company:
        lines.append(f"Company: {other.company}")
    if other.phone:
        lines.append(f"Phone: {other.phone}")
    if other.linkedin_url:
        lines.append(f"LinkedIn: {other.linkedin_url}")
    lines += [
        "",
        "Their card is attached, to add them to your contacts.",
        f"{other.name} has been sent your details in the same way.",
    ]
    message.set_content("\n".join(lines) + "\n")
    filename = "".join(c if c.isalnum() else "-" for c in other.name).strip("-") or "contact"
    message.add_attachment(
        match_vcard([_card(other)], event.name).encode("utf-8"),
        maintype="text",
        subtype="vcard",
        filename=f"{filename}.vcf",
    )
    return message


def sender_for(ws: Workspace, event: Event, owner: Owner | None) -> str:
    """The From address of an event's mail: MUTUALS_SMTP_FROM, else the organiser's email."""
    address = ws.settings.smtp_from or (owner.email if owner is not None else "") or ""
    if not address:
        raise ValueError("set MUTUALS_SMTP_FROM (or the organiser's email) to send mail")
    return formataddr((event.name, address))


def send_pending(ws: Workspace, event_id: int, pair: tuple[int, int] | None = None) -> MailReport:
    """Mail every side of the event's mutual matches (or of ``pair`` only) not mailed yet."""
    if not mail_configured(ws.settings):
        raise ValueError(NOT_CONFIGURED)
    report = MailReport()
    with ws.db.transaction() as session:
        event = session.get_one(Event, event_id)
        owner = session.get(Owner, event.owner_id)
        sender = sender_for(ws, event, owner)
        todo: list[_Side] = []
        for match in store.matches_to_mail(session, event_id=event_id, pair=pair):
            a, b = match.first_id, match.second_id
            if not (
                store.said_yes(session, picker_id=a, picked_id=b)
                and store.said_yes(session, picker_id=b, picked_id=a)
            ):
                continue  # one of them took their yes back
            first = session.get_one(EventAttendee, a)
            second = session.get_one(EventAttendee, b)
            if match.first_mailed_at is None:
                todo.append(_Side(match.id, "first", first, second))
            if match.second_mailed_at is None:
                todo.append(_Side(match.id, "second", second, first))
        session.expunge_all()
    for side in todo:
        with ws.db.transaction() as session:
            if not store.claim_mail(session, match_id=side.match_id, side=side.side):
                continue  # another sender has it
        try:
            smtp_send(ws.settings, compose(event, side.to, side.other, sender))
        except ValueError as exc:
            with ws.db.transaction() as session:
                store.release_mail(session, match_id=side.match_id, side=side.side)
            log.warning("match mail to attendee %s not sent: %s", side.to.id, exc)
            report.failed.append(f"{side.to.name}: {exc}")
            continue
        report.sent.append(side.to.email)
    return report


def send_new_match(ws: Workspace, event_id: int, a: int, b: int) -> None:
    """Mail a match just made, when mail is configured; a failure is logged (the answer that
    made the match stands, and ``event end`` or ``send-matches`` tries again)."""
    send_if_configured(ws, "match mail", event_id, lambda: send_pending(ws, event_id, (a, b)))


def send_if_configured(ws: Workspace, what: str, event_id: int, send: Callable[[], Any]) -> None:
    """Run ``send`` when mail is configured; log a failure instead of raising, for mail that
    follows a change already committed (the change stands, and a later run tries again)."""
    if not mail_configured(ws.settings):
        return
    try:
        send()
    except ValueError as exc:
        log.warning("%s for event %s not sent: %s", what, event_id, exc)


def send_matches(ws: Workspace, ref: str | int) -> dict[str, Any]:
    """The organiser's ``mutuals event send-matches``: mail every match not mailed yet."""
    with ws.db.transaction() as session:
        event_id = find_event(session, ws.owner_id, ref).id
    return send_pending(ws, event_id).as_dict()
