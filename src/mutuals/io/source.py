"""Import files read as streams: from disk or from a ZIP member, decoded, line by line, in caps.

A file is read twice: once in chunks to choose its encoding (and to refuse binary data, NULs and
anything over the size cap), and once more to parse it. Memory stays at a chunk and a line, however
large the file, and however much a ZIP member inflates.
"""

from __future__ import annotations

import codecs
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from mutuals.io.csv_text import iter_rows
from mutuals.io.errors import ImportFailure
from mutuals.io.limits import DEFAULT_LIMITS, MB, ImportLimits

CHUNK = 1 << 20
# Binary files (images, archives, spreadsheets) are refused rather than read as mojibake.
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
_BINARY_SHARE = 0.05
_SNIFF = 65536
# A CSV line may hold many cells, each up to the cell cap; a line longer than this many cells'
# worth is refused before it is held in memory.
_CELLS_A_LINE = 4
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


@dataclass(frozen=True, slots=True)
class Source:
    """One file to read: ``name`` is how messages show it (a path, or ``archive.zip/member``)."""

    name: str
    opener: Callable[[], AbstractContextManager[BinaryIO]]
    declared_size: int | None = None

    @contextmanager
    def open(self, limits: ImportLimits = DEFAULT_LIMITS) -> Iterator[_Capped]:
        """The file's bytes, refused at once when its declared size is over the cap."""
        if self.declared_size is not None and self.declared_size > limits.max_bytes:
            raise _too_large(self.name, limits)
        try:
            with self.opener() as handle:
                yield _Capped(handle, name=self.name, max_bytes=limits.max_bytes)
        except ImportFailure:
            raise
        except IsADirectoryError as exc:
            raise ImportFailure("is a folder, not a file", path=self.name) from exc
        except OSError as exc:
            raise ImportFailure(f"cannot read file: {exc.strerror or exc}", path=self.name) from exc
        except _ZIP_ERRORS as exc:
            raise ImportFailure(f"cannot read the ZIP archive: {exc}", path=self.name) from exc


def file_source(path: str | Path) -> Source:
    """A file on disk."""
    where = Path(path)

    def opener() -> AbstractContextManager[BinaryIO]:
        return where.open("rb")

    try:
        size: int | None = where.stat().st_size
    except OSError:
        size = None  # opening it reports the problem with the file's name
    return Source(str(path), opener, size)


def zip_member_source(archive: Path, info: zipfile.ZipInfo) -> Source:
    """A member of a ZIP archive, decompressed as it is read."""

    @contextmanager
    def opener() -> Iterator[BinaryIO]:
        with zipfile.ZipFile(archive) as zf, zf.open(info) as member:
            yield member  # type: ignore[misc]

    # The declared size may lie; the bytes are counted as they inflate, too.
    return Source(f"{archive}/{info.filename}", opener, info.file_size)


def _too_large(name: str, limits: ImportLimits) -> ImportFailure:
    return ImportFailure(
        f"larger than {limits.max_bytes / MB:,.0f} MB once uncompressed; the limit is set by "
        "MUTUALS_IMPORT_MAX_BYTES",
        path=name,
    )


class _Capped(io.RawIOBase):
    """A binary stream that counts what it hands out and refuses past ``max_bytes``."""

    def __init__(self, inner: BinaryIO, *, name: str, max_bytes: int) -> None:
        super().__init__()
        self.inner = inner
        self.name_ = name
        self.max_bytes = max_bytes
        self.total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.inner.read(len(buffer))
        size = len(data)
        buffer[:size] = data
        self.total += size
        if self.total > self.max_bytes:
            raise ImportFailure(
                f"larger than {self.max_bytes / MB:,.0f} MB once uncompressed; the limit is "
                "set by MUTUALS_IMPORT_MAX_BYTES",
                path=self.name_,
            )
        return size


def _chunks(handle: _Capped) -> Iterator[bytes]:
    while chunk := handle.read(CHUNK):
        yield chunk


def _looks_binary(sample: bytes) -> bool:
    return bool(sample) and sum(b in _CONTROL for b in sample) > _BINARY_SHARE * len(sample)


def _not_text(name: str, why: str, line: int | None = None) -> ImportFailure:
    return ImportFailure(f"not a readable text file ({why})", path=name, line=line)


def detect_encoding(source: Source, limits: ImportLimits = DEFAULT_LIMITS) -> str:
    """The encoding to read ``source`` with: UTF-16 (with BOM), UTF-8 (BOM optional), else
    Windows-1252, else Latin-1, which accepts any byte.

    Refuses binary data and NUL characters, whichever encoding carries them, and anything over
    the size cap.
    """
    with source.open(limits) as handle:
        head = handle.read(_SNIFF)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            _check_utf16(source.name, head, handle)
            return "utf-16"
        if _looks_binary(head):
            raise _not_text(source.name, "it looks binary")
        utf8 = codecs.getincrementaldecoder("utf-8")()
        valid = True
        for chunk in _prepend(head, _chunks(handle)):
            if b"\x00" in chunk:
                raise _not_text(source.name, "it looks binary")
            if valid:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    valid = False
        if valid:
            try:
                utf8.decode(b"", final=True)
                return "utf-8-sig"
            except UnicodeDecodeError:
                pass
    return "cp1252" if _decodes(source, "cp1252", limits) else "latin-1"


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


def _check_utf16(name: str, head: bytes, handle: _Capped) -> None:
    decoder = codecs.getincrementaldecoder("utf-16")()
    try:
        for chunk in _prepend(head, _chunks(handle)):
            if "\x00" in decoder.decode(chunk):
                # A NUL spelt in UTF-16 is two zero bytes, which a byte check never sees.
                raise _not_text(name, "it contains NUL characters")
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise _not_text(name, "bad UTF-16") from exc


def _decodes(source: Source, encoding: str, limits: ImportLimits) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    with source.open(limits) as handle:
        try:
            for chunk in _chunks(handle):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


@dataclass(frozen=True, slots=True)
class TextFile:
    """A source with its encoding chosen: its lines can be read, as often as needed."""

    source: Source
    encoding: str
    limits: ImportLimits

    @classmethod
    def of(cls, source: Source, limits: ImportLimits = DEFAULT_LIMITS) -> TextFile:
        return cls(source, detect_encoding(source, limits), limits)

    @property
    def name(self) -> str:
        return self.source.name

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """The file's CSV rows with the line each starts on (see ``iter_rows``)."""
        return iter_rows(self.lines(), path=self.name, max_cell_chars=self.limits.max_cell_chars)

    def lines(self) -> Iterator[str]:
        """Each line with its line ending (CRLF, LF or CR), refusing one longer than the cap."""
        cap = self.limits.max_cell_chars * _CELLS_A_LINE
        with (
            self.source.open(self.limits) as raw,
            io.TextIOWrapper(
                io.BufferedReader(raw, CHUNK),
                encoding=self.encoding,
                newline="",
            ) as text,
        ):
            number = 0
            while True:
                try:
                    line = text.readline(cap + 1)
                except UnicodeDecodeError as exc:
                    # The first pass read it cleanly: the file changed in between.
                    raise _not_text(self.name, "it changed while it was read") from exc
                if not line:
                    return
                number += 1
                if len(line) > cap:
                    raise ImportFailure(
                        f"a line longer than {cap:,} characters; the limit is set by "
                        "MUTUALS_IMPORT_MAX_CELL_CHARS",
                        path=self.name,
                        line=number,
                    )
                yield line
