"""What every parser returns: the records it read and the rows it skipped, with their lines."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from mutuals.domain.contact import ContactRecord, InteractionRecord
from mutuals.io.errors import ImportFailure, locate
from mutuals.io.limits import DEFAULT_LIMITS, ImportLimits, contact_problem, interaction_problem


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


Item = ContactRecord | InteractionRecord | Skip


@dataclass(slots=True)
class ImportStream:
    """What an importer yields, one item at a time, so that a large file is never held whole.

    ``source`` names the format; a reader that learns it from the file's header (a contacts CSV)
    sets it as soon as it has read the header.
    """

    source: str
    items: Iterator[Item]

    def collect(self) -> ParseResult:
        """Read the whole stream into a ``ParseResult`` (for small files and tests)."""
        result = ParseResult(source=self.source)
        for item in self.items:
            if isinstance(item, ContactRecord):
                result.contacts.append(item)
            elif isinstance(item, InteractionRecord):
                result.interactions.append(item)
            else:
                result.skipped.append(item)
        result.source = self.source
        return result


def stream_of(source: str, items: Iterable[Item]) -> ImportStream:
    return ImportStream(source=source, items=iter(items))


class InvalidRow(Exception):
    """One bad row, raised inside a parser, which turns it into a skip or an ImportFailure."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def rejected(problem: InvalidRow, *, path: str, line: int | None, skip_invalid: bool) -> Skip:
    """A bad row as a skip to list, or ImportFailure when invalid rows are not skipped."""
    if not skip_invalid:
        raise ImportFailure(problem.message, path=path, line=line, field=problem.field)
    return Skip(line=line, reason=problem.message, path=path, field=problem.field, invalid=True)


def check_contact(
    record: ContactRecord,
    *,
    limits: ImportLimits = DEFAULT_LIMITS,
    columns: Mapping[str, str] | None = None,
) -> ContactRecord:
    """``record`` itself, or InvalidRow naming the column (``columns`` maps attribute names to the
    file's column names) of the first value mutuals would not store: too long, a NUL, or a date
    outside believable history."""
    found = contact_problem(record, limits)
    if found:
        attribute, problem = found
        raise InvalidRow(problem, field=(columns or {}).get(attribute, attribute))
    return record


def check_interaction(
    record: InteractionRecord,
    *,
    limits: ImportLimits = DEFAULT_LIMITS,
    columns: Mapping[str, str] | None = None,
) -> InteractionRecord:
    """``record`` itself, or InvalidRow naming the column (``columns`` maps ``occurred_at`` and
    ``summary`` to the file's names) when its date or text cannot be stored."""
    found = interaction_problem(record, limits)
    if found:
        attribute, problem = found
        raise InvalidRow(problem, field=(columns or {}).get(attribute, attribute))
    return record
