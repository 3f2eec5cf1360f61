"""Removing and combining contacts: delete one, merge two (by the import rules), and find the
contacts a new one would duplicate."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mutuals.domain.contact import ContactRecord
from mutuals.io.cells import split_name
from mutuals.services.contacts import (
    ContactNotFound,
    check_emails,
    clean_phrases,
    contact_dict,
    normalise_tags,
    normalise_url,
    resolve_contact,
)
from mutuals.services.context import Workspace
from mutuals.services.merge import (
    EDITABLE,
    StoredContact,
    changed_fields,
    combined_fields,
    name_key,
)
from mutuals.store import contacts as store
from mutuals.store.models import Contact


def _load(session: Any, ws: Workspace, contact_id: int) -> Contact:
    contact = store.get_contact(session, owner_id=ws.owner_id, contact_id=contact_id)
    if contact is None:
        raise ContactNotFound(f"no contact with id {contact_id}")
    return contact


def delete_contact(ws: Workspace, ref: str) -> dict[str, Any]:
    """Delete the contact named by ``ref``; says who it was and how many interactions went with
    them (those with them alone; a group interaction stays with the others)."""
    contact_id = int(resolve_contact(ws, ref)["id"])
    with ws.db.transaction() as session:
        contact = _load(session, ws, contact_id)
        gone = {"id": contact.id, "name": contact.full_name}
        gone["interactions_deleted"] = store.delete_contact(session, contact=contact)
        return gone


def merge_contacts(ws: Workspace, keep_ref: str, other_ref: str) -> dict[str, Any]:
    """Merge the contact ``other_ref`` into ``keep_ref`` and delete it.

    Every interaction and stage change of the other moves to the kept contact; fields combine
    by the import rules (``merge.combined_fields``); the kept contact's cadence, snooze and
    stage win where it has them.
    """
    keep_id = int(resolve_contact(ws, keep_ref)["id"])
    other_id = int(resolve_contact(ws, other_ref)["id"])
    if keep_id == other_id:
        raise ValueError(f"#{keep_id} cannot be merged with itself; name two different contacts")
    with ws.db.transaction() as session:
        kept, other = _load(session, ws, keep_id), _load(session, ws, other_id)
        changes = combined_fields(_stored(kept), _stored(other))
        if kept.cadence_every_days is None and other.cadence_every_days is not None:
            kept.cadence_every_days = other.cadence_every_days
            kept.cadence_max_days = other.cadence_max_days
        if kept.snoozed_until is None:
            kept.snoozed_until = other.snoozed_until
        if kept.stage == "connected" and other.stage != "connected":
            kept.stage = other.stage
        moved = store.move_contact_links(session, source=other, target=kept)
        other = _load(session, ws, other_id)
        store.delete_contact(session, contact=other)
        kept = _load(session, ws, keep_id)
        store.update_contact(session, contact=kept, **changes)
        session.flush()
        merged = contact_dict(kept)
        merged["merged_from"] = other_id
        merged["interactions_moved"] = moved
        return merged


def _stored(contact: Contact) -> StoredContact:
    return StoredContact({name: getattr(contact, name) for name in EDITABLE}, id=contact.id)


def find_matches(
    ws: Workspace,
    *,
    name: str,
    emails: Sequence[str] = (),
    linkedin_url: str = "",
    company: str = "",
) -> list[dict[str, Any]]:
    """Contacts a new one would duplicate: the same email, LinkedIn URL, or name and company.

    Each match says why (``reason``), so the member can decide to update it instead.
    """
    first, last = split_name(name)
    wanted_key = name_key(first, last, company)
    wanted_emails = {e.strip().lower() for e in emails if e.strip()}
    url = normalise_url(linkedin_url)
    found: list[dict[str, Any]] = []
    with ws.db.transaction() as session:
        for contact in store.all_contacts(session, owner_id=ws.owner_id):
            reason = ""
            same_email = wanted_emails & {e.lower() for e in contact.emails}
            if url and contact.linkedin_url == url:
                reason = f"same LinkedIn URL {url}"
            elif same_email:
                reason = f"same email {sorted(same_email)[0]}"
            elif name_key(contact.first_name, contact.last_name, contact.company) == wanted_key:
                reason = "same name and company" if company.strip() else "same name, no company"
            if reason:
                found.append({**contact_dict(contact), "reason": reason})
    return found


def update_from(
    ws: Workspace,
    contact_id: int,
    *,
    name: str,
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    company: str = "",
    position: str = "",
    location: str = "",
    linkedin_url: str = "",
    tags: Sequence[str] = (),
    notes: str = "",
    headline: str = "",
    offers: Sequence[str] = (),
    needs: Sequence[str] = (),
    interests: Sequence[str] = (),
    goals: Sequence[str] = (),
) -> dict[str, Any]:
    """Update a contact with details typed for a new one, by the import rules: what was typed
    replaces text, never erases it, and adds to the lists (offers, needs, interests and goals
    as much as emails and tags)."""
    first, last = split_name(name)
    record = ContactRecord(
        first_name=first,
        last_name=last,
        emails=check_emails(emails),
        phones=clean_phrases(phones),
        company=company.strip(),
        position=position.strip(),
        location=location.strip(),
        linkedin_url=normalise_url(linkedin_url),
        tags=normalise_tags(tags),
        notes=notes.strip(),
        headline=headline.strip(),
        offers=clean_phrases(offers),
        needs=clean_phrases(needs),
        interests=clean_phrases(interests),
        goals=clean_phrases(goals),
    )
    with ws.db.transaction() as session:
        contact = _load(session, ws, contact_id)
        stored = _stored(contact)
        changes = changed_fields(stored, record)
        if record.notes and contact.notes and record.notes not in contact.notes:
            changes["notes"] = f"{contact.notes}\n\n{record.notes}"
        store.update_contact(session, contact=contact, **changes)
        session.flush()
        return contact_dict(contact)
