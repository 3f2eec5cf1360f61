"""The same person across shares: by LinkedIn URL, then by email, then by name plus company.

Two different LinkedIn profiles are always two people, however alike their emails or names; the
rules match those of the contact import (docs/architecture.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from mutuals.domain.linkedin_url import normalise_linkedin_url


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """What one share (or my contact list) says about a person."""

    name: str
    company: str = ""
    linkedin_url: str = ""
    emails: tuple[str, ...] = ()


# Stored URLs are already in this form; recognising it is much cheaper than normalising.
_CANONICAL = re.compile(r"https://www\.linkedin\.com/in/[^/?#%\sA-Z]+")


def url_key(url: str) -> str:
    """The normalised profile URL, or "" when the text is empty or not a profile URL."""
    if not url or _CANONICAL.fullmatch(url):
        return url
    try:
        return normalise_linkedin_url(url)
    except ValueError:
        return ""


def name_company_key(name: str, company: str) -> tuple[str, str]:
    """Name and company compared without case or spacing differences."""
    return " ".join(name.casefold().split()), " ".join(company.casefold().split())


@dataclass(slots=True)
class _Person:
    url: str = ""


@dataclass(slots=True)
class _Index:
    people: list[_Person] = field(default_factory=list)
    by_url: dict[str, int] = field(default_factory=dict)
    by_email: dict[str, int] = field(default_factory=dict)
    by_name: dict[tuple[str, str], int] = field(default_factory=dict)
    by_name_without_url: dict[tuple[str, str], int] = field(default_factory=dict)

    def compatible(self, person: int, url: str) -> bool:
        known = self.people[person].url
        return not (url and known and known != url)

    def find(self, url: str, emails: list[str], key: tuple[str, str] | None) -> int | None:
        if url and url in self.by_url:
            return self.by_url[url]
        for email in emails:
            found = self.by_email.get(email)
            if found is not None and self.compatible(found, url):
                return found
        if key is not None:
            # A record with a URL may only be a namesake who has none yet.
            found = (self.by_name_without_url if url else self.by_name).get(key)
            if found is not None and self.compatible(found, url):
                return found
        return None

    def add(self, person: int, url: str, emails: list[str], key: tuple[str, str] | None) -> None:
        if url and not self.people[person].url:
            self.people[person].url = url
            self.by_url.setdefault(url, person)
            if key is not None and self.by_name_without_url.get(key) == person:
                del self.by_name_without_url[key]
        for email in emails:
            self.by_email.setdefault(email, person)
        if key is not None:
            self.by_name.setdefault(key, person)
            if not self.people[person].url:
                self.by_name_without_url.setdefault(key, person)


def resolve_people(records: Sequence[PersonRecord]) -> list[int]:
    """The person number of each record: records of the same person share a number.

    Numbers run from 0 in order of first appearance, so earlier records (say, my own contacts,
    given first) name the people. A record matches a known person by normalised LinkedIn URL,
    else by any email (case-insensitive), else by name plus company, never across two
    different URLs. Among namesakes the earliest wins.
    """
    index = _Index()
    out: list[int] = []
    for record in records:
        url = url_key(record.linkedin_url)
        emails = sorted({e.strip().casefold() for e in record.emails if e.strip()})
        key = name_company_key(record.name, record.company) if record.name.strip() else None
        person = index.find(url, emails, key)
        if person is None:
            person = len(index.people)
            index.people.append(_Person())
        index.add(person, url, emails, key)
        out.append(person)
    return out
