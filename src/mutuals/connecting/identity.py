"""The same person across shares: by LinkedIn URL, then by email, then by name plus company.

Two different LinkedIn profiles are always two people, however alike their emails or names; the
rules match those of the contact import (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mutuals.domain.person_key import (
    KEY_SEP,
    name_company_key,
    person_key,
    split_person_key,
    url_key,
)

__all__ = [
    "KEY_SEP",
    "PersonRecord",
    "name_company_key",
    "person_key",
    "resolve_keyed",
    "resolve_people",
    "split_person_key",
    "url_key",
]


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """What one share (or my contact list) says about a person."""

    name: str
    company: str = ""
    linkedin_url: str = ""
    emails: tuple[str, ...] = ()


def resolve_people(records: Sequence[PersonRecord]) -> list[int]:
    """The person number of each record: records of the same person share a number.

    Numbers run from 0 in order of first appearance, so earlier records (say, my own contacts,
    given first) name the people. A record matches a known person by normalised LinkedIn URL,
    else by any email (case-insensitive), else by name plus company, never across two
    different URLs. Among namesakes the earliest wins.
    """
    return resolve_keyed(
        [
            (
                url_key(r.linkedin_url),
                sorted({e.strip().casefold() for e in r.emails if e.strip()}),
                name_company_key(r.name, r.company) if r.name.strip() else None,
            )
            for r in records
        ]
    )


def resolve_keyed(
    records: Sequence[tuple[str, list[str], tuple[str, str] | None]],
) -> list[int]:
    """``resolve_people`` on records already normalised: ``(url key, casefolded emails,
    (name key, company key) or None)``, as ``person_key`` stores them."""
    # The rules of _Index, unrolled into local dictionaries: this loop runs once per distinct
    # person of every share, so attribute look-ups and calls are what it costs.
    person_url: list[str] = []
    by_url: dict[str, int] = {}
    by_email: dict[str, int] = {}
    by_name: dict[tuple[str, str], int] = {}
    by_name_without_url: dict[tuple[str, str], int] = {}
    out: list[int] = []
    append = out.append
    for url, emails, key in records:
        person = by_url.get(url) if url else None
        if person is None:
            for email in emails:
                found = by_email.get(email)
                if found is not None and (not url or not person_url[found]):
                    person = found
                    break
        if person is None and key is not None:
            found = (by_name_without_url if url else by_name).get(key)
            if found is not None and (not url or not person_url[found]):
                person = found
        if person is None:
            person = len(person_url)
            person_url.append("")
        if url and not person_url[person]:
            person_url[person] = url
            by_url.setdefault(url, person)
            if key is not None and by_name_without_url.get(key) == person:
                del by_name_without_url[key]
        for email in emails:
            by_email.setdefault(email, person)
        if key is not None:
            by_name.setdefault(key, person)
            if not person_url[person]:
                by_name_without_url.setdefault(key, person)
        append(person)
    return out
