"""``mutuals info``: which database and data directory are in use."""

from __future__ import annotations

from typing import Annotated

import typer

from mutuals import __version__
from mutuals.cli.state import print_json, state


def register(app: typer.Typer) -> None:
    app.command("info")(info)


def info(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Show the database and data directory in use, and what they hold.

    Example: mutuals --db ./test.db info
    """
    from rich.console import Console
    from rich.table import Table

    from mutuals.services.stats import workspace_stats
    from mutuals.settings import describe_url

    st = state(ctx)
    ws = st.workspace()
    data = {
        "version": __version__,
        "database": describe_url(ws.db.url),
        "backend": ws.db.engine.dialect.name,
        "data_dir": str(st.settings.data_dir),
        **workspace_stats(ws),
    }
    if as_json:
        print_json(data)
        return
    table = Table(show_header=False, box=None, title="mutuals")
    for key, value in data.items():
        table.add_row(key.replace("_", " "), str(value))
    Console().print(table)
