"""Decoding CSV files and reading their rows with the real 1-based line each row starts on.

Text is read as UTF-8 (with or without BOM, or UTF-16 with BOM); failing that as Windows-1252,
and failing that as Latin-1, which accepts any byte. Files that look binary are rejected.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mutuals.io.errors import ImportFailure
from mutuals.io.limits import DEFAULT_MAX_CELL_CHARS

# Binary files (images, archives, spreadsheets) are rejected rather than read as mojibake.
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
_BINARY_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text read from a file, and the encoding that read it."""

    text: str
    encoding: str


def decode_bytes(data: bytes, *, path: str | Path | None = None) -> DecodedText:
    """Decode CSV bytes: UTF-8 (BOM optional), UTF-16 with BOM, else Windows-1252, else Latin-1.

    Raises ImportFailure when the data looks binary (NUL bytes or many control characters).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportFailure("not a readable text file (bad UTF-16)", path=path) from exc
        if "\x00" in text:
            # A NUL spelt in UTF-16 is two zero bytes, which the byte check below never sees.
            raise ImportFailure("not a readable text file (it contains NUL characters)", path=path)
        return DecodedText(text, "utf-16")
    if b"\x00" in data:
        raise ImportFailure("not a readable text file (it looks binary)", path=path)
    sample = data[:65536]
    if sample and sum(b in _CONTROL for b in sample) > _BINARY_SHARE * len(sample):
        raise ImportFailure("not a readable text file (it looks binary)", path=path)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return DecodedText(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    return DecodedText(data.decode("latin-1"), "latin-1")


def read_bytes(path: str | Path) -> bytes:
    """Read a whole file, turning OS errors into ImportFailure."""
    try:
        return Path(path).read_bytes()
    except IsADirectoryError as exc:
        raise ImportFailure("is a folder, not a file", path=path) from exc
    except OSError as exc:
        raise ImportFailure(f"cannot read file: {exc.strerror or exc}", path=path) from exc


def read_text(path: str | Path) -> DecodedText:
    """Read and decode a CSV file (see ``decode_bytes``)."""
    return decode_bytes(read_bytes(path), path=path)


def iter_rows(
    text: str | Iterable[str],
    *,
    path: str | Path | None = None,
    max_cell_chars: int = DEFAULT_MAX_CELL_CHARS,
) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line, cells)`` for each CSV row, ``line`` being where the row starts (1-based).

    ``text`` is the whole text or its lines (with their line endings). Quoted fields may span
    lines; the line numbers account for that. Blank lines are not yielded. Malformed CSV, or a
    cell longer than ``max_cell_chars``, raises ImportFailure at the line where the reader stopped.
    """
    lines = io.StringIO(text, newline="") if isinstance(text, str) else text
    # The csv module's cap is process-wide; every reader sets it to its own import's cap, and the
    # reader refuses a longer cell before holding it (a quoted cell may span many lines).
    csv.field_size_limit(max_cell_chars)
    reader = csv.reader(lines, strict=False)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise ImportFailure(
                    f"a cell longer than {max_cell_chars:,} characters; the limit is set by "
                    "MUTUALS_IMPORT_MAX_CELL_CHARS",
                    path=path,
                    line=reader.line_num,
                ) from exc
            raise ImportFailure(f"malformed CSV: {exc}", path=path, line=reader.line_num) from exc
        if "".join(row).strip():
            yield start, row
        start = reader.line_num + 1


def header_key(name: str) -> str:
    """Normalise a column name for matching: case, spacing, underscores and stray BOMs."""
    return " ".join(name.replace("\ufeff", "").replace("_", " ").strip().lower().split())
