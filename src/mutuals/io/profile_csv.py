"""mutuals' own profile CSV: one person a row with what they offer, need and care about.

Columns (any order, case-insensitive): name (or first name + last name), email, company,
headline, interests, offers, needs, and optionally goals, tags, position, location, linkedin url,
phone, notes, connected on. List cells separate items with ';'.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from mutuals.domain.contact import ContactRecord
from mutuals.io.cells import (
    parse_emails,
    parse_iso_date,
    parse_linkedin,
    split_list,
    split_name,
    unguard,
)
from mutuals.io.csv_text import header_key, iter_rows
from mutuals.io.errors import ImportFailure
from mutuals.io.limits import DEFAULT_LIMITS, ImportLimits, RowBudget
from mutuals.io.result import InvalidRow, Item, ParseResult, check_contact, rejected, stream_of
from mutuals.io.source import TextFile, file_source

SOURCE = "csv:profile"

# Canonical column -> accepted spellings (after header_key normalisation).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name"),
    "first name": ("first name", "given name"),
    "last name": ("last name", "family name", "surname"),
    "email": ("email", "emails", "e-mail"),
    "phone": ("phone", "phones"),
    "company": ("company", "organisation", "organization"),
    "position": ("position", "title", "job title", "role"),
    "headline": ("headline",),
    "location": ("location", "city"),
    "linkedin url": ("linkedin url", "linkedin", "linkedin profile"),
    "interests": ("interests",),
    "offers": ("offers",),
    "needs": ("needs",),
    "goals": ("goals",),
    "tags": ("tags",),
    "notes": ("notes", "note"),
    "connected on": ("connected on",),
}
REQUIRED_COLUMNS = ("name", "email", "company", "headline", "interests", "offers", "needs")
_LOOKUP = {alias: canon for canon, aliases in COLUMN_ALIASES.items() for alias in aliases}


def profile_columns(header: Sequence[str]) -> dict[str, int]:
    """Map canonical column names to their index in a header row (unknown columns are ignored)."""
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        canon = _LOOKUP.get(header_key(name))
        if canon is not None and canon not in found:
            found[canon] = index
    return found


def is_profile_header(header: Sequence[str]) -> bool:
    """Whether a header row names a profile CSV (a name column plus at least one profile field)."""
    columns = profile_columns(header)
    has_name = "name" in columns or "first name" in columns
    profile_only = {"headline", "interests", "offers", "needs", "goals"}
    return has_name and bool(profile_only & columns.keys())


def read_profile_csv(
    path: str | Path, *, skip_invalid: bool = False, limits: ImportLimits = DEFAULT_LIMITS
) -> ParseResult:
    """Read a profile CSV file into contacts.

    Raises ImportFailure naming the file, line and field for the first invalid row, unless
    ``skip_invalid`` is true, in which case invalid rows are listed in ``skipped``.
    """
    text = TextFile.of(file_source(path), limits)
    rows = iter_profile_rows(text.rows(), path=text.name, skip_invalid=skip_invalid, limits=limits)
    return stream_of(SOURCE, rows).collect()


def parse_profile_text(text: str, *, path: str, skip_invalid: bool = False) -> ParseResult:
    """Parse already decoded profile CSV text (see ``read_profile_csv``)."""
    rows = iter_profile_rows(iter_rows(text, path=path), path=path, skip_invalid=skip_invalid)
    return stream_of(SOURCE, rows).collect()


def iter_profile_rows(
    rows: Iterator[tuple[int, list[str]]],
    *,
    path: str,
    skip_invalid: bool = False,
    limits: ImportLimits = DEFAULT_LIMITS,
    budget: RowBudget | None = None,
    header: tuple[int, list[str]] | None = None,
) -> Iterator[Item]:
    """The contacts of a profile CSV's rows (``header`` when the caller has read it already)."""
    header_line, header_cells = header or _first_row(rows, path)
    columns = profile_columns(header_cells)
    if "name" not in columns and "first name" not in columns:
        raise ImportFailure(
            "missing required column 'name'; a profile CSV has the columns "
            + ",".join(REQUIRED_COLUMNS),
            path=path,
            line=header_line,
            field="name",
        )
    budget = budget or RowBudget(limits)
    names = _column_names(columns, header_cells)
    for line, cells in rows:
        budget.take(path=path, line=line)
        try:
            yield check_contact(_contact(cells, columns, line), limits=limits, columns=names)
        except InvalidRow as problem:
            yield rejected(problem, path=path, line=line, skip_invalid=skip_invalid)


def _column_names(columns: dict[str, int], header: list[str]) -> dict[str, str]:
    """Record attribute -> the header cell it was read from, to name it in refusals."""
    names: dict[str, str] = {}
    for attribute in (
        "first_name",
        "last_name",
        "emails",
        "phones",
        "company",
        "position",
        "location",
        "linkedin_url",
        "tags",
        "notes",
        "connected_on",
        "headline",
        "interests",
        "offers",
        "needs",
        "goals",
    ):
        canon = {
            "emails": "email",
            "phones": "phone",
            "linkedin_url": "linkedin url",
            "connected_on": "connected on",
            "first_name": "first name" if "first name" in columns else "name",
            "last_name": "last name" if "last name" in columns else "name",
        }.get(attribute, attribute)
        index = columns.get(canon)
        names[attribute] = (
            header[index].strip().replace("\ufeff", "") if index is not None else canon
        )
    return names


def _first_row(rows: Iterator[tuple[int, list[str]]], path: str) -> tuple[int, list[str]]:
    for line, cells in rows:
        return line, cells
    raise ImportFailure("the file is empty; expected a header row", path=path, line=1)


def _contact(cells: list[str], columns: dict[str, int], line: int) -> ContactRecord:
    def cell(name: str) -> str:
        index = columns.get(name)
        if index is None or index >= len(cells):
            return ""
        return unguard(cells[index].strip())

    first, last = cell("first name"), cell("last name")
    if not (first or last):
        first, last = split_name(cell("name"))
    if not (first or last):
        raise InvalidRow("a name is required", field="name" if "name" in columns else "first name")
    return ContactRecord(
        first_name=first,
        last_name=last,
        emails=parse_emails(cell("email"), "email"),
        phones=split_list(cell("phone")),
        company=cell("company"),
        position=cell("position"),
        location=cell("location"),
        linkedin_url=parse_linkedin(cell("linkedin url"), "linkedin url"),
        tags=split_list(cell("tags")),
        notes=cell("notes"),
        connected_on=parse_iso_date(cell("connected on"), "connected on"),
        headline=cell("headline"),
        interests=split_list(cell("interests")),
        offers=split_list(cell("offers")),
        needs=split_list(cell("needs")),
        goals=split_list(cell("goals")),
        source=SOURCE,
        source_line=line,
    )
