"""Fuzzing the parsers: any input either parses or fails with ImportFailure naming where."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.io import ImportFailure, ParseResult, read_contacts_csv, read_linkedin, read_vcards

Parser = Callable[..., ParseResult]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

cell = st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    [
        "",
        "12 Mar 2021",
        "31 Feb 2021",
        "2024-03-12 10:15:32 UTC",
        "SENT",
        "https://www.linkedin.com/in/x",
        "a@b.c",
        '"',
        "\r\n",
        ";",
    ]
)


def _csv_line(cells: list[str]) -> str:
    return ",".join('"' + c.replace('"', '""') + '"' if i % 2 else c for i, c in enumerate(cells))


def csv_text(header: str) -> st.SearchStrategy[str]:
    """CSV text with a real header and rows of random, partly plausible cells."""
    rows = st.lists(st.lists(cell, max_size=9).map(_csv_line), max_size=6)
    preamble = st.sampled_from(["", 'Notes:\r\n"a, b\nc"\r\n\r\n', "\ufeff"])
    return st.tuples(preamble, rows).map(
        lambda p: p[0] + header + "\r\n" + "\r\n".join(p[1]) + "\r\n"
    )


vcard_line = st.one_of(
    st.sampled_from(
        [
            "FN:Ada Lovelace",
            "N:Lovelace;Ada;;;",
            "VERSION:2.1",
            "NOTE;ENCODING=QUOTED-PRINTABLE:a=3Db=",
            "ORG:Acme;Sales",
            "ADR:;;;London;;;UK",
            "PHOTO;ENCODING=b:QUJD",
            "BEGIN:VCARD",
            "END:VCARD",
            " folded",
        ]
    ),
    st.tuples(st.sampled_from(["FN", "N", "EMAIL", "TEL", "ORG", "ADR", "URL", "X-Y"]), cell).map(
        lambda p: f"{p[0]}:{p[1]}"
    ),
    st.text(max_size=20),
)
vcard_text = st.lists(vcard_line, max_size=12).map(
    lambda lines: "BEGIN:VCARD\r\n" + "\r\n".join(lines) + "\r\nEND:VCARD\r\n"
)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _check(parser: Parser, path: Path, data: bytes, skip_invalid: bool) -> None:
    path.write_bytes(data)
    try:
        result = parser(path, skip_invalid=skip_invalid)
    except ImportFailure as failure:
        assert failure.path is not None and failure.path.startswith(str(path))
        assert failure.line is None or failure.line >= 1
        if failure.field is not None:
            assert failure.line is not None
        return
    for record in result.contacts:
        assert record.full_name and record.source_line is not None and record.source_line >= 1
    for skip in result.skipped:
        assert skip.line is None or skip.line >= 1
    if not skip_invalid:
        assert all("no name" in s.reason for s in result.skipped)


PARSERS: list[tuple[str, Parser, st.SearchStrategy[str]]] = [
    (
        "Connections.csv",
        read_linkedin,
        csv_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On"),
    ),
    (
        "messages.csv",
        read_linkedin,
        csv_text(
            "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT,FOLDER"
        ),
    ),
    ("contacts.vcf", read_vcards, vcard_text),
    (
        "contacts.csv",
        read_contacts_csv,
        st.sampled_from(
            [
                "First Name,Last Name,E-mail 1 - Value,Phone 1 - Value,Labels,Website 1 - Value",
                "First Name,Last Name,E-mail Address,Mobile Phone,Job Title,Company,Categories",
                "name,email,company,headline,interests,offers,needs,linkedin url,connected on",
            ]
        ).flatmap(csv_text),
    ),
]


@pytest.mark.parametrize(("name", "parser", "texts"), PARSERS, ids=[p[0] for p in PARSERS])
@FUZZ
@given(data=st.binary(max_size=300), skip_invalid=st.booleans())
def test_arbitrary_bytes(
    workdir: Path,
    name: str,
    parser: Parser,
    texts: st.SearchStrategy[str],
    data: bytes,
    skip_invalid: bool,
) -> None:
    _check(parser, workdir / name, data, skip_invalid)


@pytest.mark.parametrize(("name", "parser", "texts"), PARSERS, ids=[p[0] for p in PARSERS])
@FUZZ
@given(data=st.data(), skip_invalid=st.booleans())
def test_plausible_text(
    workdir: Path,
    name: str,
    parser: Parser,
    texts: st.SearchStrategy[str],
    data: st.DataObject,
    skip_invalid: bool,
) -> None:
    text = data.draw(texts)
    encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    _check(parser, workdir / name, text.encode(encoding, errors="replace"), skip_invalid)
