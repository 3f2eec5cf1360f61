"""Small conversions of CSV cells shared by the importers: lists, emails, dates, formula guards."""

from __future__ import annotations

import re
from datetime import date

from mutuals.io.linkedin_url import normalise_linkedin_url
from mutuals.io.result import InvalidRow

# Spreadsheet programs run cells that start with these as formulas; exports prefix them with "'".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def unguard(cell: str) -> str:
    """Undo the "'" that an export put before a cell so that it would not run as a formula."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r":
        return cell[1:]
    return cell


def guard(cell: str) -> str:
    """Prefix a cell that a spreadsheet would run as a formula with a single quote."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


# "+33 4 76 12 34 56", "+1 (555) 010-9999": a plus, then only digits, spaces, dashes, dots and
# brackets. With no letter, quote, "=", "@" or control character, a spreadsheet that reads it as
# a formula can at most do arithmetic on the digits: it cannot call a function (HYPERLINK,
# WEBSERVICE, DDE) or refer to another cell, in Excel, LibreOffice or Google Sheets alike.
_PHONE = re.compile(r"^\+[0-9][0-9 ().\-]{4,38}[0-9]$")


def is_phone_number(cell: str) -> bool:
    """Whether ``cell`` is an international phone number (with a leading ``+``)."""
    return bool(_PHONE.match(cell))


def guard_phones(cell: str, separator: str = "; ") -> str:
    """``guard`` for a cell of phone numbers: numbers such as "+33 4 …" stay as they are."""
    if all(is_phone_number(part) for part in cell.split(separator)):
        return cell
    return guard(cell)


def split_list(cell: str, separator: str = ";") -> list[str]:
    """Split a list cell into trimmed, non-empty items, keeping their order and dropping repeats."""
    items: dict[str, None] = {}
    for item in cell.split(separator):
        item = item.strip()
        if item:
            items.setdefault(item)
    return list(items)


def parse_emails(cell: str, field: str, separator: str = ";") -> list[str]:
    """Split and check email addresses; a malformed one makes the row invalid."""
    emails = split_list(cell, separator)
    for email in emails:
        if not _EMAIL.match(email):
            raise InvalidRow(f"not an email address: {email!r}", field=field)
    return emails


def parse_linkedin(cell: str, field: str) -> str:
    """Normalise a LinkedIn profile URL cell; a non-profile URL makes the row invalid."""
    try:
        return normalise_linkedin_url(cell)
    except ValueError as exc:
        raise InvalidRow(str(exc), field=field) from exc


def parse_iso_date(cell: str, field: str) -> date | None:
    """Read a ``YYYY-MM-DD`` date; empty gives None, an impossible date makes the row invalid."""
    text = cell.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidRow(f"not a date (expected YYYY-MM-DD): {text!r}", field=field) from exc


def split_name(full: str) -> tuple[str, str]:
    """Split a full name into first name and the rest ("Ludwig van Beethoven" -> Ludwig, van B.).

    Runs of spaces collapse to one, so the stored name is found when typed normally.
    """
    parts = full.split()
    if not parts:
        return "", ""
    return parts[0], " ".join(parts[1:])
