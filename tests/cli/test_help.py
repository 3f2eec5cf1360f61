"""Every command has help text with an example."""

from __future__ import annotations

import pytest
from typer.main import get_command

from mutuals.cli.app import app
from tests.cli.runner import CliRunner


def _command_paths() -> list[list[str]]:
    root = get_command(app)
    paths: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                walk(sub, [*path, name])
        else:
            paths.append(path)

    walk(root, [])
    return paths


COMMANDS = _command_paths()


def test_the_expected_commands_exist() -> None:
    names = {" ".join(p) for p in COMMANDS}
    for expected in (
        "contacts list",
        "contacts show",
        "contacts add",
        "contacts edit",
        "contacts tag",
        "import linkedin",
        "import vcard",
        "import csv",
        "export vcard",
        "export csv",
        "export json",
        "restore",
        "info",
        "demo",
        "serve",
        "log",
        "cadence",
        "snooze",
        "due",
        "digest",
        "stage",
        "export ics",
        "user add",
        "user list",
        "user role",
        "user password",
        "user remove",
        "user token",
        "user revoke",
        "user invite",
        "user invitations",
        "share",
    ):
        assert expected in names


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_every_command_has_help_with_an_example(path: list[str]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output, f"'mutuals {' '.join(path)} --help' shows no example"


def test_help_wraps_at_the_terminal_width() -> None:
    import os
    import subprocess
    import sys

    # A real process: Click's test runner forces 80 columns.
    shown = subprocess.run(
        [sys.executable, "-c", "from mutuals.cli.app import main; main()", "prospects", "--help"],
        env={**os.environ, "COLUMNS": "160"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sentence = "what you offer meets what they need, and what they offer meets what you need."
    assert any(sentence in line for line in shown.splitlines()), shown
