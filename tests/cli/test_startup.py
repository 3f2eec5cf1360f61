"""Start-up stays light: the command line loads heavy libraries only in the commands that use them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.core import TyperGroup
from typer.testing import CliRunner

from mutuals.cli.app import app

HEAVY = ("sqlalchemy", "alembic", "numpy", "scipy", "wordllama", "faker", "pydantic", "rich")


def loaded_after(code: str) -> set[str]:
    """Which of ``HEAVY`` a fresh interpreter has imported after running ``code``."""
    probe = (
        f"{code}\nimport json, sys\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_importing_the_app_loads_no_heavy_library() -> None:
    assert loaded_after("import mutuals.cli.app") == set()


def running(*args: str) -> str:
    """Code that runs ``mutuals ARGS`` as the installed command does."""
    return f"from mutuals.cli.app import app\ntry:\n    app({list(args)!r})\nexcept SystemExit:\n    pass"


def test_help_loads_no_heavy_library() -> None:
    assert loaded_after(running("--help")) == set()


def test_an_engine_command_loads_no_database_library() -> None:
    code = running("schedule", "--people", "8", "--rounds", "2", "--json")
    assert not loaded_after(code) & {"sqlalchemy", "alembic", "faker", "wordllama"}


def test_a_small_plan_loads_neither_numpy_nor_pydantic() -> None:
    # A 20-person plan at tables of 4 comes whole from a design: no search, no weights.
    code = running("schedule", "--people", "20", "--table-size", "4", "--rounds", "5")
    assert not loaded_after(code) & {"numpy", "scipy", "pydantic", "sqlalchemy"}


def run_lazily(runner: CliRunner, args: list[str]) -> tuple[str, int | str | None]:
    """Output and exit status of ``mutuals ARGS`` built on demand, in the runner's streams and
    terminal width (as ``runner.invoke`` runs the full build)."""
    from mutuals.cli.lazy import lazy_command

    with runner.isolation() as streams, pytest.raises(SystemExit) as stop:
        try:
            lazy_command(app).main(args, prog_name="mutuals")
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            output = streams[2].getvalue().decode()
    return output, stop.value.code


def test_commands_built_on_demand_match_the_full_build() -> None:
    full = typer.main.get_command(app)
    assert isinstance(full, TyperGroup)
    runner = CliRunner()
    cases = [[], ["contacts", "list"], ["contacts", "lisst"], ["nosuchcommand"]]
    cases += [[name] for name in full.commands]
    for args in cases:
        eager = runner.invoke(app, [*args, "--help"])
        assert run_lazily(runner, [*args, "--help"]) == (eager.output, eager.exit_code), args


@pytest.mark.parametrize(
    ("annotation", "info", "values"),
    [
        (int, {}, ["5", "-3", "+4", "007", "x", " 7", "1_000", "2.5", "", 9]),
        (int, {"min": 0, "max": 10}, ["0", "10", "11", "-1"]),
        (int, {"min": 0, "max": 10, "clamp": True}, ["3", "11"]),
        (float, {}, ["2.5", "1e3", ".5", "5.", "-0", "nan", "inf", "x", 3]),
        (float, {"min": 0.0}, ["-0.5", "0.5"]),
        (str, {}, ["plain", "", "ünïcode"]),
        (bool, {}, [True, False, "true", "no", "x"]),
        (Path, {}, ["some/file.csv", ".", ""]),
        (Path, {"exists": True}, ["no/such/file.csv", "."]),
    ],
)
def test_fast_values_are_read_as_typer_reads_them(
    annotation: Any, info: dict[str, Any], values: list[Any]
) -> None:
    from typer._coercion import build_runtime_param, resolve_type_descriptor
    from typer.models import OptionInfo

    from mutuals.cli import params

    descriptor = resolve_type_descriptor(annotation, OptionInfo(**info))
    fast, typer_own = params._fast_build(descriptor), build_runtime_param(descriptor)
    command = typer.main.get_command(app)
    ctx = command.make_context("mutuals", ["--help"], resilient_parsing=True)
    param = command.params[0]
    for value in values:
        assert _outcome(fast, value, param, ctx) == _outcome(typer_own, value, param, ctx), value


def test_choices_are_read_as_typer_reads_them() -> None:
    from typer._coercion import build_runtime_param, resolve_type_descriptor
    from typer.models import OptionInfo

    from mutuals.cli import params
    from mutuals.cli.schedule import OddKind

    for sensitive in (True, False):
        descriptor = resolve_type_descriptor(OddKind, OptionInfo(case_sensitive=sensitive))
        fast, typer_own = params._fast_build(descriptor), build_runtime_param(descriptor)
        command = typer.main.get_command(app)
        ctx = command.make_context("mutuals", ["--help"], resilient_parsing=True)
        for value in ("trio", "bye", "BYE", "four", OddKind.bye):
            outcome = _outcome(fast, value, command.params[0], ctx)
            assert outcome == _outcome(typer_own, value, command.params[0], ctx), value


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, str]:
    try:
        out = runtime._coerce_value(value, param=param, ctx=ctx)
    except Exception as exc:  # the message is what a user sees
        return ("error", str(exc))
    return (type(out).__name__, repr(out))


def test_a_nested_command_runs_the_same_built_on_demand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MUTUALS_DATABASE_URL", raising=False)
    monkeypatch.setenv("MUTUALS_DATA_DIR", str(tmp_path / "data"))
    db = ["--db", str(tmp_path / "cli.db")]
    runner = CliRunner()

    def lazily(*args: str) -> tuple[str, int | str | None]:
        return run_lazily(runner, [*db, *args])

    added = lazily("contacts", "add", "Ada Lovelace", "--email", "ada@example.org", "--tag", "x")
    assert added[1] == 0, added
    listed = runner.invoke(app, [*db, "contacts", "list", "--json"])
    assert [c["name"] for c in json.loads(listed.stdout)] == ["Ada Lovelace"]
    assert lazily("contacts", "list", "--json") == (listed.output, 0)
    refused = runner.invoke(app, [*db, "contacts", "list", "--limit", "x"])
    assert lazily("contacts", "list", "--limit", "x") == (refused.output, refused.exit_code)


def test_listing_contacts_at_head_loads_neither_sqlalchemy_nor_pydantic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mutuals.services.contacts import add_contact
    from mutuals.services.context import open_workspace
    from mutuals.settings import Settings, sqlite_url

    monkeypatch.setenv("MUTUALS_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "m.db"
    ws = open_workspace(Settings(database_url=sqlite_url(path)))
    add_contact(ws, name="Ada Lovelace", tags=["mentor"])
    ws.close()
    for args in (["--json"], ["--search", "ada", "--tag", "mentor", "--limit", "5"]):
        code = running("--db", str(path), "contacts", "list", *args)
        assert not loaded_after(code) & {"sqlalchemy", "alembic", "pydantic"}, args
        listed = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "Ada Lovelace" in listed.stdout, listed.stderr


def test_the_quick_read_path_imports_only_the_standard_library() -> None:
    modules = "mutuals.services.quick_contacts, mutuals.settings_env, mutuals.store.sqlite_read"
    assert loaded_after(f"import {modules}") == set()
