"""LinkedIn data export: connections become contacts; messages and invitations become interactions.

Accepts the export ZIP, its unpacked folder, or a single Connections.csv (or messages.csv or
Invitations.csv).
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mutuals.domain.contact import ContactRecord
from mutuals.io.cells import parse_emails, parse_linkedin
from mutuals.io.csv_text import decode_bytes, iter_rows, read_bytes
from mutuals.io.errors import ImportFailure
from mutuals.io.linkedin_activity import find_header, parse_invitations, parse_messages
from mutuals.io.linkedin_url import normalise_linkedin_url
from mutuals.io.result import InvalidRow, ParseResult, Skip, reject_row

SOURCE = "linkedin"
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
_FILES = {
    "connections.csv": "connections",
    "messages.csv": "messages",
    "invitations.csv": "invitations",
}
# Protects against archives that inflate to far more than any real export.
_MAX_MEMBER_BYTES = 512 * 1024 * 1024
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}

__all__ = ["CONNECTIONS_HEADER", "normalise_linkedin_url", "read_linkedin"]


@dataclass(frozen=True, slots=True)
class _ExportFile:
    kind: str
    path: str
    data: bytes


def read_linkedin(
    path: str | Path, *, skip_invalid: bool = False, member_url: str | None = None
) -> ParseResult:
    """Read a LinkedIn export (ZIP, unpacked folder or single CSV) into contacts and interactions.

    Rows without a name (members who hide themselves) are always skipped and listed. Invalid rows
    raise ImportFailure naming file, line and field, or are listed in ``skipped`` when
    ``skip_invalid`` is true. ``member_url`` names the exporting member's own profile; when absent
    it is worked out from the invitations and messages.
    """
    files = {f.kind: f for f in _export_files(Path(path))}
    result = ParseResult(source=SOURCE)
    if "connections" in files:
        f = files["connections"]
        result.extend(parse_connections(f.data, path=f.path, skip_invalid=skip_invalid))
    member = normalise_linkedin_url(member_url) if member_url else ""
    if "invitations" in files:
        f = files["invitations"]
        invitations, found = parse_invitations(
            decode_bytes(f.data, path=f.path).text, path=f.path, skip_invalid=skip_invalid
        )
        result.extend(invitations)
        member = member or found
    if "messages" in files:
        f = files["messages"]
        text = decode_bytes(f.data, path=f.path).text
        result.extend(
            parse_messages(text, path=f.path, skip_invalid=skip_invalid, member_url=member)
        )
    return result


def parse_connections(data: bytes, *, path: str, skip_invalid: bool = False) -> ParseResult:
    """Parse the bytes of a Connections.csv, finding its header below the "Notes:" preamble."""
    rows = iter_rows(decode_bytes(data, path=path).text, path=path)
    columns = find_header(
        rows, path=path, required=("first name", "last name"), expected=CONNECTIONS_HEADER
    )
    result = ParseResult(source=SOURCE)
    for line, cells in rows:
        try:
            record = _connection(cells, columns, line)
        except InvalidRow as problem:
            reject_row(result, problem, path=path, line=line, skip_invalid=skip_invalid)
            continue
        if record is None:
            result.skipped.append(
                Skip(line=line, reason="no name (LinkedIn hides this member)", path=path)
            )
        else:
            result.contacts.append(record)
    return result


def _connection(
    cells: list[str], columns: dict[str, tuple[int, str]], line: int
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
        emails=parse_emails(cell("email address"), _name(columns, "email address")),
        company=cell("company"),
        position=cell("position"),
        linkedin_url=parse_linkedin(cell("url"), _name(columns, "url")),
        connected_on=parse_connected_on(cell("connected on"), _name(columns, "connected on")),
        source=SOURCE,
        source_line=line,
    )


def _name(columns: dict[str, tuple[int, str]], key: str) -> str:
    return columns.get(key, (-1, key))[1]


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


def _export_files(path: Path) -> Iterator[_ExportFile]:
    if path.is_dir():
        yield from _folder_files(path)
    elif path.is_file() and zipfile.is_zipfile(path):
        yield from _zip_files(path)
    else:
        kind = _FILES.get(path.name.lower(), "connections")
        yield _ExportFile(kind, str(path), read_bytes(path))


def _folder_files(folder: Path) -> Iterator[_ExportFile]:
    found: dict[str, Path] = {}
    # Shallow files first, so a copy in a sub-folder never hides the top-level one.
    for candidate in sorted(folder.rglob("*"), key=lambda p: (len(p.parts), str(p))):
        kind = _FILES.get(candidate.name.lower())
        if kind and kind not in found and candidate.is_file():
            found[kind] = candidate
    if not found:
        raise ImportFailure(_none_found(), path=folder)
    for kind, file in found.items():
        yield _ExportFile(kind, str(file), read_bytes(file))


def _zip_files(archive: Path) -> Iterator[_ExportFile]:
    try:
        with zipfile.ZipFile(archive) as zf:
            members: dict[str, zipfile.ZipInfo] = {}
            infos = sorted(zf.infolist(), key=lambda i: (i.filename.count("/"), i.filename))
            for info in infos:
                kind = _FILES.get(info.filename.rsplit("/", 1)[-1].lower())
                if kind and kind not in members and not info.is_dir():
                    members[kind] = info
            if not members:
                raise ImportFailure(_none_found(), path=archive)
            files = []
            for kind, info in members.items():
                where = f"{archive}/{info.filename}"
                if info.file_size > _MAX_MEMBER_BYTES:
                    raise ImportFailure("file in the archive is too large", path=where)
                files.append(_ExportFile(kind, where, zf.read(info)))
    except ImportFailure:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise ImportFailure(f"cannot read the ZIP archive: {exc}", path=archive) from exc
    except OSError as exc:
        raise ImportFailure(f"cannot read file: {exc.strerror or exc}", path=archive) from exc
    yield from files


def _none_found() -> str:
    return (
        "no LinkedIn export files found; expected Connections.csv, messages.csv or Invitations.csv"
    )
