"""Outreach drafts for a person: what to write, and sending it by SMTP with the interaction logged.

Templates in ``<data dir>/templates/{connect,intro,follow-up}.txt`` override the shipped ones.
Mail goes out through ``services.mail`` (``MUTUALS_SMTP_*``); the sender is ``MUTUALS_SMTP_FROM``
or the member's own email.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from email.message import EmailMessage
from typing import Any

from jinja2 import FileSystemLoader

from mutuals.connecting import mutual_connections
from mutuals.connecting.drafts import (
    DraftKind,
    render_draft,
    said_to_them,
    template_environment,
)
from mutuals.domain.profile import Profile
from mutuals.prospecting import get_backend, mutual_score
from mutuals.services.contacts import ContactNotFound, resolve_contact
from mutuals.services.context import Workspace
from mutuals.services.event_follow_up import event_follow_up
from mutuals.services.mail import NOT_CONFIGURED, smtp_send
from mutuals.services.member import member_as_profile
from mutuals.services.network import day_of
from mutuals.services.tie_graph import ME, MemberGraph, Person, load_member_graph
from mutuals.store import connecting as connecting_store
from mutuals.store import contacts as contact_store
from mutuals.store import interactions as interaction_store
from mutuals.store.embeddings import DatabaseEmbeddingCache
from mutuals.store.models import Owner


def _first(name: str) -> str:
    return name.split()[0] if name.split() else name


def _has_profile(p: Profile) -> bool:
    return bool(p.offers or p.needs or p.interests or p.goals)


def _interest(ws: Workspace, person: Person) -> str:
    """Why the two of us should talk, when both profiles say what we offer and need (from my
    side, as prospecting says it)."""
    me = member_as_profile(ws)
    if person.contact_id is None or not _has_profile(me):
        return ""
    with ws.db.transaction() as session:
        contact = contact_store.get_contact(
            session, owner_id=ws.owner_id, contact_id=person.contact_id
        )
        if contact is None:
            return ""
        them = Profile(
            name=contact.full_name,
            id=str(contact.id),
            headline=contact.headline,
            interests=contact.interests,
            offers=contact.offers,
            needs=contact.needs,
            goals=contact.goals,
        )
    if not _has_profile(them):
        return ""
    match = mutual_score(
        me,
        them,
        backend=get_backend(ws.settings.similarity_backend),
        cache=DatabaseEmbeddingCache(ws.db),
    )
    return match.why


def _me(ws: Workspace) -> tuple[str, str, str]:
    with ws.db.transaction() as session:
        owner = session.get_one(Owner, ws.owner_id)
        return owner.name, owner.headline, owner.email or ""


def _common(mg: MemberGraph, node: int) -> str:
    found = mutual_connections(mg.graph, ME, node)
    return mg.name_of(found[0].node) if found else ""


def draft(
    ws: Workspace,
    kind: DraftKind,
    ref: str,
    *,
    via: str | None = None,
    event: int | None = None,
    max_chars: int | None = None,
    today: date,
) -> dict[str, Any]:
    """Render the ``kind`` draft for ``ref`` (for an intro, the request to ``via``; for a
    follow-up with ``event``, the note after that event)."""
    if event is not None and kind != "follow-up":
        raise ValueError("--event is for a follow-up only")
    mg = load_member_graph(ws, today=today)
    node = mg.find(ref)
    person = mg.people[node]
    me, headline, _ = _me(ws)
    context: dict[str, Any] = {
        "me": me or "me",
        "my_headline": headline,
        "name": person.name,
        "first_name": _first(person.name),
        # The intro request is read by the friend first, to whom the person is "they".
        "interest": said_to_them(_interest(ws, person), they="they" if kind == "intro" else "you"),
    }
    recipient = person
    if kind == "connect":
        context["mutual"] = _common(mg, node)
        max_chars = 300 if max_chars is None else max_chars
    elif kind == "intro":
        if via is None:
            raise ValueError("an intro request needs --via NAME: the friend to ask")
        recipient = mg.people[mg.find(via)]
        if recipient.contact_id is None:
            raise ContactNotFound(f"'{via}' is not one of your contacts")
        attempted = None
        if person.contact_id is not None:
            with ws.db.transaction() as session:
                outreach = connecting_store.get_outreach(
                    session, owner_id=ws.owner_id, contact_id=person.contact_id
                )
                attempted = outreach.attempted_on.isoformat() if outreach else None
        context.update(
            target=person.name,
            target_first_name=_first(person.name),
            target_role=" at ".join(p for p in (person.position, person.company) if p),
            via_first_name=_first(recipient.name),
            attempted_on=attempted,
        )
    elif event is not None:
        met = event_follow_up(ws, mg, node, event)
        # Why the evening seated us together, else what our profiles say.
        context["interest"] = said_to_them(met.pop("why")) or context["interest"]
        context.update(met, met_on=None, channel="event", note="")
    else:
        met_on, channel, note = None, "", ""
        if person.contact_id is not None:
            with ws.db.transaction() as session:
                rows = interaction_store.interactions_for_contact(
                    session, owner_id=ws.owner_id, contact_id=person.contact_id
                )
                if rows:
                    met_on = day_of(rows[0].occurred_at).isoformat()
                    channel, note = rows[0].channel, rows[0].summary
        context.update(met_on=met_on, channel=channel, note=note, event="", event_date="")
    loader = FileSystemLoader(str(ws.settings.data_dir / "templates"))
    rendered = render_draft(template_environment(loader), kind, context, max_chars=max_chars)
    return {
        "kind": kind,
        "to": recipient.name,
        "to_id": recipient.contact_id,
        "subject": rendered.subject,
        "body": rendered.body,
    }


def _recipient_email(ws: Workspace, contact_id: int | None, name: str) -> str:
    if contact_id is None:
        raise ValueError(f"{name} is not a contact yet: no email address to send to")
    contact = resolve_contact(ws, str(contact_id))
    if not contact.get("emails"):
        raise ValueError(f"{name} has no email address; add one with `mutuals contacts edit`")
    return str(contact["emails"][0])


def send_draft(ws: Workspace, rendered: dict[str, Any], *, today: date) -> dict[str, Any]:
    """Mail a rendered draft to its recipient and log it as an email interaction."""
    if not ws.settings.smtp_host:
        raise ValueError(NOT_CONFIGURED)
    to = _recipient_email(ws, rendered["to_id"], rendered["to"])
    name, _, own_email = _me(ws)
    sender = ws.settings.smtp_from or own_email
    if not sender:
        raise ValueError("set MUTUALS_SMTP_FROM (or your profile's email) to send mail")
    message = EmailMessage()
    message["From"] = f"{name} <{sender}>" if name else sender
    message["To"] = to
    message["Subject"] = rendered["subject"]
    message.set_content(rendered["body"])
    smtp_send(ws.settings, message)
    with ws.db.writing(ws.owner_id) as session:
        contact = contact_store.get_contact(
            session, owner_id=ws.owner_id, contact_id=int(rendered["to_id"])
        )
        if contact is None:
            raise ContactNotFound(f"no contact with id {rendered['to_id']}")
        interaction_store.create_interaction(
            session,
            owner_id=ws.owner_id,
            contacts=[contact],
            occurred_at=datetime.combine(today, time(12), tzinfo=UTC),
            channel="email",
            direction="gave",
            kinds=[],
            summary=f"{rendered['kind']} email: {rendered['subject']}",
            source="draft",
        )
    return {**rendered, "sent_to": to}
