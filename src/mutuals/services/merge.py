"""Recognising the same person across imports: by LinkedIn URL, then email, then name + company."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from mutuals.domain.contact import ContactRecord

LIST_FIELDS = ("emails", "phones", "tags", "interests", "offers", "needs", "goals")
TEXT_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "position",
    "location",
    "linkedin_url",
    "notes",
    "headline",
)
# Every field the merge rules combine.
EDITABLE = (*TEXT_FIELDS, *LIST_FIELDS, "connected_on")


def name_key(first: str, last: str, company: str) -> tuple[str, str]:
    full = " ".join(f"{first} {last}".lower().split())
    return full, " ".join(company.lower().split())


@dataclass(eq=False, slots=True)
class StoredContact:
    """A contact's stored values as plain data; ``id`` is None until it is inserted."""

    values: dict[str, Any]
    id: int | None = None

    def get(self, name: str) -> Any:
        return self.values.get(name)


@dataclass
class ContactIndex:
    """Lookup of known contacts by each identity key, kept up to date as records merge in."""

    by_url: dict[str, StoredContact] = field(default_factory=dict)
    by_email: dict[str, StoredContact] = field(default_factory=dict)
    by_name: dict[tuple[str, str], StoredContact] = field(default_factory=dict)
    # Namesakes without a LinkedIn URL are the only ones a record with a new URL may be.
    by_name_without_url: dict[tuple[str, str], StoredContact] = field(default_factory=dict)

    @classmethod
    def build(cls, contacts: Iterable[StoredContact]) -> ContactIndex:
        index = cls()
        for contact in contacts:
            index.add(contact)
        return index

    def add(self, contact: StoredContact) -> None:
        url = contact.get("linkedin_url") or ""
        if url:
            self.by_url.setdefault(url, contact)
        for email in contact.get("emails") or ():
            self.by_email.setdefault(email.lower(), contact)
        first, last = contact.get("first_name") or "", contact.get("last_name") or ""
        if first or last:
            key = name_key(first, last, contact.get("company") or "")
            self.by_name.setdefault(key, contact)
            if not url:
                self.by_name_without_url.setdefault(key, contact)

    def find(self, record: ContactRecord) -> StoredContact | None:
        """The known contact this record describes, if any.

        Two different LinkedIn profiles are two different people, however alike their email or
        name and company; among namesakes the earliest known one wins.
        """
        url = record.linkedin_url
        if url and url in self.by_url:
            return self.by_url[url]
        for email in record.emails:
            found = self.by_email.get(email.lower())
            if found is not None and _compatible(found, url):
                return found
        key = name_key(record.first_name, record.last_name, record.company)
        candidate = (self.by_name_without_url if url else self.by_name).get(key)
        if candidate is not None and _compatible(candidate, url):
            return candidate
        return None


def _compatible(contact: StoredContact, url: str) -> bool:
    stored = contact.get("linkedin_url") or ""
    return not (url and stored and stored != url)


def new_contact_fields(record: ContactRecord) -> dict[str, Any]:
    """The fields to create a contact from an imported record."""
    fields: dict[str, Any] = {name: getattr(record, name) for name in TEXT_FIELDS}
    for name in LIST_FIELDS:
        fields[name] = _unique(getattr(record, name, []) or [])
    fields["tags"] = _unique(t.lower() for t in record.tags)
    fields["connected_on"] = record.connected_on
    fields["source"] = record.source
    return fields


def changed_fields(stored: StoredContact, record: ContactRecord) -> dict[str, Any]:
    """What an imported record changes on a known contact.

    A non-empty imported value replaces the stored one (a new position, say); an empty one never
    erases what the member already has. Lists are merged, keeping the stored order first.
    """
    changes: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        value = getattr(record, name)
        if value and value != stored.get(name):
            changes[name] = value
    for name in LIST_FIELDS:
        incoming = getattr(record, name, []) or []
        if not incoming:
            continue
        if name == "tags":
            incoming = [t.lower() for t in incoming]
        current = list(stored.get(name) or [])
        merged = _unique([*current, *incoming])
        if merged != current:
            changes[name] = merged
    if record.connected_on and record.connected_on != stored.get("connected_on"):
        changes["connected_on"] = record.connected_on
    return changes


def _unique(items: Iterable[str]) -> list[str]:
    if not items:
        return []
    kept: list[str] = []
    seen: set[str] = set()
    for item in items:
        item = item.strip()
        if item and item.lower() not in seen:
            seen.add(item.lower())
            kept.append(item)
    return kept


def combined_fields(kept: StoredContact, other: StoredContact) -> dict[str, Any]:
    """What merging ``other`` into ``kept`` changes on ``kept``, by the import rules.

    As with an import, an empty value never erases one that is there and lists are merged with
    the kept contact's order first. The member chose which contact to keep, so its non-empty text
    wins over the other's; notes are the exception, both are kept, as nothing typed is lost. The
    earlier connection date wins: the two have known each other since then.
    """
    changes: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        mine, theirs = kept.get(name) or "", other.get(name) or ""
        if name == "notes" and mine and theirs and theirs not in mine:
            changes[name] = f"{mine}\n\n{theirs}"
        elif theirs and not mine:
            changes[name] = theirs
    for name in LIST_FIELDS:
        current = list(kept.get(name) or [])
        merged = _unique([*current, *(other.get(name) or [])])
        if merged != current:
            changes[name] = merged
    dates = [d for d in (kept.get("connected_on"), other.get("connected_on")) if d]
    if dates and min(dates) != kept.get("connected_on"):
        changes["connected_on"] = min(dates)
    return changes
