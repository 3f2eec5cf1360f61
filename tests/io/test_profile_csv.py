"""Reading mutuals' own profile CSV."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutuals.io import ImportFailure, read_profile_csv


def test_reads_every_column_and_splits_lists(fixtures: Path) -> None:
    result = read_profile_csv(fixtures / "profile.csv")
    ada, ludwig = result.contacts
    assert (ada.first_name, ada.last_name) == ("Ada", "Lovelace")
    assert ada.emails == ["ada@example.org"]
    assert ada.headline == "Poet of science, mathematician"
    assert ada.interests == ["maths", "engines"]
    assert ada.offers == ["mentoring", "code review"]
    assert ada.needs == ["funding"]
    assert ada.tags == ["vip", "speaker"]
    assert ada.position == "CTO" and ada.location == "London"
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-lovelace"
    assert ada.goals[0].startswith("Publish notes")
    assert ada.source == "csv:profile" and ada.source_line == 2
    assert (ludwig.first_name, ludwig.last_name) == ("Ludwig", "van Beethoven")
    assert ludwig.company == "Symphonies, Ltd."
    assert ludwig.headline == 'He said "hello"'
    assert ludwig.emails == [] and ludwig.linkedin_url == ""
    assert result.skipped == []


def test_first_invalid_row_names_file_line_and_field(fixtures: Path) -> None:
    path = fixtures / "profile_invalid.csv"
    with pytest.raises(ImportFailure) as caught:
        read_profile_csv(path)
    # Line 2 holds a quoted cell spanning two lines, so the bad row starts on line 4.
    assert (caught.value.path, caught.value.line, caught.value.field) == (str(path), 4, "email")
    assert "profile_invalid.csv:4" in str(caught.value)


def test_skip_invalid_keeps_good_rows_and_lists_bad_ones(fixtures: Path) -> None:
    result = read_profile_csv(fixtures / "profile_invalid.csv", skip_invalid=True)
    assert [c.full_name for c in result.contacts] == ["Grace Hopper", "Émile Zola"]
    assert [c.source_line for c in result.contacts] == [2, 6]
    assert result.contacts[0].headline == "Compilers\nand COBOL"
    assert [(s.line, s.field) for s in result.skipped] == [(4, "email"), (5, "name")]
    assert "name is required" in result.skipped[1].reason


def test_windows_1252_file_is_decoded(fixtures: Path) -> None:
    (jose,) = read_profile_csv(fixtures / "profile_cp1252.csv").contacts
    assert jose.full_name == "José Müller"
    assert jose.company == "Café “Zürich”"


def test_bytes_undefined_in_1252_fall_back_to_latin_1(fixtures: Path) -> None:
    (jose,) = read_profile_csv(fixtures / "profile_latin1.csv").contacts
    assert jose.full_name == "José \x81"


def test_missing_name_column_is_a_failure_naming_expected_columns(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("email,company\nx@y.z,Acme\n", encoding="utf-8")
    with pytest.raises(ImportFailure) as caught:
        read_profile_csv(path)
    assert caught.value.line == 1 and caught.value.field == "name"
    assert "name,email,company,headline,interests,offers,needs" in caught.value.message


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")],
)
def test_empty_or_binary_file_is_a_failure(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFailure, match=message) as caught:
        read_profile_csv(path)
    assert caught.value.path == str(path)


def test_missing_file_is_a_failure(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match="cannot read"):
        read_profile_csv(tmp_path / "absent.csv")


def test_utf8_bom_and_formula_guard_are_undone(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(
        "name,email,headline\r\n'=Eve,eve@example.org,'+1 hacker\r\n".encode("utf-8-sig")
    )
    (eve,) = read_profile_csv(path).contacts
    assert eve.first_name == "=Eve" and eve.headline == "+1 hacker"


def test_impossible_connected_on_date_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("name,connected on\nAda,2021-02-31\n", encoding="utf-8")
    with pytest.raises(ImportFailure) as caught:
        read_profile_csv(path)
    assert (caught.value.line, caught.value.field) == (2, "connected on")


def test_utf16_file_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes("name,headline\r\nZoë Ångström,Ünïcode\r\n".encode("utf-16"))
    (zoe,) = read_profile_csv(path).contacts
    assert (zoe.first_name, zoe.last_name, zoe.headline) == ("Zoë", "Ångström", "Ünïcode")
