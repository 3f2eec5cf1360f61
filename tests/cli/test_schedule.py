"""``mutuals schedule`` through Typer's test runner, registered on a local app."""

from __future__ import annotations

import json
from itertools import combinations

import pytest
import typer
from typer.testing import CliRunner

from mutuals.cli.schedule import register

runner = CliRunner()


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:
        """Test app."""

    return app


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
        (["--attendees", "x.csv"], "--attendees needs"),
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
