"""The CLI's exact forms on PostgreSQL: every CLI test that needs only a runner runs again here."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from typer.testing import Result

from mutuals.cli.app import app
from tests.cli import test_connecting, test_contacts, test_event, test_relationships
from tests.cli.conftest import Invoke
from tests.cli.runner import CliRunner
from tests.conftest import create_schema_at_head

MODULES: list[ModuleType] = [test_connecting, test_contacts, test_relationships, test_event]
BACKEND_SPECIFIC = {"test_info_names_the_database"}


def _cli_only_tests() -> list[Any]:
    found = []
    for module in MODULES:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("test_") or name in BACKEND_SPECIFIC:
                continue
            if list(inspect.signature(function).parameters) == ["cli"]:
                found.append(pytest.param(function, id=f"{module.__name__.split('.')[-1]}.{name}"))
    return found


@pytest.fixture
def pg_cli(postgres_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> Invoke:
    monkeypatch.delenv("MUTUALS_DATABASE_URL", raising=False)
    monkeypatch.setenv("MUTUALS_DATA_DIR", str(tmp_path / "data"))
    create_schema_at_head(postgres_url)  # as on SQLite: the migrations are tested on their own
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, ["--db", postgres_url, *args], input=input)

    return invoke


@pytest.mark.postgres
@pytest.mark.parametrize("test", _cli_only_tests())
def test_cli_form_on_postgres(test: Callable[[Invoke], None], pg_cli: Invoke) -> None:
    test(pg_cli)


def test_some_cli_tests_are_collected() -> None:
    assert len(_cli_only_tests()) >= 5
