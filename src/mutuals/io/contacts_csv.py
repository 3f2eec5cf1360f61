"""Address-book CSV files (Google Contacts, Outlook, mutuals' profile CSV) in, and CSV out.

The format is recognised from the header row. The export is UTF-8 with a BOM, so that Excel reads
it as UTF-8, and cells that a spreadsheet would run as formulas are neutralised.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from mutuals.domain.contact import ContactRecord
from mutuals.io.cells import guard, guard_phones, split_list, split_name
from mutuals.io.csv_text import header_key
from mutuals.io.errors import ImportFailure
from mutuals.io.limits import DEFAULT_LIMITS, ImportLimits, RowBudget
from mutuals.io.linkedin_url import normalise_linkedin_url
from mutuals.io.profile_csv import REQUIRED_COLUMNS, is_profile_header, iter_profile_rows
from mutuals.io.profile_csv import SOURCE as PROFILE_SOURCE
from mutuals.io.result import (
    ImportStream,
    InvalidRow,
    Item,
    ParseResult,
    Skip,
    check_contact,
    rejected,
)
from mutuals.io.source import TextFile, file_source

GOOGLE_HEADER = "First Name,Last Name,E-mail 1 - Value,Phone 1 - Value,Organization Name,..."
OUTLOOK_HEADER = "First Name,Last Name,E-mail Address,Mobile Phone,Company,Job Title,..."
EXPORT_COLUMNS = (
    "first name",
    "last name",
    "email",
    "phone",
    "company",
    "position",
    "headline",
    "location",
    "linkedin url",
    "tags",
    "interests",
    "offers",
    "needs",
    "notes",
    "connected on",
)
_GOOGLE_MULTI = " ::: "
_GOOGLE_EMAIL = re.compile(r"^e-mail \d+ - value$")
_GOOGLE_PHONE = re.compile(r"^phone \d+ - value$")
_GOOGLE_WEB = re.compile(r"^website \d+ - value$")
_OUTLOOK_PHONES = (
    "mobile phone",
    "business phone",
    "business phone 2",
    "home phone",
    "home phone 2",
    "primary phone",
    "other phone",
    "company main phone",
)

Cell = Callable[[str], str]
# Record attribute -> the column a refusal names (the first of several that feed it).
GOOGLE_NAMES = {
    "first_name": "First Name",
    "last_name": "Last Name",
    "emails": "E-mail 1 - Value",
    "phones": "Phone 1 - Value",
    "company": "Organization Name",
    "position": "Organization Title",
    "location": "Address 1 - City",
    "linkedin_url": "Website 1 - Value",
    "tags": "Labels",
    "notes": "Notes",
}
OUTLOOK_NAMES = {
    "first_name": "First Name",
    "last_name": "Last Name",
    "emails": "E-mail Address",
    "phones": "Mobile Phone",
    "company": "Company",
    "position": "Job Title",
    "location": "Business City",
    "linkedin_url": "Web Page",
    "tags": "Categories",
    "notes": "Notes",
}


def read_contacts_csv(
    path: str | Path, *, skip_invalid: bool = False, limits: ImportLimits = DEFAULT_LIMITS
) -> ParseResult:
    """Read a Google Contacts, Outlook or profile CSV into contacts, recognising it by its header.

    Rows without a name are skipped and listed. An unknown header raises ImportFailure naming the
    file and the columns each known format has. A value mutuals would not store (too long, say)
    makes its row invalid: the import is refused, or the row listed with ``skip_invalid``.
    """
    return iter_contacts_csv(path, skip_invalid=skip_invalid, limits=limits).collect()


def iter_contacts_csv(
    path: str | Path, *, skip_invalid: bool = False, limits: ImportLimits = DEFAULT_LIMITS
) -> ImportStream:
    """``read_contacts_csv`` as a stream; the header is read at once, to name the format."""
    text = TextFile.of(file_source(path), limits)
    where = text.name
    rows = text.rows()
    first = next(rows, None)
    if first is None:
        raise ImportFailure("the file is empty; expected a header row", path=where, line=1)
    header_line, header = first
    keys = [header_key(h) for h in header]
    if is_profile_header(header):
        items = iter_profile_rows(
            rows, path=where, skip_invalid=skip_invalid, limits=limits, header=first
        )
        return ImportStream(source=PROFILE_SOURCE, items=items)
    if "e-mail 1 - value" in keys or "given name" in keys or "organization name" in keys:
        source, read_row, names = "csv:google", _google, GOOGLE_NAMES
    elif "e-mail address" in keys or ("first name" in keys and "job title" in keys):
        source, read_row, names = "csv:outlook", _outlook, OUTLOOK_NAMES
    else:
        raise ImportFailure(
            "unrecognised CSV header; expected Google Contacts columns ("
            + GOOGLE_HEADER
            + "), Outlook columns ("
            + OUTLOOK_HEADER
            + ") or a profile CSV ("
            + ",".join(REQUIRED_COLUMNS)
            + ")",
            path=where,
            line=header_line,
        )
    items = _address_book_rows(rows, keys, read_row, source, names, where, skip_invalid, limits)
    return ImportStream(source=source, items=items)


def _address_book_rows(
    rows: Iterator[tuple[int, list[str]]],
    keys: list[str],
    read_row: Callable[[Cell, list[str]], ContactRecord | None],
    source: str,
    names: dict[str, str],
    where: str,
    skip_invalid: bool,
    limits: ImportLimits,
) -> Iterator[Item]:
    index = {key: i for i, key in reversed(list(enumerate(keys)))}
    budget = RowBudget(limits)
    for line, cells in rows:
        budget.take(path=where, line=line)

        def cell(key: str, cells: list[str] = cells) -> str:
            i = index.get(key, -1)
            return cells[i].strip() if 0 <= i < len(cells) else ""

        record = read_row(cell, keys)
        if record is None:
            yield Skip(line=line, reason="no name", path=where)
            continue
        record.source, record.source_line = source, line
        try:
            yield check_contact(record, limits=limits, columns=names)
        except InvalidRow as problem:
            yield rejected(problem, path=where, line=line, skip_invalid=skip_invalid)


def _names(
    cell: Cell, first_key: str, middle_key: str, last_key: str, *full: str
) -> tuple[str, str]:
    first = " ".join(filter(None, [cell(first_key), cell(middle_key)]))
    last = cell(last_key)
    for key in full:
        if first or last:
            break
        first, last = split_name(cell(key))
    return first, last


def _linkedin(values: Iterable[str]) -> str:
    for value in values:
        try:
            if url := normalise_linkedin_url(value):
                return url
        except ValueError:
            continue
    return ""


def _emails(values: Iterable[str]) -> list[str]:
    # Exchange exports hold internal addresses such as "/o=ExchangeLabs/..."; they reach nobody.
    return [v for v in dict.fromkeys(values) if "@" in v]


def _google(cell: Cell, keys: list[str]) -> ContactRecord | None:
    first, last = _names(
        cell,
        "first name" if "first name" in keys else "given name",
        "middle name" if "middle name" in keys else "additional name",
        "last name" if "last name" in keys else "family name",
        "name",
        "file as",
        "nickname",
    )
    if not (first or last):
        return None

    def multi(pattern: re.Pattern[str]) -> list[str]:
        return [v for k in keys if pattern.match(k) for v in split_list(cell(k), _GOOGLE_MULTI)]

    labels = split_list(cell("labels") or cell("group membership"), _GOOGLE_MULTI)
    city = cell("address 1 - city")
    country = cell("address 1 - country")
    return ContactRecord(
        first_name=first,
        last_name=last,
        emails=_emails(multi(_GOOGLE_EMAIL)),
        phones=list(dict.fromkeys(multi(_GOOGLE_PHONE))),
        company=cell("organization name") or cell("organization 1 - name"),
        position=cell("organization title") or cell("organization 1 - title"),
        location=", ".join(p for p in (city, country) if p),
        linkedin_url=_linkedin(multi(_GOOGLE_WEB)),
        # "* myContacts" and "* starred" are Google's own groups, not the member's tags.
        tags=[label for label in labels if not label.startswith("* ")],
        notes=cell("notes"),
    )


def _outlook(cell: Cell, keys: list[str]) -> ContactRecord | None:
    first, last = _names(cell, "first name", "middle name", "last name", "display name")
    if not (first or last):
        return None
    city = cell("business city") or cell("home city")
    country = cell("business country/region") or cell("home country/region")
    return ContactRecord(
        first_name=first,
        last_name=last,
        emails=_emails(cell(k) for k in ("e-mail address", "e-mail 2 address", "e-mail 3 address")),
        phones=list(dict.fromkeys(p for p in map(cell, _OUTLOOK_PHONES) if p)),
        company=cell("company"),
        position=cell("job title"),
        location=", ".join(p for p in (city, country) if p),
        linkedin_url=_linkedin([cell("web page")]),
        tags=split_list(cell("categories")),
        notes=cell("notes"),
    )


def write_contacts_csv(records: Iterable[ContactRecord]) -> bytes:
    """Write contacts as a profile CSV: UTF-8 with BOM, CRLF, formula-like cells neutralised.

    The file reads back with ``read_contacts_csv`` to the same contacts.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for r in records:
        row = [
            r.first_name,
            r.last_name,
            "; ".join(r.emails),
            "; ".join(r.phones),
            r.company,
            r.position,
            r.headline,
            r.location,
            r.linkedin_url,
            "; ".join(r.tags),
            "; ".join(r.interests),
            "; ".join(r.offers),
            "; ".join(r.needs),
            r.notes,
            r.connected_on.isoformat() if r.connected_on else "",
        ]
        cells = [guard(value) for value in row]
        cells[3] = guard_phones(row[3])
        writer.writerow(cells)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
