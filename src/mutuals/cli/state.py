"""What every command shares: settings with the global ``--db`` applied, and a lazily opened workspace."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import typer

from mutuals.clock import Clock, FixedClock
from mutuals.services.context import Workspace, open_workspace
from mutuals.settings import Settings


@dataclass
class CliState:
    """The running command's settings, clock and (once opened) workspace."""

    settings: Settings
    clock: Clock = field(init=False)
    _workspace: Workspace | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.clock = self.settings.clock()

    def workspace(self) -> Workspace:
        if self._workspace is None:
            self._workspace = open_workspace(self.settings, clock=self.clock)
        return self._workspace

    def pin(self, day: date) -> None:
        """Answer, and stamp what is written, as of ``day`` for the rest of the command."""
        self.clock = FixedClock.on(day)
        if self._workspace is not None:
            self._workspace = self._workspace.with_clock(self.clock)

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None


def state(ctx: typer.Context) -> CliState:
    """The shared state of the running command."""
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState(settings=Settings())
    return root.obj


def print_json(data: Any) -> None:
    """Print ``data`` as JSON that scripts can read."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
