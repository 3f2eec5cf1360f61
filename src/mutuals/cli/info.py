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
    """Show the database and data directory in use, and what they hold. Only reports: a
    database that does not exist yet is not created.

    Example: mutuals --db ./test.db info
    """
    from rich.console import Console
    from rich.table import Table

    from mutuals.settings import describe_url

    st = state(ctx)
    url = st.settings.resolved_database_url()
    missing = _missing_sqlite_file(url)
    data: dict[str, object] = {
        "version": __version__,
        "database": describe_url(url),
        "backend": url.split(":", 1)[0].split("+", 1)[0],
        "data_dir": str(st.settings.data_dir),
    }
    if missing:
        data["exists"] = False
        data |= {"contacts": 0, "organisations": 0, "interactions": 0, "imports": 0}
    else:
        from mutuals.services.stats import workspace_stats

        ws = st.workspace()
        data["backend"] = ws.db.engine.dialect.name
        data |= workspace_stats(ws)
    if as_json:
        print_json(data)
        return
    table = Table(show_header=False, box=None, title="mutuals")
    for key, value in data.items():
        table.add_row(key.replace("_", " "), str(value))
    Console().print(table)


def _missing_sqlite_file(url: str) -> bool:
    """Whether ``url`` names a SQLite file that is not there (opening it would create it)."""
    from pathlib import Path

    prefix = "sqlite:///"
    if not url.startswith(prefix) or url in (prefix, prefix + ":memory:"):
        return False
    return not Path(url.removeprefix(prefix).split("?", 1)[0]).exists()
