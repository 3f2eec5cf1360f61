"""Caps on what one import may hold: bytes once uncompressed, rows, characters a cell, and days.

A file over a cap is refused as soon as the cap is passed (for a ZIP member whose header
declares too much, before anything is decompressed), so a small archive that inflates to
gigabytes, or one enormous cell, costs no more memory than the cap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Final

from mutuals.domain.contact import ContactRecord, InteractionRecord
from mutuals.domain.limits import (
    CONTACT_LISTS,
    CONTACT_TEXT,
    EARLIEST_DAY,
    IMPORT_MAX_BYTES,
    IMPORT_MAX_CELL_CHARS,
    IMPORT_MAX_ROWS,
    LATEST_DAY,
    MAX_NOTE_CHARS,
    day_problem,
    list_problem,
    text_problem,
)
from mutuals.io.errors import ImportFailure

MB: Final = 1024 * 1024
DEFAULT_MAX_BYTES: Final = IMPORT_MAX_BYTES
DEFAULT_MAX_ROWS: Final = IMPORT_MAX_ROWS
DEFAULT_MAX_CELL_CHARS: Final = IMPORT_MAX_CELL_CHARS
# Clocks run a little fast and the day is already tomorrow somewhere: a date up to two days after
# "today" is taken as today's, anything later as a mistake.
FUTURE_SLACK: Final = timedelta(days=2)


@dataclass(frozen=True, slots=True)
class ImportLimits:
    """What one import may hold. ``latest_day`` is the last believable day of history."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_rows: int = DEFAULT_MAX_ROWS
    max_cell_chars: int = DEFAULT_MAX_CELL_CHARS
    earliest_day: date = EARLIEST_DAY
    latest_day: date = LATEST_DAY

    @classmethod
    def as_of(
        cls,
        today: date,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_rows: int = DEFAULT_MAX_ROWS,
        max_cell_chars: int = DEFAULT_MAX_CELL_CHARS,
    ) -> ImportLimits:
        """Limits for an import run on ``today``: no history after it (beyond the slack)."""
        return cls(
            max_bytes=max_bytes,
            max_rows=max_rows,
            max_cell_chars=max_cell_chars,
            latest_day=min(today + FUTURE_SLACK, LATEST_DAY),
        )

    def date_problem(self, day: date) -> str | None:
        """Why ``day`` is not a believable date of history, or None."""
        if day < self.earliest_day:
            return f"{day.isoformat()} is before {self.earliest_day.isoformat()}"
        return day_problem(day, latest=self.latest_day)


DEFAULT_LIMITS: Final = ImportLimits()
_TEXTS: Final = tuple(CONTACT_TEXT.items())
_LISTS: Final = tuple(CONTACT_LISTS.items())


@dataclass(slots=True)
class RowBudget:
    """Counts the rows (or cards) of one import across all its files, refusing past the cap."""

    limits: ImportLimits
    used: int = field(default=0)

    def take(self, *, path: str, line: int | None) -> None:
        self.used += 1
        if self.used > self.limits.max_rows:
            raise ImportFailure(
                f"more than {self.limits.max_rows:,} rows; the limit is set by "
                "MUTUALS_IMPORT_MAX_ROWS",
                path=path,
                line=line,
            )


def contact_problem(
    record: ContactRecord, limits: ImportLimits = DEFAULT_LIMITS
) -> tuple[str, str] | None:
    """The first ``(attribute, problem)`` of a record mutuals would not store, or None."""
    # Called for every row of every import: empty values (most of them) cost one test each, and
    # the usual short, clean text three C-level tests, with no function call.
    for name, limit in _TEXTS:
        value = getattr(record, name)
        if value and (len(value) > limit or "\x00" in value or not value.isascii()):
            problem = text_problem(value, limit)
            if problem:
                return name, problem
    for name, items in _LISTS:
        value = getattr(record, name)
        if value:
            problem = list_problem(value, items)
            if problem:
                return name, problem
    if record.connected_on is not None:
        problem = limits.date_problem(record.connected_on)
        if problem:
            return "connected_on", f"impossible date: {problem}"
    return None


def moment_problem(moment: datetime, limits: ImportLimits = DEFAULT_LIMITS) -> str | None:
    """Why an interaction's moment is not believable history, or None."""
    problem = limits.date_problem(moment.date())
    return f"impossible date: {problem}" if problem else None


def interaction_problem(
    record: InteractionRecord, limits: ImportLimits = DEFAULT_LIMITS
) -> tuple[str, str] | None:
    """The ``(attribute, problem)`` of an imported interaction that cannot be stored, or None."""
    problem = text_problem(record.summary, MAX_NOTE_CHARS)
    if problem:
        return "summary", f"the text {problem}"
    problem = moment_problem(record.occurred_at, limits)
    return ("occurred_at", problem) if problem else None
