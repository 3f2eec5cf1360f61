"""The shared network file: written and read back the same, bad rows named by line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutuals.io.errors import ImportFailure
from mutuals.io.network_csv import (
    SharedPerson,
    parse_network_text,
    read_network_csv,
    write_network_csv,
)


def test_round_trip_with_formula_guard(tmp_path: Path) -> None:
    people = [
        SharedPerson("Ana Silva", "Initech", "CTO", "https://www.linkedin.com/in/ana", 0.8),
        SharedPerson("=Evil", "Acme, Inc.", "", "", 0.05),
    ]
    path = tmp_path / "n.csv"
    path.write_bytes(write_network_csv(people))
    back = read_network_csv(path)
    assert [(p.name, p.company, p.position, p.linkedin_url, p.strength) for p in back] == [
        ("Ana Silva", "Initech", "CTO", "https://www.linkedin.com/in/ana", 0.8),
        ("=Evil", "Acme, Inc.", "", "", 0.05),
    ]
    assert b"'=Evil" in path.read_bytes()


def test_extra_columns_such_as_email_are_never_read() -> None:
    text = "Name,Email,Strength,LinkedIn URL\nAna Silva,ana@x.io,0.5,linkedin.com/in/Ana/\n"
    (person,) = parse_network_text(text, path="n.csv")
    assert person == SharedPerson("Ana Silva", "", "", "https://www.linkedin.com/in/ana", 0.5, 2)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("name,strength\nAna,0\n", "n.csv:2: field 'strength'"),
        ("name,strength\nAna,x\n", "n.csv:2: field 'strength'"),
        ("name,strength\nAna,0.5\n,0.5\n", "n.csv:3: field 'name'"),
        (
            "name,linkedin_url,strength\nAna,https://example.com/a,0.5\n",
            "n.csv:2: field 'linkedin_url'",
        ),
        ("name,company\nAna,X\n", "n.csv:1: missing column strength"),
        ("", "n.csv: the file is empty"),
    ],
)
def test_bad_rows_name_the_line_and_field(text: str, where: str) -> None:
    with pytest.raises(ImportFailure) as caught:
        parse_network_text(text, path="n.csv")
    assert str(caught.value).startswith(where)
