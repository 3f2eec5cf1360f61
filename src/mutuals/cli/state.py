"""What every command shares: settings with the global ``--db`` applied, the account acted as
(``--user``), and a lazily opened workspace."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field, replace
from typing import Any

import typer

from mutuals.services.context import Workspace, open_workspace
from mutuals.settings import Settings


@dataclass
class CliState:
    settings: Settings
    # The account whose network commands read and change; None is the default owner (the
    # local user, or the first account, which took the default owner over).
    user: str | None = None
    _workspace: Workspace | None = field(default=None, repr=False)

    def workspace(self) -> Workspace:
        if self._workspace is None:
            ws = open_workspace(self.settings)
            if self.user:
                from mutuals.services.accounts import get_account

                try:
                    ws = replace(ws, owner_id=get_account(ws, self.user).id)
                except BaseException:
                    ws.close()
                    raise
            self._workspace = ws
        return self._workspace

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
