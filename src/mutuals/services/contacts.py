"""Contact use cases: list, search, show, add, edit and tag, as plain dictionaries for adapters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from mutuals.domain.limits import FieldError, day_problem
from mutuals.io.cells import split_name
from mutuals.services.contact_records import contact_dict as contact_dict
from mutuals.services.context import Workspace
from mutuals.store import contacts as store
from mutuals.store.models import Contact


class ContactNotFound(LookupError):
    """No contact matches; the message says what was looked for."""


class AmbiguousContact(LookupError):
    """Several contacts match a name; ``matches`` lists them so the member can pick one by id."""

    def __init__(self, query: str, matches: Sequence[dict[str, Any]]) -> None:
        self.matches = list(matches)
        names = "; ".join(
            f"#{m['id']} {m['name']} ({m['company'] or 'no company'})" for m in matches
        )
        super().__init__(f"'{query}' matches {len(matches)} contacts: {names}. Use the id instead.")


def list_contacts(
    ws: Workspace,
    *,
    search: str | None = None,
    tag: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The owner's contacts matching ``search`` and ``tag``, ``offset`` skipped, ``limit`` shown."""
    if (limit is not None and limit < 0) or offset < 0:
        raise ValueError("limit and offset must be 0 or more")
    with ws.db.transaction() as session:
        found = store.find_contacts(
            session, owner_id=ws.owner_id, search=search, tag=tag, limit=limit, offset=offset
        )
        return [contact_dict(c) for c in found]


def count_contacts(ws: Workspace) -> int:
    """How many contacts the owner has."""
    with ws.db.transaction() as session:
        return store.count_contacts(session, owner_id=ws.owner_id)


def resolve_contact(ws: Workspace, ref: str) -> dict[str, Any]:
    """The contact named by ``ref``: an id (``12`` or ``#12``) or a name.

    Raises ``ContactNotFound`` or ``AmbiguousContact`` (listing the candidates).
    """
    with ws.db.transaction() as session:
        return contact_dict(_resolve(session, ws.owner_id, ref))


def _resolve(session: Any, owner_id: int, ref: str) -> Contact:
    text = ref.strip()
    digits = text.removeprefix("#")
    if digits.isascii() and digits.isdigit():
        found = store.get_contact(session, owner_id=owner_id, contact_id=int(digits))
        if found is None:
            raise ContactNotFound(f"no contact with id {digits}")
        return found
    matches = store.find_by_name(session, owner_id=owner_id, name=text)
    if not matches:
        raise ContactNotFound(f"no contact named '{text}'")
    if len(matches) > 1:
        raise AmbiguousContact(text, [contact_dict(c) for c in matches])
    return matches[0]


def get_contact(ws: Workspace, contact_id: int) -> dict[str, Any]:
    """One contact by id, or ``ContactNotFound`` (also for another owner's contact)."""
    return resolve_contact(ws, str(contact_id))


def add_contact(
    ws: Workspace,
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
    """Add a contact typed by the member; ``name`` is split into first and last name."""
    first, last = split_name(name)
    if not first:
        raise ValueError("a contact needs a name")
    with ws.db.writing(ws.owner_id) as session:
        contact = store.create_contact(
            session,
            owner_id=ws.owner_id,
            first_name=first,
            last_name=last,
            emails=check_emails(emails),
            phones=clean_phrases(phones),
            company=company.strip(),
            position=position.strip(),
            location=location.strip(),
            linkedin_url=normalise_url(linkedin_url),
            tags=normalise_tags(tags),
            notes=notes,
            headline=headline.strip(),
            offers=clean_phrases(offers),
            needs=clean_phrases(needs),
            interests=clean_phrases(interests),
            goals=clean_phrases(goals),
            source="manual",
        )
        session.flush()
        return contact_dict(contact)


def edit_contact(ws: Workspace, ref: str, **changes: Any) -> dict[str, Any]:
    """Change fields of the contact named by ``ref``; ``name`` sets first and last name."""
    fields = {k: v for k, v in changes.items() if v is not None}
    if "name" in fields:
        first, last = split_name(fields.pop("name"))
        if not first:
            raise ValueError("a contact needs a name")
        fields["first_name"], fields["last_name"] = first, last
    if "tags" in fields:
        fields["tags"] = normalise_tags(fields["tags"])
    if "emails" in fields:
        fields["emails"] = check_emails(fields["emails"])
    for name in PHRASE_FIELDS:
        if name in fields:
            fields[name] = clean_phrases(fields[name])
    for name in ("company", "position", "location", "headline"):
        if name in fields:
            fields[name] = str(fields[name]).strip()
    if "linkedin_url" in fields:
        fields["linkedin_url"] = normalise_url(fields["linkedin_url"])
    if "connected_on" in fields and isinstance(fields["connected_on"], str):
        fields["connected_on"] = date.fromisoformat(fields["connected_on"])
    if isinstance(fields.get("connected_on"), date):
        problem = day_problem(fields["connected_on"], latest=ws.clock.today())
        if problem:
            raise FieldError("connected_on", f"impossible date: {problem}")
    with ws.db.writing(ws.owner_id) as session:
        contact = _resolve(session, ws.owner_id, ref)
        store.update_contact(session, contact=contact, **fields)
        session.flush()
        return contact_dict(contact)


def tag_contact(
    ws: Workspace, ref: str, *, add: Sequence[str] = (), remove: Sequence[str] = ()
) -> dict[str, Any]:
    """Add and remove tags on a contact."""
    with ws.db.writing(ws.owner_id) as session:
        contact = _resolve(session, ws.owner_id, ref)
        dropped = {t.lower() for t in normalise_tags(remove)}
        tags = [t for t in contact.tags if t not in dropped]
        tags = normalise_tags([*tags, *add])
        store.update_contact(session, contact=contact, tags=tags)
        session.flush()
        return contact_dict(contact)


def all_tags(ws: Workspace) -> list[tuple[str, int]]:
    """Every tag in use with how many contacts carry it, most used first."""
    counts: dict[str, int] = {}
    with ws.db.transaction() as session:
        for contact in store.all_contacts(session, owner_id=ws.owner_id):
            for tag in contact.tags:
                counts[tag] = counts.get(tag, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


PHRASE_FIELDS = ("offers", "needs", "interests", "goals", "phones")


def clean_phrases(values: Sequence[str]) -> list[str]:
    """Trimmed, non-empty phrases, each once (case-insensitively), in the order given."""
    kept: list[str] = []
    for value in values:
        value = " ".join(value.split())
        if value and value.lower() not in (k.lower() for k in kept):
            kept.append(value)
    return kept


def check_emails(emails: Sequence[str]) -> list[str]:
    """The emails, trimmed and each once, or a ``ValueError`` naming one that is not an email."""
    from email_validator import EmailNotValidError, validate_email

    kept: list[str] = []
    for email in emails:
        email = email.strip()
        if not email:
            continue
        try:
            # Syntax only: whether the domain receives mail is not ours to check, and offline.
            # test_environment admits the reserved .test domain that examples and tests use.
            validate_email(email, check_deliverability=False, test_environment=True)
        except EmailNotValidError as exc:
            raise ValueError(f"'{email}' is not an email address: {exc}") from None
        if email.lower() not in (k.lower() for k in kept):
            kept.append(email)
    return kept


def normalise_tags(tags: Sequence[str]) -> list[str]:
    """Lower-case, trimmed, de-duplicated tags; commas inside one value split it."""
    # A dict keeps the first spelling's order and finds repeats in constant time: thousands of
    # tags in one request stay linear.
    kept: dict[str, None] = {}
    for value in tags:
        for tag in value.split(","):
            tag = " ".join(tag.lower().split())
            if tag:
                kept.setdefault(tag)
    return list(kept)


def normalise_url(url: str) -> str:
    url = url.strip()
    if not url:
        return ""
    from mutuals.io.linkedin_url import normalise_linkedin_url

    return normalise_linkedin_url(url)
