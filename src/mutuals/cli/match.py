"""`mutuals match`: rank everyone in a profile CSV (or one person) by mutual interest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mutuals.domain.vocab import DEFAULT_SIMILARITY_BACKEND, SIMILARITY_BACKENDS

if TYPE_CHECKING:
    from mutuals.prospecting import Match


def _as_json(results: dict[str, list[Match]]) -> str:
    return json.dumps(
        {
            name: [
                {"name": m.candidate.name, "score": round(m.score, 3), "why": m.why}
                for m in matches
            ]
            for name, matches in results.items()
        },
        indent=2,
        ensure_ascii=False,
    )


def match(
    profiles_csv: Annotated[Path, typer.Argument(metavar="PROFILES.csv", help="Profile CSV.")],
    top: Annotated[int, typer.Option("--top", min=1, help="Matches per person.")] = 3,
    who: Annotated[
        str | None, typer.Option("--for", help="Only this person (name or email).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    backend: Annotated[
        str, typer.Option("--backend", help=f"Text similarity: {', '.join(SIMILARITY_BACKENDS)}.")
    ] = DEFAULT_SIMILARITY_BACKEND,
) -> None:
    """Rank, for everyone in PROFILES.csv (or one person), their top mutual matches.

    Columns: name,email,company,headline,interests,offers,needs and optionally goals; list
    items are separated by ';'.

    Example: mutuals match attendees.csv --top 3 --for "Priya Shah"
    """
    from rich.console import Console
    from rich.table import Table

    from mutuals.services.profiles import pick_profile, read_profiles

    people = read_profiles(profiles_csv)
    chosen = [pick_profile(people, who, path=profiles_csv)] if who else people
    from mutuals.prospecting import InMemoryEmbeddingCache, get_backend, rank_prospects

    model = get_backend(backend)
    cache = InMemoryEmbeddingCache()
    results = {
        p.name: rank_prospects(p, people, backend=model, top=top, cache=cache) for p in chosen
    }
    if as_json:
        typer.echo(_as_json(results))
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
