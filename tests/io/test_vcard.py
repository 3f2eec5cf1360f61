"""Reading and writing vCards."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from mutuals.domain.contact import ContactRecord
from mutuals.io import ImportFailure, read_vcards, write_vcards


def test_reads_21_30_and_40_cards_from_one_file(fixtures: Path) -> None:
    result = read_vcards(fixtures / "contacts.vcf")
    joerg, ada, zhang = result.contacts
    assert (joerg.first_name, joerg.last_name) == ("Jörg", "Müller")
    assert joerg.phones == ["+49 170 1234567"] and joerg.emails == ["joerg@example.de"]
    assert joerg.notes == "Met at the événement\r\nsecond line"
    assert joerg.source == "vcard" and joerg.source_line == 1
    assert (ada.first_name, ada.last_name) == ("Ada King", "Lovelace")
    assert ada.company == "Analytical Engines, Ltd."
    assert ada.position == "Chief Technology Officer"
    assert ada.emails == ["ada@example.org", "ada.home@example.org"]
    assert ada.location == "London, United Kingdom"
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-lovelace"
    assert ada.tags == ["vip", "speaker"] and ada.source_line == 10
    assert zhang.first_name == "张伟" and zhang.phones == ["+86-10-1234-5678"]
    assert zhang.linkedin_url == "" and zhang.source_line == 24
    assert [(s.line, s.reason) for s in result.skipped] == [(31, "card has no name")]


def test_malformed_line_names_its_real_line(fixtures: Path) -> None:
    path = fixtures / "contacts_invalid.vcf"
    with pytest.raises(ImportFailure) as caught:
        read_vcards(path)
    assert (caught.value.path, caught.value.line) == (str(path), 8)
    assert "no colon" in caught.value.message


def test_skip_invalid_keeps_the_good_cards(fixtures: Path) -> None:
    result = read_vcards(fixtures / "contacts_invalid.vcf", skip_invalid=True)
    assert [c.full_name for c in result.contacts] == ["Good One", "Good Two"]
    assert [s.line for s in result.skipped] == [8, 14]
    assert "END:VCARD" in result.skipped[1].reason


def test_file_without_cards_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "x.vcf"
    path.write_text("hello\n", encoding="utf-8")
    with pytest.raises(ImportFailure, match="no vCards"):
        read_vcards(path)


def test_unreadable_value_is_a_failure_with_the_card_line(tmp_path: Path) -> None:
    path = tmp_path / "x.vcf"
    path.write_text(
        "\nBEGIN:VCARD\nVERSION:3.0\nFN:A\nPHOTO;ENCODING=b:@@not-base64@@\nEND:VCARD\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailure, match="cannot read vCard") as caught:
        read_vcards(path)
    assert caught.value.line == 2
    result = read_vcards(path, skip_invalid=True)
    assert result.contacts == [] and [s.line for s in result.skipped] == [2]


FULL = ContactRecord(
    first_name="Ada",
    last_name="Lovelace",
    emails=["ada@example.org", "ada2@example.org"],
    phones=["+44 20 1234"],
    company="Engines, Ltd.",
    position="CTO",
    location="London",
    linkedin_url="https://www.linkedin.com/in/ada-lovelace",
    tags=["vip", "speaker"],
    notes="First line\nsecond; with, punctuation",
    connected_on=date(2021, 3, 12),
    headline="Poet of science",
    interests=["maths", "engines"],
    offers=["mentoring"],
    needs=["funding"],
)


def test_written_cards_read_back_the_same(tmp_path: Path) -> None:
    other = ContactRecord(first_name="张", last_name="伟")
    text = write_vcards([FULL, other])
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    path = tmp_path / "out.vcf"
    path.write_text(text, encoding="utf-8", newline="")
    back = read_vcards(path).contacts
    assert back[0] == replace(FULL, source="vcard", source_line=1)
    assert (back[1].first_name, back[1].last_name) == ("张", "伟")
