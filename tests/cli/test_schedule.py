"""``mutuals schedule`` through Typer's test runner: numbered people and a profile CSV."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest
import typer

from mutuals.cli.app import app as mutuals_app
from tests.cli.runner import CliRunner

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "attendees.csv"


@pytest.fixture
def app() -> typer.Typer:
    return mutuals_app


def test_json_rounds_and_stats(app: typer.Typer) -> None:
    result = runner.invoke(
        app, ["schedule", "--people", "16", "--table-size", "4", "--rounds", "5", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["rounds"]) == 5
    pairs = [frozenset(p) for rnd in data["rounds"] for t in rnd for p in combinations(t, 2)]
    assert len(pairs) == len(set(pairs)) == 120
    assert data["stats"]["repeats"] == 0


def test_odd_bye_and_hosts(app: typer.Typer) -> None:
    result = runner.invoke(
        app,
        ["schedule", "--people", "9", "--rounds", "3", "--odd", "bye", "--hosts", "2", "--json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for r, rnd in enumerate(data["rounds"]):
        assert 0 in rnd[0] and 1 in rnd[1]
        assert len(data["byes"][r]) == 1


def test_rich_output(app: typer.Typer) -> None:
    result = runner.invoke(app, ["schedule", "--people", "6", "--rounds", "2"])
    assert result.exit_code == 0
    assert "Round 1" in result.output and "Round 2" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--people", "8", "--table-size", "1"], "table-size"),
        (["--people", "8", "--rounds", "0"], "rounds"),
        (["--people", "1"], "people"),
        ([], "--people"),
        (["--people", "4", "--hosts", "5"], "hosts"),
        (["--attendees", "absent.csv"], "absent.csv"),
        (["--attendees", str(EXAMPLES), "--people", "4"], "not both"),
        (["--people", "8", "--weights", "mutual"], "needs --attendees"),
        (["--people", "8", "--backend", "lexical"], "only with --weights mutual"),
        (
            ["--attendees", str(EXAMPLES), "--weights", "mutual", "--backend", "bogus"],
            "'bogus' is unavailable",
        ),
        (["--people", "99999999"], "--people must be at most 10000"),
        (["--people", "4", "--rounds", "100000000"], "--rounds must be at most 1000"),
        (["--attendees", str(EXAMPLES), "--rounds", "100000000"], "at most 1000"),
        (["--people", "8", "--budget", "-1"], "--budget"),
    ],
)
def test_bad_input_exits_2_without_traceback(
    app: typer.Typer, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["schedule", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_help_has_example(app: typer.Typer) -> None:
    result = runner.invoke(app, ["schedule", "--help"])
    assert result.exit_code == 0
    assert "Example: mutuals schedule" in result.output


def test_attendees_weighted_best_pair_meets_first(app: typer.Typer) -> None:
    result = runner.invoke(
        app,
        [
            "schedule",
            "--attendees",
            str(EXAMPLES),
            "--rounds",
            "4",
            "--weights",
            "mutual",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    first_round = [set(table) for table in data["rounds"][0]]
    # The two highest mutual scores of the file, 0.22 each: Tom builds the website Marco needs
    # and Marco's employment advice meets Tom's first hire; Priya's bookkeeping and payroll meet
    # Tom's needs and his websites hers. Tom meets one of them in the first round (the planner
    # weighs whole tables, so which one depends on the rest of the round).
    assert {"Marco Rossi", "Tom Becker"} in first_round or {
        "Priya Shah",
        "Tom Becker",
    } in first_round
    everyone = {name for table in data["rounds"][0] for name in table}
    assert len(everyone) == 12
    assert data["stats"]["repeats"] == 0
    assert data["stats"]["weight_share"] is not None


def test_attendees_plain_output_names_people(app: typer.Typer) -> None:
    result = runner.invoke(
        app, ["schedule", "--attendees", str(EXAMPLES), "--rounds", "2", "--table-size", "3"]
    )
    assert result.exit_code == 0, result.output
    assert "Priya Shah" in result.output and "Round 2" in result.output


def test_weighted_plan_uses_the_chosen_backend(
    app: typer.Typer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The backend reaches the weights: the lexical backend's weights differ from wordllama's,
    # and so does the share of mutual interest the plan reports.
    def share(*extra: str) -> float:
        result = runner.invoke(
            app,
            [
                "schedule",
                "--attendees",
                str(EXAMPLES),
                "--rounds",
                "3",
                "--weights",
                "mutual",
                "--json",
                *extra,
            ],
        )
        assert result.exit_code == 0, result.output
        value: float = json.loads(result.output)["stats"]["weight_share"]
        return value

    lexical = share("--backend", "lexical")
    assert share() != lexical
    monkeypatch.setenv("MUTUALS_SIMILARITY_BACKEND", "lexical")
    assert share() == lexical


def test_budget_still_prints_a_whole_plan(app: typer.Typer) -> None:
    # A spent budget stops the improving searches only: every round is still seated.
    result = runner.invoke(
        app, ["schedule", "--people", "30", "--table-size", "4", "--rounds", "5", "--budget", "0",
              "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["rounds"]) == 5
    assert all(sorted(p for t in rnd for p in t) == list(range(30)) for rnd in data["rounds"])
