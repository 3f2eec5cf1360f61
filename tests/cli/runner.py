"""The CLI test runner: typer's, but running ``mutuals`` as its console script runs it.

typer's ``CliRunner.invoke`` builds every command of the app on each call, which for mutuals'
150-odd commands costs more than most commands themselves. The console script builds only the
command its arguments name (``mutuals.cli.lazy``), and so does this runner;
tests/cli/test_startup.py checks that both builds give the same help and errors for every command.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from unittest import mock

import typer
import typer.testing
from typer._click.core import Command

from mutuals.cli.lazy import LazyTyper, lazy_command


def _command(app: typer.Typer) -> Command:
    return lazy_command(app) if isinstance(app, LazyTyper) else typer.main.get_command(app)


class CliRunner(typer.testing.CliRunner):
    """Invoke a Typer app in-process; a ``LazyTyper`` builds only the command it runs."""

    def invoke(  # type: ignore[override]
        self, app: typer.Typer, args: str | Sequence[str] | None = None, **kwargs: Any
    ) -> typer.testing.Result:
        with mock.patch.object(typer.testing, "_get_command", _command):
            return super().invoke(app, args, **kwargs)
