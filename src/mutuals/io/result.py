"""What every parser returns: the records it read and the rows it skipped, with their lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from mutuals.domain.contact import ContactRecord, InteractionRecord
from mutuals.io.errors import ImportFailure, locate


@dataclass(frozen=True, slots=True)
class Skip:
    """A row left out of an import, with where it was and why."""

    line: int | None
    reason: str
    path: str = ""
    field: str | None = None
    # True for a row with a bad value (skipped only with skip_invalid), False for a rule such
    # as "LinkedIn hides this member".
    invalid: bool = False

    def describe(self) -> str:
        """Render as ``file:line: field 'X': reason`` (as ``ImportFailure`` does) for summaries."""
        return locate(self.reason, path=self.path, line=self.line, field=self.field)


@dataclass(slots=True)
class ParseResult:
    """The outcome of reading one import: contacts, interactions and skipped rows.

    ``source`` names the format ("linkedin", "vcard", "csv:google", ...).
    """

    source: str
    contacts: list[ContactRecord] = field(default_factory=list)
    interactions: list[InteractionRecord] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)

    def extend(self, other: ParseResult) -> None:
        """Add another result's records and skips to this one."""
        self.contacts.extend(other.contacts)
        self.interactions.extend(other.interactions)
        self.skipped.extend(other.skipped)


class InvalidRow(Exception):
    """One bad row, raised inside a parser, which turns it into a skip or an ImportFailure."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def reject_row(
    result: ParseResult,
    problem: InvalidRow,
    *,
    path: str,
    line: int | None,
    skip_invalid: bool,
) -> None:
    """Record a bad row as skipped, or raise ImportFailure when invalid rows are not skipped."""
    if not skip_invalid:
        raise ImportFailure(problem.message, path=path, line=line, field=problem.field)
    result.skipped.append(
        Skip(line=line, reason=problem.message, path=path, field=problem.field, invalid=True)
    )
