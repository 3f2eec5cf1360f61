"""``mutuals events``: the local events directory, searchable by place and date."""

from __future__ import annotations

from typing import Annotated

import typer

from mutuals.cli.dates import parse_day
from mutuals.cli.state import LazyConsole, print_json, state

console = LazyConsole()


def register(app: typer.Typer) -> None:
    app.command("events")(events)


def events(
    ctx: typer.Context,
    near: Annotated[
        str | None, typer.Option("--near", help="Words the place must contain (a town, a venue).")
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option("--from", metavar="YYYY-MM-DD", help="Only events on or after this day."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List upcoming local events from every organiser: find one, or check yours is listed.

    Example: mutuals events --near Leeds --from 2026-12-01
    """
    from rich.table import Table

    from mutuals.services.events import directory

    since = parse_day(from_, "--from")
    found = directory(state(ctx).workspace(), near=near, since=since)
    if as_json:
        print_json(found)
        return
    table = Table("id", "when", "event", "place", "organiser", "places left", title="Events")
    for e in found:
        left = "" if e["places_left"] is None else str(e["places_left"])
        table.add_row(str(e["id"]), e["starts_at"], e["name"], e["place"], e["organiser"], left)
    console.print(table)
