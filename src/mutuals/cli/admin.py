"""``mutuals admin``: work on the whole server's database rather than one member's network."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mutuals.cli.state import LazyConsole, state

admin_app = typer.Typer(
    help="Whole-server tasks (every member's data): backups of the whole database.",
    no_args_is_help=True,
)
console = LazyConsole()


def register(app: typer.Typer) -> None:
    app.add_typer(admin_app, name="admin")


@admin_app.command("backup")
def backup(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Where to write the whole-server backup.")],
) -> None:
    """Write a whole-server backup: every owner's network in one JSON file, for moving the
    whole database with `mutuals restore`. A member's own backup is `mutuals export json`.

    Example: mutuals admin backup server-backup.json
    """
    from mutuals.services.backup import backup_json
    from mutuals.services.exports import write_atomically

    ws = state(ctx).workspace()
    write_atomically(path, backup_json(ws.db, owner_id=None).encode("utf-8"))
    console.print(f"Wrote a whole-server backup (every owner's data) to {path}")
