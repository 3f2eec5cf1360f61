"""How long stored text may be, how many items a list may hold, and which days are real.

The same limits apply on SQLite (which would store anything) and PostgreSQL (which refuses a
value longer than its column or holding a NUL), so an input is accepted or refused alike on both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

# Wide enough for any real history and plan, narrow enough that "as of" minus the cooling
# look-back, or a start plus the longest cadence or horizon, stays a valid date.
EARLIEST_DAY: Final = date(1900, 1, 1)
LATEST_DAY: Final = date(2999, 12, 31)

# Text columns of a contact, in characters (the column widths of the schema).
CONTACT_TEXT: Final[Mapping[str, int]] = {
    "first_name": 200,
    "last_name": 200,
    "company": 300,
    "position": 300,
    "location": 300,
    "linkedin_url": 500,
    "headline": 500,
    "notes": 20_000,
    "source": 50,
}


@dataclass(frozen=True, slots=True)
class ListLimit:
    """At most ``items`` entries of at most ``chars`` characters each."""

    items: int
    chars: int


CONTACT_LISTS: Final[Mapping[str, ListLimit]] = {
    "emails": ListLimit(items=50, chars=320),
    "phones": ListLimit(items=50, chars=100),
    "tags": ListLimit(items=200, chars=100),
    "interests": ListLimit(items=100, chars=500),
    "offers": ListLimit(items=100, chars=500),
    "needs": ListLimit(items=100, chars=500),
    "goals": ListLimit(items=100, chars=500),
}
# The member's own profile (the owners table).
PROFILE_TEXT: Final[Mapping[str, int]] = {
    "name": 200,
    "headline": 500,
    "industry": 200,
    "location": 300,
}
PROFILE_LISTS: Final[Mapping[str, ListLimit]] = {
    name: CONTACT_LISTS[name] for name in ("interests", "offers", "needs", "goals")
}
MAX_NOTE_CHARS: Final = 20_000
# Caps on one import (settings override them): bytes of a file once uncompressed, rows across its
# files, and characters in one cell. Generous for any real export, small enough to refuse bombs.
IMPORT_MAX_BYTES: Final = 512 * 1024 * 1024
IMPORT_MAX_ROWS: Final = 2_000_000
IMPORT_MAX_CELL_CHARS: Final = 1_000_000
MAX_TAG_CHARS: Final = CONTACT_LISTS["tags"].chars


class FieldError(ValueError):
    """A value that mutuals will not store, naming the field: too long, NUL, or bad Unicode."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"field '{field}': {problem}")
        self.field = field
        self.problem = problem


def text_problem(value: str, limit: int) -> str | None:
    """Why ``value`` cannot be stored in a column of ``limit`` characters, or None if it can.

    The message never repeats the value: it may be personal data, and may be huge.
    """
    if len(value) > limit:
        return f"is {len(value):,} characters long; the limit is {limit:,}"
    if "\x00" in value:
        return "contains a NUL character"
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            # Lone surrogates (from a broken UTF-16 file or a "\ud800" JSON escape) are not
            # text either database can store.
            return "is not valid Unicode text"
    return None


def list_problem(items: Any, limit: ListLimit) -> str | None:
    """Why the list ``items`` cannot be stored under ``limit``, or None if it can."""
    if not isinstance(items, list | tuple):
        return "must be a list of texts"
    if not items:
        return None
    if len(items) > limit.items:
        return f"has {len(items):,} items; the limit is {limit.items:,}"
    for position, item in enumerate(items, 1):
        if not isinstance(item, str):
            return f"item {position} is not a text"
        problem = text_problem(item, limit.chars)
        if problem:
            return f"item {position} {problem}"
    return None


def fields_problem(
    fields: Mapping[str, Any],
    texts: Mapping[str, int],
    lists: Mapping[str, ListLimit],
) -> tuple[str, str] | None:
    """The first ``(field, problem)`` among ``fields`` checked against the given limits."""
    for name, value in fields.items():
        if name in texts:
            if not isinstance(value, str):
                return name, "must be a text"
            if not value:
                continue
            problem = text_problem(value, texts[name])
        elif name in lists:
            problem = list_problem(value, lists[name])
        else:
            continue
        if problem:
            return name, problem
    return None


def check_contact_fields(fields: Mapping[str, Any]) -> None:
    """Raise ``FieldError`` for the first contact field that cannot be stored."""
    found = fields_problem(fields, CONTACT_TEXT, CONTACT_LISTS)
    if found:
        raise FieldError(*found)


def check_text(value: str, field: str, limit: int) -> str:
    """``value`` itself, or ``FieldError`` when it cannot be stored in ``limit`` characters."""
    problem = text_problem(value, limit)
    if problem:
        raise FieldError(field, problem)
    return value


def day_problem(day: date, *, latest: date = LATEST_DAY) -> str | None:
    """Why ``day`` is not a believable date for stored history, or None if it is."""
    if day < EARLIEST_DAY:
        return f"{day.isoformat()} is before {EARLIEST_DAY.isoformat()}"
    if day > latest:
        return f"{day.isoformat()} is after {latest.isoformat()}"
    return None
