"""``mutuals replan``: continue a plan between rounds for leavers and latecomers."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from mutuals.cli.app import app
from tests.cli.runner import CliRunner

runner = CliRunner()


def run(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.json"
    data = run("schedule", "--people", "12", "--rounds", "6", "--json")
    assert data["table_size"] == 2
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def pairs(rounds: list[list[list[Any]]]) -> list[frozenset[Any]]:
    return [frozenset(p) for rnd in rounds for t in rnd for p in combinations(t, 2)]


def test_replan_keeps_held_rounds_and_never_repeats(plan: Path, tmp_path: Path) -> None:
    before = json.loads(plan.read_text(encoding="utf-8"))
    after = run(
        "replan", str(plan), "--after", "2", "--left", "3",
        "--arrived", "12", "--arrived", "13", "--json",
    )  # fmt: skip
    assert after["rounds"][:2] == before["rounds"][:2]
    assert len(after["rounds"]) == 6
    met = pairs(after["rounds"])
    assert len(met) == len(set(met)), "a pair met twice"
    third = {p for t in after["rounds"][2] for p in t}
    assert 3 not in third and {12, 13} <= third
    assert after["stats"]["repeats"] == 0

    # The output is a plan again: someone who left earlier stays gone.
    second = tmp_path / "plan2.json"
    second.write_text(json.dumps(after), encoding="utf-8")
    again = run("replan", str(second), "--after", "4", "--left", "12", "--json")
    assert all(3 not in t and 12 not in t for rnd in again["rounds"][4:] for t in rnd)
    met = pairs(again["rounds"])
    assert len(met) == len(set(met))


def test_plain_output_numbers_rounds_from_the_next_one(plan: Path) -> None:
    result = runner.invoke(app, ["replan", str(plan), "--after", "4"])
    assert result.exit_code == 0, result.output
    assert "Round 5" in result.output and "Round 1" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--after", "9"], "--after must be between 0 and 6"),
        (["--after", "2", "--left", "77"], "not in the plan"),
        (["--after", "2", "--arrived", "5"], "already in the plan"),
        (["--after", "6"], "nothing left to plan"),
        (["--after", "2", "--budget", "-0.5"], "--budget"),
    ],
)
def test_bad_requests_exit_2(plan: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["replan", str(plan), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_file_that_is_not_a_plan(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"rounds": "no"}', encoding="utf-8")
    result = runner.invoke(app, ["replan", str(bad), "--after", "1"])
    assert result.exit_code == 2 and "bad.json" in result.output
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = runner.invoke(app, ["replan", str(broken), "--after", "1"])
    assert result.exit_code == 2 and "not a JSON plan" in result.output


def test_replan_with_a_budget(plan: Path) -> None:
    # A spent budget skips the improving searches but still plans every round for everyone.
    quick = run("replan", str(plan), "--after", "2", "--left", "3", "--budget", "0", "--json")
    assert len(quick["rounds"]) == 6
    here = sorted({p for t in quick["rounds"][1] for p in t} - {3})
    assert all(sorted(p for t in rnd for p in t) == here for rnd in quick["rounds"][2:])
    # A budget that is not reached changes nothing.
    same = run("replan", str(plan), "--after", "2", "--left", "3", "--budget", "600", "--json")
    full = run("replan", str(plan), "--after", "2", "--left", "3", "--json")
    assert same == full
    met = pairs(full["rounds"])
    assert len(met) == len(set(met)), "a pair met twice"
