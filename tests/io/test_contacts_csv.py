"""Reading Google, Outlook and profile CSV address books, and writing the CSV export."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from mutuals.domain.contact import ContactRecord
from mutuals.io import ImportFailure, read_contacts_csv, write_contacts_csv
from mutuals.io.cells import is_phone_number


def test_google_contacts_current_format(fixtures: Path) -> None:
    result = read_contacts_csv(fixtures / "google_new.csv")
    assert result.source == "csv:google"
    ada, joerg = result.contacts
    assert (ada.first_name, ada.last_name) == ("Ada King", "Lovelace")
    assert ada.emails == ["ada@example.org", "ada@work.example", "ada.home@example.org"]
    assert ada.phones == ["+44 20 1234"]
    assert ada.company == "Engines, Ltd." and ada.position == "CTO"
    assert ada.location == "London, UK" and ada.notes == "Met at\nthe salon"
    assert ada.tags == ["Mentors"]
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-lovelace"
    assert ada.source == "csv:google" and ada.source_line == 2
    assert (joerg.first_name, joerg.last_name, joerg.source_line) == ("Jörg", "Müller", 5)
    assert [(s.line, s.reason) for s in result.skipped] == [(4, "no name")]


def test_google_contacts_older_format(fixtures: Path) -> None:
    result = read_contacts_csv(fixtures / "google_old.csv")
    grace, alan = result.contacts
    assert (grace.first_name, grace.last_name) == ("Grace", "Hopper")
    assert grace.company == "US Navy" and grace.position == "Rear Admiral"
    assert grace.emails == ["grace@example.org"] and grace.tags == ["Navy"]
    assert (alan.first_name, alan.last_name) == ("Alan", "Turing")
    assert result.skipped == []


def test_outlook_export_in_windows_1252(fixtures: Path) -> None:
    result = read_contacts_csv(fixtures / "outlook.csv")
    assert result.source == "csv:outlook"
    (jose,) = result.contacts
    assert (jose.first_name, jose.last_name) == ("José", "Müller")
    assert jose.emails == ["jose@example.com"]
    assert jose.phones == ["+34 600 123", "+34 91 123"]
    assert jose.company == "Café “Zürich”, S.L." and jose.position == "Director"
    assert jose.location == "Madrid, Spain" and jose.tags == ["Clients", "VIP"]
    assert jose.linkedin_url == "https://www.linkedin.com/in/jose-muller"
    assert jose.notes == "Likes €uro coins" and jose.source == "csv:outlook"
    assert [(s.line, s.reason) for s in result.skipped] == [(3, "no name")]


def test_profile_csv_is_delegated(fixtures: Path) -> None:
    result = read_contacts_csv(fixtures / "profile.csv")
    assert result.source == "csv:profile"
    assert [c.full_name for c in result.contacts] == ["Ada Lovelace", "Ludwig van Beethoven"]


def test_profile_csv_errors_still_name_line_and_field(fixtures: Path) -> None:
    with pytest.raises(ImportFailure) as caught:
        read_contacts_csv(fixtures / "profile_invalid.csv")
    assert (caught.value.line, caught.value.field) == (4, "email")


def test_unknown_header_names_the_expected_columns(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("\n\nfoo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportFailure) as caught:
        read_contacts_csv(path)
    assert caught.value.path == str(path) and caught.value.line == 3
    for expected in ("E-mail 1 - Value", "E-mail Address", "name,email,company,headline"):
        assert expected in caught.value.message


def test_empty_file_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"\xef\xbb\xbf\r\n")
    with pytest.raises(ImportFailure, match="empty"):
        read_contacts_csv(path)


RECORDS = [
    ContactRecord(
        first_name="Ada",
        last_name="Lovelace",
        emails=["ada@example.org", "ada2@example.org"],
        phones=["+44 20 1234"],
        company="Engines, Ltd.",
        position="CTO",
        location="London",
        linkedin_url="https://www.linkedin.com/in/ada-lovelace",
        tags=["vip", "speaker"],
        notes='Said "hi"\nthen left',
        connected_on=date(2021, 3, 12),
        headline="-1 bugs",
        interests=["maths", "engines"],
        offers=["mentoring"],
        needs=["funding"],
    ),
    ContactRecord(first_name='=HYPERLINK("http://x")', last_name="@evil", company="+cmd"),
    ContactRecord(first_name="张", last_name="伟", notes="\tindented"),
]


def test_export_opens_in_excel_as_utf8_and_neutralises_formulas() -> None:
    data = write_contacts_csv(RECORDS)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["first name", "last name", "email"]
    # A phone number is written as typed; "-1 bugs" is still guarded.
    assert rows[1][3] == "+44 20 1234" and rows[1][6] == "'-1 bugs"
    assert rows[2][:2] == ['\'=HYPERLINK("http://x")', "'@evil"] and rows[2][4] == "'+cmd"
    assert rows[3][:2] == ["张", "伟"] and rows[3][13] == "'\tindented"
    assert all(
        not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or is_phone_number(cell)
        for r in rows
        for cell in r
    )
    assert b"\r\n" in data


PHONES = ["+33 4 76 12 34 56", "+1 (555) 010-9999", "+44 20 7946 0958", "+49-30-1234567"]
NOT_PHONES = [
    "+1+1",
    "+cmd|' /C calc'!A0",
    '+HYPERLINK("http://x")',
    "+33 4 76\t",
    "+1 555 0100; =1+1",
    "+SUM(1)",
    "+A1",
    "+1 555 0100\r=2",
    "+12",
    "+1 555 '0100",
]


@pytest.mark.parametrize("phone", PHONES)
def test_phone_numbers_are_exported_as_typed(phone: str) -> None:
    record = ContactRecord(first_name="P", phones=[phone, phone.replace("4", "5")])
    rows = list(csv.reader(io.StringIO(write_contacts_csv([record]).decode("utf-8-sig"))))
    assert rows[1][3] == f"{phone}; {phone.replace('4', '5')}"


@pytest.mark.parametrize("cell", NOT_PHONES)
def test_formulas_in_the_phone_column_stay_neutralised(cell: str) -> None:
    # Excel, LibreOffice and Google Sheets run a cell as a formula only when it starts with one
    # of these characters; an unguarded cell may hold nothing that can name a function or a cell.
    record = ContactRecord(first_name="P", phones=[cell])
    written = list(csv.reader(io.StringIO(write_contacts_csv([record]).decode("utf-8-sig"))))
    assert written[1][3].startswith("'")


def test_an_unguarded_phone_can_hold_no_function_or_reference() -> None:
    allowed = set("+0123456789 ().-; ")
    for phone in PHONES:
        assert is_phone_number(phone) and set(phone) <= allowed
    assert not any(is_phone_number(cell) for cell in NOT_PHONES)


def test_export_reads_back_to_the_same_contacts(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_bytes(write_contacts_csv(RECORDS[:2]))
    result = read_contacts_csv(path)
    expected = [
        replace(r, source="csv:profile", source_line=line)
        for r, line in zip(RECORDS[:2], (2, 4), strict=True)
    ]
    assert result.contacts == expected
