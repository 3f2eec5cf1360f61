"""`mutuals match`: rank everyone in a profile CSV (or one person) by mutual interest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from mutuals.cli.state import state
from mutuals.domain.vocab import SIMILARITY_BACKENDS


def match(
    ctx: typer.Context,
    profiles_csv: Annotated[Path, typer.Argument(metavar="PROFILES.csv", help="Profile CSV.")],
    top: Annotated[int, typer.Option("--top", min=1, help="Matches per person.")] = 3,
    who: Annotated[
        str | None, typer.Option("--for", help="Only this person (name or email).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    backend: Annotated[
        str | None,
        typer.Option(
            "--backend",
            help=f"Text similarity: {', '.join(SIMILARITY_BACKENDS)} "
            "(default: MUTUALS_SIMILARITY_BACKEND, else wordllama).",
        ),
    ] = None,
) -> None:
    """Rank, for everyone in PROFILES.csv (or one person), their top mutual matches.

    Columns: name,email,company,headline,interests,offers,needs and optionally goals; list
    items are separated by ';'.

    Example: mutuals match attendees.csv --top 3 --for "Priya Shah"
    """
    from rich.console import Console
    from rich.table import Table

    # The engine loads NumPy and the text model: import it only when a ranking is asked for.
    from mutuals.services.matching import match_profiles, matches_json

    results = match_profiles(
        profiles_csv,
        backend=backend or state(ctx).settings.similarity_backend,
        top=top,
        who=who,
    )
    if as_json:
        typer.echo(json.dumps(matches_json(results), indent=2, ensure_ascii=False))
        return
    out = Console()
    for name, matches in results.items():
        table = Table(title=f"Mutual matches for {name}", show_lines=False)
        table.add_column("Score", justify="right")
        table.add_column("Name")
        table.add_column("Why")
        for m in matches:
            table.add_row(f"{m.score:.2f}", m.candidate.name, m.why)
        out.print(table)


def register(app: typer.Typer) -> None:
    """Add the ``match`` command to the application."""
    app.command("match")(match)
