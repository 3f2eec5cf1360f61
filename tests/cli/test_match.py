"""`mutuals match` on a profile CSV: JSON and table output, one person, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer

from tests.cli.runner import CliRunner

ROWS = [
    ["name", "email", "company", "headline", "interests", "offers", "needs", "goals"],
    [
        "Priya Shah",
        "priya@example.com",
        "Shah & Co",
        "Chartered accountant",
        "hiking;chess",
        "bookkeeping and year-end tax returns;running payroll for small teams",
        "an online presence that wins new clients;getting found on Google",
        "grow my practice",
    ],
    [
        "Tom Becker",
        "tom@example.com",
        "",
        "Freelance web designer",
        "cycling",
        "building websites for local shops;search engine optimisation audits",
        "someone to sort out my VAT and receipts;help paying my first employee properly",
        "",
    ],
    [
        "Ruth Cohen",
        "ruth@example.com",
        "",
        "Psychotherapist",
        "meditation",
        "stress and burnout counselling",
        "a quiet room to see clients a few days a week",
        "",
    ],
    [
        "Felix Wagner",
        "felix@example.com",
        "",
        "Co-working space owner",
        "meditation",
        "desks and private meeting rooms by the hour",
        "workshops on mental health for our members",
        "",
    ],
]
CSV = "".join(",".join(f'"{cell}"' for cell in row) + "\n" for row in ROWS)


def app() -> typer.Typer:
    from mutuals.cli.app import app as mutuals_app

    return mutuals_app


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_json_lists_top_matches_for_everyone(tmp_path: Path) -> None:
    result = CliRunner().invoke(app(), ["match", str(write(tmp_path, CSV)), "--top", "2", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["Priya Shah", "Tom Becker", "Ruth Cohen", "Felix Wagner"]
    assert data["Priya Shah"][0]["name"] == "Tom Becker"
    assert data["Ruth Cohen"][0]["name"] == "Felix Wagner"
    first = data["Tom Becker"][0]
    assert set(first) == {"name", "score", "why"} and 0 < first["score"] <= 1
    assert "*getting found on Google*" in first["why"]
    assert all(len(v) == 2 for v in data.values())


def test_for_one_person_as_a_table(tmp_path: Path) -> None:
    path = write(tmp_path, CSV)
    result = CliRunner().invoke(app(), ["match", str(path), "--for", "ruth cohen", "--top", "1"])
    assert result.exit_code == 0, result.output
    assert "Mutual matches for Ruth Cohen" in result.stdout
    assert "Felix Wagner" in result.stdout and "Tom Becker" not in result.stdout


def test_lexical_backend_can_be_chosen(tmp_path: Path) -> None:
    path = write(tmp_path, CSV)
    result = CliRunner().invoke(app(), ["match", str(path), "--json", "--backend", "lexical"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 4


def test_the_backend_setting_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, CSV)

    def scores(*extra: str) -> list[float]:
        result = CliRunner().invoke(app(), ["match", str(path), "--json", *extra])
        assert result.exit_code == 0, result.output
        return [m["score"] for ms in json.loads(result.stdout).values() for m in ms]

    lexical = scores("--backend", "lexical")
    assert scores() != lexical
    monkeypatch.setenv("MUTUALS_SIMILARITY_BACKEND", "lexical")
    assert scores() == lexical
    monkeypatch.setenv("MUTUALS_SIMILARITY_BACKEND", "bogus")
    result = CliRunner().invoke(app(), ["match", str(path)])
    assert result.exit_code == 2
    assert "unknown similarity backend 'bogus'" in result.stderr
    assert "Traceback" not in result.output


def test_errors_name_file_line_and_field_and_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    bad = write(tmp_path, "name,email,offers,needs\nAnn,a@x.org,tax,web\n,b@x.org,web,tax\n")
    result = runner.invoke(app(), ["match", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:3: field 'name': a name is required" in result.stderr
    assert "Traceback" not in result.output

    no_col = write(tmp_path, "email,offers\na@x.org,tax\n")
    result = runner.invoke(app(), ["match", str(no_col)])
    assert result.exit_code == 2 and "field 'name': missing required column 'name'" in result.stderr

    result = runner.invoke(app(), ["match", str(tmp_path / "absent.csv")])
    assert result.exit_code == 2 and "cannot read file" in result.stderr

    ok = write(tmp_path, CSV)
    result = runner.invoke(app(), ["match", str(ok), "--for", "Nobody"])
    assert result.exit_code == 2 and "no one named 'Nobody'" in result.stderr

    result = runner.invoke(app(), ["match", str(ok), "--backend", "word2vec"])
    assert result.exit_code == 2 and "word2vec" in result.stderr


def test_help_shows_an_example() -> None:
    result = CliRunner().invoke(app(), ["match", "--help"])
    assert result.exit_code == 0
    assert "mutuals match attendees.csv" in result.stdout
