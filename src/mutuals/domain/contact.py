"""Records that importers produce and services persist: a contact and an interaction, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(slots=True)
class ContactRecord:
    """One person as read from an export or typed by the member, before it is merged into the store.

    ``source_line`` is the line of the input file the record came from, so that errors and skip
    reasons can name it.
    """

    first_name: str = ""
    last_name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str = ""
    position: str = ""
    location: str = ""
    linkedin_url: str = ""
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    connected_on: date | None = None
    headline: str = ""
    interests: list[str] = field(default_factory=list)
    offers: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    source: str = ""
    source_line: int | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p).strip()


@dataclass(slots=True)
class InteractionRecord:
    """One exchange with one or more people, as read from an export or logged by the member.

    ``counterpart_urls`` and ``counterpart_names`` identify the other people; the service resolves
    them to contacts.
    """

    occurred_at: datetime
    channel: str
    direction: str
    kinds: list[str] = field(default_factory=list)
    summary: str = ""
    source: str = ""
    counterpart_urls: list[str] = field(default_factory=list)
    counterpart_names: list[str] = field(default_factory=list)
    source_line: int | None = None
    # The file the record was read from, so that a skipped row can be found again.
    source_path: str = ""
