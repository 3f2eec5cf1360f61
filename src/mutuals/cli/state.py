"""What every command shares: settings with the global ``--db`` applied, the account acted as
(``--user``), and a lazily opened workspace."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import typer

from mutuals.clock import Clock, FixedClock

if TYPE_CHECKING:
    from rich.console import Console

    # Loading them pulls in SQLAlchemy and pydantic: commands import them when they need them,
    # so `mutuals --help` and the engine-only commands start fast.
    from mutuals.services.context import Workspace
    from mutuals.settings import Settings


@dataclass
class CommandClock:
    """The running command's clock: the settings' clock until ``--today`` pins it.

    The workspace holds this object, so a pin applies even to a workspace opened before it.
    """

    current: Clock

    def pin(self, day: date) -> None:
        self.current = FixedClock.on(day)

    def now(self) -> datetime:
        return self.current.now()

    def today(self) -> date:
        return self.current.today()


@dataclass
class CliState:
    """The running command's settings, clock and (once opened) workspace."""

    settings: Settings
    # The account whose network commands read and change; None is the default owner (the local
    # user, or the first account, which took the default owner over).
    user: str | None = None
    clock: CommandClock = field(init=False)
    _workspace: Workspace | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.clock = CommandClock(self.settings.clock())

    def workspace(self) -> Workspace:
        if self._workspace is None:
            from mutuals.services.context import open_workspace

            ws = open_workspace(self.settings, clock=self.clock, on_wait=say_waiting)
            if self.user:
                from dataclasses import replace

                from mutuals.services.accounts import get_account

                try:
                    ws = replace(ws, owner_id=get_account(ws, self.user).id)
                except BaseException:
                    ws.close()
                    raise
            self._workspace = ws
        return self._workspace

    def pin(self, day: date) -> None:
        """Answer, and stamp what is written, as of ``day`` for the rest of the command."""
        self.clock.pin(day)

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None


class LazyConsole:
    """A Rich console made on first use: every command would otherwise pay for importing Rich at
    start-up, `--help` included."""

    def __init__(self, *, stderr: bool = False) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    @property
    def rich(self) -> Console:
        """The console itself, for Rich objects that take one (a progress bar)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self._stderr)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rich, name)


def say_waiting() -> None:
    """Tell the member that the command waits for another writer, rather than seem to hang."""
    typer.echo("Waiting for another import (or change) to this network to finish…", err=True)


def state(ctx: typer.Context) -> CliState:
    """The shared state of the running command."""
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        from mutuals.settings import Settings

        root.obj = CliState(settings=Settings())
    return root.obj


def print_json(data: Any) -> None:
    """Print ``data`` as JSON that scripts can read."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
