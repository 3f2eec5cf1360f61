"""Recognising the same person across imports: by LinkedIn URL, then email, then name + company."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from mutuals.domain.contact import ContactRecord
from mutuals.store.models import Contact

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


def name_key(first: str, last: str, company: str) -> tuple[str, str]:
    full = " ".join(f"{first} {last}".lower().split())
    return full, " ".join(company.lower().split())


@dataclass
class ContactIndex:
    """Lookup of existing contacts by each identity key, updated as contacts are added."""

    by_url: dict[str, Contact] = field(default_factory=dict)
    by_email: dict[str, Contact] = field(default_factory=dict)
    by_name: dict[tuple[str, str], Contact] = field(default_factory=dict)

    @classmethod
    def build(cls, contacts: Iterable[Contact]) -> ContactIndex:
        index = cls()
        for contact in contacts:
            index.add(contact)
        return index

    def add(self, contact: Contact) -> None:
        if contact.linkedin_url:
            self.by_url.setdefault(contact.linkedin_url, contact)
        for email in contact.emails:
            self.by_email.setdefault(email.lower(), contact)
        if contact.first_name or contact.last_name:
            key = name_key(contact.first_name, contact.last_name, contact.company)
            self.by_name.setdefault(key, contact)

    def find(self, record: ContactRecord) -> Contact | None:
        """The existing contact this record describes, if any."""
        if record.linkedin_url and record.linkedin_url in self.by_url:
            return self.by_url[record.linkedin_url]
        for email in record.emails:
            found = self.by_email.get(email.lower())
            if found is not None:
                return found
        key = name_key(record.first_name, record.last_name, record.company)
        return self.by_name.get(key)


def new_contact_fields(record: ContactRecord) -> dict[str, Any]:
    """The fields to create a contact from an imported record."""
    fields: dict[str, Any] = {name: getattr(record, name) for name in TEXT_FIELDS}
    for name in LIST_FIELDS:
        fields[name] = _unique(getattr(record, name, []) or [])
    fields["tags"] = _unique(t.lower() for t in record.tags)
    fields["connected_on"] = record.connected_on
    fields["source"] = record.source
    return fields


def changed_fields(contact: Contact, record: ContactRecord) -> dict[str, Any]:
    """What an imported record changes on an existing contact.

    A non-empty imported value replaces the stored one (a new position, say); an empty one never
    erases what the member already has. Lists are merged, keeping the stored order first.
    """
    changes: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        value = getattr(record, name)
        if value and value != getattr(contact, name):
            changes[name] = value
    for name in LIST_FIELDS:
        incoming = getattr(record, name, []) or []
        if name == "tags":
            incoming = [t.lower() for t in incoming]
        merged = _unique([*getattr(contact, name), *incoming])
        if merged != list(getattr(contact, name)):
            changes[name] = merged
    if record.connected_on and record.connected_on != contact.connected_on:
        changes["connected_on"] = record.connected_on
    return changes


def _unique(items: Iterable[str]) -> list[str]:
    kept: list[str] = []
    seen: set[str] = set()
    for item in items:
        item = item.strip()
        if item and item.lower() not in seen:
            seen.add(item.lower())
            kept.append(item)
    return kept
