"""A shared network file: ``name,company,position,linkedin_url,strength`` for each person one knows.

What a member sends a friend so that the friend can find warm paths through them. It never holds
emails, phones, notes or interactions; a file that has such columns is read without them.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mutuals.domain.limits import CONTACT_TEXT
from mutuals.io.cells import guard, unguard
from mutuals.io.csv_text import header_key, iter_rows
from mutuals.io.errors import ImportFailure
from mutuals.io.limits import DEFAULT_LIMITS, ImportLimits, RowBudget
from mutuals.io.linkedin_url import normalise_linkedin_url
from mutuals.io.source import TextFile, file_source

NETWORK_COLUMNS = ("name", "company", "position", "linkedin_url", "strength")
REQUIRED = ("name", "strength")
MAX_TEXT = 300


@dataclass(frozen=True, slots=True)
class SharedPerson:
    """One person of a shared network and the sharer's tie strength to them, in (0, 1]."""

    name: str
    company: str = ""
    position: str = ""
    linkedin_url: str = ""
    strength: float = 1.0
    line: int = 0


def write_network_csv(people: Iterable[SharedPerson]) -> bytes:
    """The people as a network CSV: UTF-8 with BOM, CRLF, formula-like cells neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(NETWORK_COLUMNS)
    for p in people:
        cells = [p.name, p.company, p.position, p.linkedin_url]
        writer.writerow([*(guard(c) for c in cells), f"{p.strength:.3f}"])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def read_network_csv(
    path: str | Path, *, limits: ImportLimits = DEFAULT_LIMITS
) -> list[SharedPerson]:
    """Read a network CSV; the first bad row raises ImportFailure naming file, line and field.

    The import caps apply (size once uncompressed, rows, characters a cell).
    """
    text = TextFile.of(file_source(path), limits)
    return _people(text.rows(), path=text.name, budget=RowBudget(limits))


def _columns(header: list[str], path: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = header_key(name).replace(" ", "_")
        if key in NETWORK_COLUMNS and key not in found:
            found[key] = index
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        raise ImportFailure(
            f"missing column {', '.join(missing)}; expected {','.join(NETWORK_COLUMNS)}",
            path=path,
            line=1,
        )
    return found


def _strength(cell: str, *, path: str, line: int) -> float:
    try:
        value = float(cell)
    except ValueError:
        value = math.nan
    if not (0.0 < value <= 1.0):
        raise ImportFailure(
            f"must be a number in (0, 1], not {cell!r}", path=path, line=line, field="strength"
        )
    return value


def parse_network_text(text: str, *, path: str) -> list[SharedPerson]:
    """Parse the text of a network CSV (see ``read_network_csv``)."""
    return _people(iter_rows(text, path=path), path=path, budget=RowBudget(DEFAULT_LIMITS))


def _people(
    rows: Iterator[tuple[int, list[str]]], *, path: str, budget: RowBudget
) -> list[SharedPerson]:
    first = next(rows, None)
    if first is None:
        raise ImportFailure("the file is empty; expected a header row", path=path)
    columns = _columns(first[1], path)
    people = []
    for line, cells in rows:
        budget.take(path=path, line=line)

        def cell(name: str, cells: list[str] = cells) -> str:
            at = columns.get(name)
            return unguard(cells[at]).strip() if at is not None and at < len(cells) else ""

        name = " ".join(cell("name").split())
        if not name:
            raise ImportFailure("a person needs a name", path=path, line=line, field="name")
        for field in ("name", "company", "position"):
            if len(cell(field)) > MAX_TEXT:
                raise ImportFailure(
                    f"longer than {MAX_TEXT} characters", path=path, line=line, field=field
                )
        try:
            url = normalise_linkedin_url(cell("linkedin_url"))
        except ValueError as exc:
            raise ImportFailure(str(exc), path=path, line=line, field="linkedin_url") from exc
        if len(url) > CONTACT_TEXT["linkedin_url"]:
            raise ImportFailure(
                f"longer than {CONTACT_TEXT['linkedin_url']} characters",
                path=path,
                line=line,
                field="linkedin_url",
            )
        people.append(
            SharedPerson(
                name=name,
                company=cell("company"),
                position=cell("position"),
                linkedin_url=url,
                strength=_strength(cell("strength"), path=path, line=line),
                line=line,
            )
        )
    return people
