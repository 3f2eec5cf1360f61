"""LinkedIn data export: connections become contacts; messages and invitations become interactions.

Accepts the export ZIP, its unpacked folder, or a single Connections.csv (or messages.csv or
Invitations.csv). Files are streamed, so an export of any size is read in constant memory.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from mutuals.domain.contact import ContactRecord
from mutuals.io.cells import parse_emails, parse_linkedin
from mutuals.io.errors import ImportFailure
from mutuals.io.limits import DEFAULT_LIMITS, ImportLimits, RowBudget
from mutuals.io.linkedin_activity import (
    Columns,
    MemberFound,
    column_name,
    find_header,
    iter_invitations,
    iter_messages,
)
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
from mutuals.io.source import Source, TextFile, file_source, zip_member_source

SOURCE = "linkedin"
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
_FILES = {
    "connections.csv": "connections",
    "messages.csv": "messages",
    "invitations.csv": "invitations",
}
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# Record attribute -> the Connections.csv column it comes from, to name it in refusals.
_CONNECTION_COLUMNS = {
    "first_name": "first name",
    "last_name": "last name",
    "emails": "email address",
    "company": "company",
    "position": "position",
    "linkedin_url": "url",
    "connected_on": "connected on",
}

__all__ = ["CONNECTIONS_HEADER", "iter_linkedin", "normalise_linkedin_url", "read_linkedin"]


def read_linkedin(
    path: str | Path,
    *,
    skip_invalid: bool = False,
    member_url: str | None = None,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ParseResult:
    """Read a LinkedIn export (ZIP, unpacked folder or single CSV) into contacts and interactions.

    Rows without a name (members who hide themselves) are always skipped and listed. Invalid rows
    raise ImportFailure naming file, line and field, or are listed in ``skipped`` when
    ``skip_invalid`` is true. ``member_url`` names the exporting member's own profile; when absent
    it is worked out from the invitations and messages.
    """
    return iter_linkedin(
        path, skip_invalid=skip_invalid, member_url=member_url, limits=limits
    ).collect()


def iter_linkedin(
    path: str | Path,
    *,
    skip_invalid: bool = False,
    member_url: str | None = None,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ImportStream:
    """``read_linkedin`` as a stream: connections first, then invitations, then messages."""
    return ImportStream(source=SOURCE, items=_items(Path(path), skip_invalid, member_url, limits))


def _items(
    path: Path, skip_invalid: bool, member_url: str | None, limits: ImportLimits
) -> Iterator[Item]:
    sources = _export_sources(path)
    budget = RowBudget(limits)
    # Every file's encoding is settled (and any size or binary refusal made) before a row is read.
    texts = {kind: TextFile.of(source, limits) for kind, source in sources.items()}
    if "connections" in texts:
        yield from iter_connections(texts["connections"], skip_invalid=skip_invalid, budget=budget)
    member = normalise_linkedin_url(member_url) if member_url else ""
    if "invitations" in texts:
        found = MemberFound()
        yield from iter_invitations(
            texts["invitations"], skip_invalid=skip_invalid, budget=budget, found=found
        )
        member = member or found.url
    if "messages" in texts:
        yield from iter_messages(
            texts["messages"], skip_invalid=skip_invalid, budget=budget, member_url=member
        )


def iter_connections(
    text: TextFile, *, skip_invalid: bool = False, budget: RowBudget | None = None
) -> Iterator[Item]:
    """The contacts of a Connections.csv, found below its "Notes:" preamble."""
    path = text.name
    budget = budget or RowBudget(text.limits)
    rows = text.rows()
    columns = find_header(
        rows, path=path, required=("first name", "last name"), expected=CONNECTIONS_HEADER
    )
    names = {attr: column_name(columns, key) for attr, key in _CONNECTION_COLUMNS.items()}
    for line, cells in rows:
        budget.take(path=path, line=line)
        try:
            record = _connection(cells, columns, names, line)
            if record is not None:
                check_contact(record, limits=text.limits, columns=names)
        except InvalidRow as problem:
            yield rejected(problem, path=path, line=line, skip_invalid=skip_invalid)
            continue
        if record is None:
            yield Skip(line=line, reason="no name (LinkedIn hides this member)", path=path)
        else:
            yield record


def _connection(
    cells: list[str], columns: Columns, names: dict[str, str], line: int
) -> ContactRecord | None:
    def cell(key: str) -> str:
        index = columns.get(key, (-1, ""))[0]
        return cells[index].strip() if 0 <= index < len(cells) else ""

    first, last = cell("first name"), cell("last name")
    if not (first or last):
        return None
    return ContactRecord(
        first_name=first,
        last_name=last,
        emails=parse_emails(cell("email address"), column_name(columns, "email address")),
        company=cell("company"),
        position=cell("position"),
        linkedin_url=parse_linkedin(cell("url"), column_name(columns, "url")),
        connected_on=parse_connected_on(cell("connected on"), column_name(columns, "connected on")),
        source=SOURCE,
        source_line=line,
    )


def parse_connected_on(text: str, field: str = "Connected On") -> date | None:
    """Read LinkedIn's ``12 Mar 2021`` (or ISO ``2021-03-12``); empty gives None."""
    if not text:
        return None
    parts = text.split()
    try:
        if len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit():
            month = _MONTHS.get(parts[1][:3].lower())
            if month is not None and len(parts[2]) == 4:
                return date(int(parts[2]), month, int(parts[0]))
        elif len(parts) == 1:
            return date.fromisoformat(text)
    except (ValueError, OverflowError) as exc:
        raise InvalidRow(f"impossible date {text!r}", field=field) from exc
    raise InvalidRow(f"not a date (expected like '12 Mar 2021'): {text!r}", field=field)


def _export_sources(path: Path) -> dict[str, Source]:
    if path.is_dir():
        return _folder_sources(path)
    if path.is_file() and zipfile.is_zipfile(path):
        return _zip_sources(path)
    return {_FILES.get(path.name.lower(), "connections"): file_source(path)}


def _folder_sources(folder: Path) -> dict[str, Source]:
    found: dict[str, Source] = {}
    # Shallow files first, so a copy in a sub-folder never hides the top-level one.
    for candidate in sorted(folder.rglob("*"), key=lambda p: (len(p.parts), str(p))):
        kind = _FILES.get(candidate.name.lower())
        if kind and kind not in found and candidate.is_file():
            found[kind] = file_source(candidate)
    if not found:
        raise ImportFailure(_none_found(), path=folder)
    return found


def _zip_sources(archive: Path) -> dict[str, Source]:
    try:
        with zipfile.ZipFile(archive) as zf:
            members: dict[str, zipfile.ZipInfo] = {}
            infos = sorted(zf.infolist(), key=lambda i: (i.filename.count("/"), i.filename))
            for info in infos:
                kind = _FILES.get(info.filename.rsplit("/", 1)[-1].lower())
                if kind and kind not in members and not info.is_dir():
                    members[kind] = info
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise ImportFailure(f"cannot read the ZIP archive: {exc}", path=archive) from exc
    except OSError as exc:
        raise ImportFailure(f"cannot read file: {exc.strerror or exc}", path=archive) from exc
    if not members:
        raise ImportFailure(_none_found(), path=archive)
    return {kind: zip_member_source(archive, info) for kind, info in members.items()}


def _none_found() -> str:
    return (
        "no LinkedIn export files found; expected Connections.csv, messages.csv or Invitations.csv"
    )
