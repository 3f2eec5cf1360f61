"""``mutuals prospects``: whom to meet among your contacts, by mutual interest."""

from __future__ import annotations

from typing import Annotated

import typer

from mutuals.cli.state import print_json, state
from mutuals.domain.vocab import SIMILARITY_BACKENDS


def register(app: typer.Typer) -> None:
    app.command("prospects")(prospects)


def prospects(
    ctx: typer.Context,
    top: Annotated[int, typer.Option("--top", min=1, max=1000, help="How many.")] = 10,
    backend: Annotated[
        str | None,
        typer.Option(help=f"Text similarity backend: {', '.join(SIMILARITY_BACKENDS)}."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Rank your contacts by mutual interest with you: what you offer meets what they need, and
    what they offer meets what you need.

    Example: mutuals prospects --top 5
    """
    from rich.console import Console
    from rich.table import Table

    from mutuals.services.prospects import prospects as rank

    ranked = rank(state(ctx).workspace(), top=top, backend=backend)
    if as_json:
        print_json(ranked)
        return
    table = Table("score", "name", "company", "why", title="People to meet")
    for row in ranked:
        table.add_row(f"{row['score']:.2f}", row["name"], row["company"], row["why"])
    Console().print(table)
