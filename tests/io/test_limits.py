"""Hostile import files are refused early and clearly: sizes, rows, cells, lines, NULs, dates."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

import pytest

from mutuals.io import ImportFailure, read_contacts_csv, read_linkedin, read_vcards
from mutuals.io.limits import ImportLimits
from mutuals.io.source import Source, TextFile

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
TODAY = date(2026, 11, 26)


def connections(tmp_path: Path, *rows: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "Connections.csv"
    path.write_bytes((HEADER + "".join(r + "\r\n" for r in rows)).encode(encoding))
    return path


def test_a_name_longer_than_the_column_names_the_field_not_the_value(tmp_path: Path) -> None:
    path = connections(tmp_path, "Ada,Lovelace,,,,,", "A" * 201 + ",B,,,,,")
    with pytest.raises(ImportFailure) as caught:
        read_linkedin(path)
    assert (caught.value.line, caught.value.field) == (3, "First Name")
    assert "201 characters long; the limit is 200" in caught.value.message
    assert "AAAA" not in str(caught.value)
    result = read_linkedin(path, skip_invalid=True)
    assert [c.first_name for c in result.contacts] == ["Ada"]


def test_a_nul_spelt_in_utf16_is_refused(tmp_path: Path) -> None:
    path = connections(tmp_path, "Ada,Lo\x00velace,,,,,", encoding="utf-16")
    with pytest.raises(ImportFailure, match="NUL"):
        read_linkedin(path)


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("31 Dec 9999", "9999-12-31 is after 2026-11-28"),
        ("29 Nov 2026", "2026-11-29 is after 2026-11-28"),
        ("01 Jan 1899", "1899-01-01 is before 1900-01-01"),
    ],
)
def test_dates_outside_believable_history_are_refused(
    tmp_path: Path, cell: str, problem: str
) -> None:
    path = connections(tmp_path, f"Ada,Lovelace,,,,,{cell}")
    with pytest.raises(ImportFailure) as caught:
        read_linkedin(path, limits=ImportLimits.as_of(TODAY))
    assert caught.value.field == "Connected On" and problem in caught.value.message
    # Two days of slack for time zones and clocks a little fast.
    ok = connections(tmp_path, "Ada,Lovelace,,,,,28 Nov 2026")
    assert read_linkedin(ok, limits=ImportLimits.as_of(TODAY)).contacts


def test_a_message_from_the_year_9999_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    path.write_text("FROM,SENDER PROFILE URL,DATE,CONTENT\nAda,,9999-12-31 10:00:00 UTC,hi\n")
    with pytest.raises(ImportFailure) as caught:
        read_linkedin(path, limits=ImportLimits.as_of(TODAY))
    assert caught.value.field == "DATE" and "impossible date" in caught.value.message


def test_a_zip_member_declaring_more_than_the_cap_is_refused_before_inflating(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Connections.csv", HEADER + "Ada,L,,,,,\r\n" * 200_000)
    assert archive.stat().st_size < 100_000
    limits = ImportLimits(max_bytes=1024 * 1024)
    with pytest.raises(ImportFailure, match="larger than 1 MB once uncompressed") as caught:
        read_linkedin(archive, limits=limits)
    assert caught.value.path == f"{archive}/Connections.csv"


def test_a_declared_size_over_the_cap_is_refused_without_inflating_a_byte() -> None:
    # Counting the inflated bytes would refuse it too, but only after inflating the whole cap:
    # the ZIP's own header settles it at once.
    opened: list[int] = []

    @contextmanager
    def opener() -> Iterator[BinaryIO]:
        opened.append(1)
        yield BytesIO(HEADER.encode())

    honest = Source("export.zip/Connections.csv", opener, declared_size=2 * 1024 * 1024)
    with pytest.raises(ImportFailure, match="larger than 1 MB once uncompressed"):
        list(TextFile.of(honest, ImportLimits(max_bytes=1024 * 1024)).lines())
    assert opened == []


def test_bytes_are_counted_as_they_inflate_whatever_the_header_says() -> None:
    payload = HEADER.encode() + b"Ada,L,,,,,\r\n" * 200_000

    @contextmanager
    def opener() -> Iterator[BinaryIO]:
        yield BytesIO(payload)

    lying = Source("export.zip/Connections.csv", opener, declared_size=10)
    with pytest.raises(ImportFailure, match="larger than 1 MB"):
        list(TextFile.of(lying, ImportLimits(max_bytes=1024 * 1024)).lines())


def test_rows_cells_and_lines_over_their_caps_are_refused(tmp_path: Path) -> None:
    path = connections(tmp_path, *(f"P{i},L,,,,," for i in range(5)))
    with pytest.raises(ImportFailure, match="more than 3 rows") as caught:
        read_linkedin(path, limits=ImportLimits(max_rows=3))
    assert caught.value.line == 5
    # A quoted cell spanning many short lines is held to the cell cap as well.
    quoted = connections(tmp_path, 'Ada,L,,,"' + ("x" * 900 + "\n") * 6 + '",,')
    with pytest.raises(ImportFailure, match="a cell longer than 1,000 characters"):
        read_linkedin(quoted, limits=ImportLimits(max_cell_chars=1000))
    endless = connections(tmp_path, "Ada,L,,," + "y" * 50_000)
    with pytest.raises(ImportFailure, match="a line longer than 4,000 characters"):
        read_linkedin(endless, limits=ImportLimits(max_cell_chars=1000))


def test_address_book_rows_are_checked_too(tmp_path: Path) -> None:
    path = tmp_path / "google.csv"
    path.write_text("First Name,Last Name,Organization Name\nAda,Lovelace," + "C" * 301 + "\n")
    with pytest.raises(ImportFailure) as caught:
        read_contacts_csv(path)
    assert caught.value.field == "Organization Name"


@pytest.mark.parametrize(
    ("line", "prop"),
    [
        ("PHOTO;ENCODING=b:@@not-base64@@", "PHOTO"),
        ("NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:a=FF=FEb", "NOTE"),
        ("item1.TITLE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3", "TITLE"),
    ],
)
def test_vcard_refusals_name_the_property(tmp_path: Path, line: str, prop: str) -> None:
    path = tmp_path / "x.vcf"
    version = "3.0" if "ENCODING=b" in line else "2.1"
    path.write_text(
        f"BEGIN:VCARD\r\nVERSION:{version}\r\nFN:Ada\r\nEMAIL:a@b.c\r\n{line}\r\nEND:VCARD\r\n"
    )
    with pytest.raises(ImportFailure) as caught:
        read_vcards(path)
    assert caught.value.field == prop and caught.value.line == 1
    assert f"property {prop} on line 5" in caught.value.message
