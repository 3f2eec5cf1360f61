"""CLI fixtures: a runner bound to a private database."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from mutuals.cli.app import app
from tests.cli.runner import CliRunner
from tests.conftest import sqlite_copy

Invoke = Callable[..., Result]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sqlite_template: Path) -> Invoke:
    """Run ``mutuals --db <tmp>/cli.db ARGS``; the environment cannot leak a real database in.

    The database starts as a copy of the migrated template; the migrations themselves are tested
    in tests/store/test_migrations.py, and a first run on a new file in test_startup.py.
    """
    monkeypatch.delenv("MUTUALS_DATABASE_URL", raising=False)
    monkeypatch.setenv("MUTUALS_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    db = str(sqlite_copy(sqlite_template, tmp_path / "cli.db"))

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, ["--db", db, *args], input=input)

    return invoke


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
