"""What every command shares: settings with the global ``--db`` applied, the account acted as
(``--user``), and a lazily opened workspace."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
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


class CliState:
    """The running command's settings, clock and (once opened) workspace.

    Settings are read from the environment on first use: loading them imports pydantic, which
    commands that never read a setting (``schedule --people``) would otherwise pay for at start.
    """

    def __init__(
        self, settings: Settings | None = None, *, db: str | None = None, user: str | None = None
    ) -> None:
        self._settings = settings
        self._db = db
        # The account whose network commands read and change; None is the default owner (the
        # local user, or the first account, which took the default owner over).
        self.user = user
        self._clock: CommandClock | None = None
        self._workspace: Workspace | None = None

    @property
    def settings(self) -> Settings:
        """The settings from the environment, with the global ``--db`` applied."""
        if self._settings is None:
            from mutuals.settings import Settings

            self._settings = Settings().with_db(self._db)
        return self._settings

    def quick_database_url(self) -> str | None:
        """The default owner's database URL read without pydantic, for commands that only read;
        None when ``--user`` names an account or a setting needs `Settings` to read it."""
        if self.user:
            return None
        if self._settings is not None:
            return self._settings.resolved_database_url()
        from mutuals.settings_env import quick_database_url

        return quick_database_url(self._db)

    @property
    def clock(self) -> CommandClock:
        """The command's clock, which ``--today`` may pin."""
        if self._clock is None:
            self._clock = CommandClock(self.settings.clock())
        return self._clock

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
        root.obj = CliState()
    return root.obj


def print_json(data: Any) -> None:
    """Print ``data`` as JSON that scripts can read."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
