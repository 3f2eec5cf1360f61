"""vCard files (2.1, 3.0, 4.0; many cards a file) read into contacts, and contacts written as 3.0.

Cards are split and unfolded here, so that every card and error keeps its real line in the file;
vobject reads each card's properties.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import vobject

from mutuals.domain.contact import ContactRecord
from mutuals.io.cells import split_name
from mutuals.io.errors import ImportFailure
from mutuals.io.limits import DEFAULT_LIMITS, ImportLimits, RowBudget
from mutuals.io.linkedin_url import normalise_linkedin_url
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

SOURCE = "vcard"
# A content line: a property name (optionally grouped, "item1.EMAIL"), parameters, then ':'.
_CONTENT_LINE = re.compile(r"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)?(?:;[^:]*)?:")
_QP = re.compile(r";(?:ENCODING=)?QUOTED-PRINTABLE\b", re.IGNORECASE)
# mutuals' own fields, kept as vCard extensions so an export reads back without loss.
_X_LISTS = ("interests", "offers", "needs")
# A card may hold this many cells' worth of text (photos included) before it is refused.
_CELLS_A_CARD = 10
# Record attribute -> the property it comes from, to name it when a value is refused.
_PROPERTIES = {
    "first_name": "N",
    "last_name": "N",
    "emails": "EMAIL",
    "phones": "TEL",
    "company": "ORG",
    "position": "TITLE",
    "location": "ADR",
    "linkedin_url": "URL",
    "tags": "CATEGORIES",
    "notes": "NOTE",
    "headline": "X-MUTUALS-HEADLINE",
    "interests": "X-MUTUALS-INTERESTS",
    "offers": "X-MUTUALS-OFFERS",
    "needs": "X-MUTUALS-NEEDS",
    "connected_on": "X-MUTUALS-CONNECTED-ON",
}


@dataclass(slots=True)
class _Card:
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    ended: bool = False
    chars: int = 0


def read_vcards(
    path: str | Path, *, skip_invalid: bool = False, limits: ImportLimits = DEFAULT_LIMITS
) -> ParseResult:
    """Read every card of a .vcf file into contacts.

    Cards without any name are skipped and listed. A malformed card raises ImportFailure naming
    the file, line and (where one is to blame) the property, or is listed in ``skipped`` when
    ``skip_invalid`` is true.
    """
    return iter_vcards(path, skip_invalid=skip_invalid, limits=limits).collect()


def iter_vcards(
    path: str | Path, *, skip_invalid: bool = False, limits: ImportLimits = DEFAULT_LIMITS
) -> ImportStream:
    """``read_vcards`` as a stream: one card at a time, so a file of any size reads in caps."""
    text = TextFile.of(file_source(path), limits)
    return ImportStream(source=SOURCE, items=_items(text.lines(), text.name, skip_invalid, limits))


def parse_vcards(text: str, *, path: str, skip_invalid: bool = False) -> ParseResult:
    """Parse vCard text (see ``read_vcards``)."""
    lines = iter(text.splitlines(keepends=True))
    return ImportStream(SOURCE, _items(lines, path, skip_invalid, DEFAULT_LIMITS)).collect()


def _items(
    physical: Iterator[str], path: str, skip_invalid: bool, limits: ImportLimits
) -> Iterator[Item]:
    budget = RowBudget(limits)
    found = 0
    for card in _split_cards(_logical_lines(physical, path, limits), path, limits):
        found += 1
        budget.take(path=path, line=card.line)
        try:
            record = _read_card(card)
            if record is not None:
                check_contact(record, limits=limits, columns=_PROPERTIES)
        except InvalidRow as problem:
            line = getattr(problem, "line", None) or card.line
            yield rejected(problem, path=path, line=line, skip_invalid=skip_invalid)
            continue
        if record is None:
            yield Skip(line=card.line, reason="card has no name", path=path)
        else:
            yield record
    if not found:
        raise ImportFailure("no vCards found (expected BEGIN:VCARD ... END:VCARD)", path=path)


def _logical_lines(
    physical: Iterator[str], path: str, limits: ImportLimits
) -> Iterator[tuple[int, str]]:
    """Unfold continuation lines and quoted-printable soft breaks, keeping each start line."""
    cap = limits.max_cell_chars
    pending: tuple[int, str] | None = None
    for number, raw in enumerate(physical, 1):
        line = raw.rstrip("\r\n")
        if pending is not None and line[:1] in (" ", "\t"):
            pending = (pending[0], pending[1] + line[1:])
        elif (
            pending is not None
            and pending[1].endswith("=")
            and _QP.search(pending[1].split(":", 1)[0])
        ):
            pending = (pending[0], pending[1][:-1] + line)
        else:
            if pending is not None:
                yield pending
            pending = (number, line)
        if len(pending[1]) > cap:
            raise ImportFailure(
                f"a property longer than {cap:,} characters; the limit is set by "
                "MUTUALS_IMPORT_MAX_CELL_CHARS",
                path=path,
                line=pending[0],
            )
    if pending is not None:
        yield pending


def _split_cards(
    lines: Iterator[tuple[int, str]], path: str, limits: ImportLimits
) -> Iterator[_Card]:
    cap = limits.max_cell_chars * _CELLS_A_CARD
    current: _Card | None = None
    for number, line in lines:
        key = line.strip().upper()
        if key == "BEGIN:VCARD" and current is None:
            current = _Card(line=number)
        elif current is not None and key == "END:VCARD":
            current.ended = True
            yield current
            current = None
        elif current is not None and line.strip():
            current.lines.append((number, line))
            current.chars += len(line)
            if current.chars > cap:
                raise ImportFailure(
                    f"a card longer than {cap:,} characters; the limit is set by "
                    "MUTUALS_IMPORT_MAX_CELL_CHARS",
                    path=path,
                    line=current.line,
                )
    if current is not None:
        yield current


class _LineProblem(InvalidRow):
    def __init__(self, message: str, line: int, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.line = line


def _read_card(card: _Card) -> ContactRecord | None:
    if not card.ended:
        raise InvalidRow("card is not closed with END:VCARD")
    for number, line in card.lines:
        if not _CONTENT_LINE.match(line):
            raise _LineProblem(f"not a vCard property line: {line[:60]!r}", number)
    try:
        component = vobject.readOne(_card_text(line for _, line in card.lines))
        return _record(component.contents, card.line)
    except InvalidRow:
        raise
    except Exception as exc:
        # vobject raises many exception types on malformed values; all mean "unreadable card".
        message = re.sub(r"^At line \d+: ", "", str(exc)) or type(exc).__name__
        culprit = _culprit(card)
        if culprit is None:
            raise InvalidRow(f"cannot read vCard: {message}") from exc
        number, name = culprit
        raise InvalidRow(
            f"cannot read vCard: property {name} on line {number}: {message}", field=name
        ) from exc


def _card_text(lines: Iterable[str]) -> str:
    return "\r\n".join(["BEGIN:VCARD", *lines, "END:VCARD", ""])


def _culprit(card: _Card) -> tuple[int, str] | None:
    """The first property that cannot be read on its own (bad base64, quoted-printable or
    UTF-8), as its line and name, so that a refusal can say which one to fix."""
    version = [line for _, line in card.lines if line.upper().startswith("VERSION:")][:1]
    for number, line in card.lines:
        try:
            vobject.readOne(_card_text([*version, line]))
        except Exception:
            name = re.split(r"[;:]", line, maxsplit=1)[0].rsplit(".", 1)[-1]
            return number, name.upper()
    return None


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value if _text(v))
    return ""


def _values(contents: dict[str, list[Any]], name: str) -> list[Any]:
    return [line.value for line in contents.get(name, [])]


def _first(contents: dict[str, list[Any]], name: str) -> str:
    for value in _values(contents, name):
        if text := _text(value):
            return text
    return ""


def _list_values(contents: dict[str, list[Any]], name: str) -> list[str]:
    items: dict[str, None] = {}
    for value in _values(contents, name):
        for item in value if isinstance(value, list) else str(value).split(","):
            item = _text(item)
            if item:
                items.setdefault(item)
    return list(items)


def _record(contents: dict[str, list[Any]], line: int) -> ContactRecord | None:
    first = last = ""
    names = _values(contents, "n")
    if names and isinstance(names[0], vobject.vcard.Name):
        name = names[0]
        first = " ".join(filter(None, [_text(name.given), _text(name.additional)]))
        last = _text(name.family)
    if not (first or last):
        first, last = split_name(_first(contents, "fn"))
    if not (first or last):
        return None
    emails = [e.removeprefix("mailto:") for e in map(_text, _values(contents, "email"))]
    phones = [p.removeprefix("tel:") for p in map(_text, _values(contents, "tel"))]
    orgs = _values(contents, "org")
    company = _text(orgs[0][0] if orgs and isinstance(orgs[0], list) and orgs[0] else orgs[:1])
    return ContactRecord(
        first_name=first,
        last_name=last,
        emails=[e for e in emails if "@" in e],
        phones=[p for p in phones if p],
        company=company,
        position=_first(contents, "title") or _first(contents, "role"),
        location=_location(_values(contents, "adr")),
        linkedin_url=_linkedin(contents),
        tags=_list_values(contents, "categories"),
        notes=_first(contents, "note"),
        connected_on=_connected_on(_first(contents, "x-mutuals-connected-on")),
        headline=_first(contents, "x-mutuals-headline"),
        interests=_list_values(contents, "x-mutuals-interests"),
        offers=_list_values(contents, "x-mutuals-offers"),
        needs=_list_values(contents, "x-mutuals-needs"),
        source=SOURCE,
        source_line=line,
    )


def _location(addresses: list[Any]) -> str:
    for adr in addresses:
        if isinstance(adr, vobject.vcard.Address):
            parts = [_text(adr.city), _text(adr.region), _text(adr.country)]
            if text := ", ".join(p for p in parts if p):
                return text
    return ""


def _linkedin(contents: dict[str, list[Any]]) -> str:
    for name in ("url", "x-socialprofile"):
        for value in _values(contents, name):
            try:
                if url := normalise_linkedin_url(_text(value)):
                    return url
            except ValueError:
                continue
    return ""


def _connected_on(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError as exc:
        raise InvalidRow(f"not a date: {text!r}", field="X-MUTUALS-CONNECTED-ON") from exc


def write_vcards(records: Iterable[ContactRecord]) -> str:
    """Write contacts as vCard 3.0 text, one card each, with CRLF line ends."""
    return "".join(_card(record).serialize() for record in records)


def _card(record: ContactRecord) -> Any:
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(family=record.last_name, given=record.first_name)
    card.add("fn").value = record.full_name
    for email in record.emails:
        prop = card.add("email")
        prop.value = email
        prop.type_param = "INTERNET"
    for phone in record.phones:
        card.add("tel").value = phone
    if record.company:
        card.add("org").value = [record.company]
    if record.position:
        card.add("title").value = record.position
    if record.location:
        card.add("adr").value = vobject.vcard.Address(city=record.location)
    if record.linkedin_url:
        card.add("url").value = record.linkedin_url
    if record.notes:
        card.add("note").value = record.notes
    if record.tags:
        card.add("categories").value = list(record.tags)
    if record.headline:
        card.add("x-mutuals-headline").value = record.headline
    for name in _X_LISTS:
        items: list[str] = getattr(record, name)
        if items:
            card.add(f"x-mutuals-{name}").value = ",".join(i.replace(",", " ") for i in items)
    if record.connected_on:
        card.add("x-mutuals-connected-on").value = record.connected_on.isoformat()
    return card
