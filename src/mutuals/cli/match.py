"""`mutuals match`: rank everyone in a profile CSV (or one person) by mutual interest."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from mutuals.domain.profile import Profile
from mutuals.io.errors import ImportFailure
from mutuals.prospecting import (
    DEFAULT_BACKEND,
    BackendUnavailable,
    InMemoryEmbeddingCache,
    Match,
    backend_names,
    get_backend,
    rank_prospects,
)

REQUIRED = ("name", "offers", "needs")
LIST_FIELDS = ("interests", "offers", "needs", "goals")


def _split(cell: str | None) -> list[str]:
    return [item.strip() for item in (cell or "").split(";") if item.strip()]


def read_profiles(path: Path) -> list[Profile]:
    """Read the profile CSV (name,email,company,headline,interests,offers,needs[,goals]).

    List cells hold items separated by ';'. Raises :class:`ImportFailure` naming file, line and
    field on bad input.
    """
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise ImportFailure(f"cannot open: {exc.strerror or exc}", path=path) from exc
    with handle:
        reader = csv.DictReader(handle)
        try:
            header = reader.fieldnames or []
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ImportFailure(f"not a readable CSV file: {exc}", path=path, line=1) from exc
        missing = [col for col in REQUIRED if col not in header]
        if missing:
            raise ImportFailure(
                f"missing column(s): {', '.join(missing)}", path=path, line=1, field=missing[0]
            )
        profiles: list[Profile] = []
        seen: dict[str, int] = {}
        try:
            for row in reader:
                line = reader.line_num
                name = (row.get("name") or "").strip()
                if not name:
                    raise ImportFailure("a name is required", path=path, line=line, field="name")
                email = (row.get("email") or "").strip()
                key = email.casefold() or name.casefold()
                if key in seen:
                    raise ImportFailure(
                        f"'{email or name}' already appears on line {seen[key]}",
                        path=path,
                        line=line,
                        field="email" if email else "name",
                    )
                seen[key] = line
                lists = {f: _split(row.get(f)) for f in LIST_FIELDS}
                profiles.append(
                    Profile(
                        name=name,
                        id=email or name,
                        headline=(row.get("headline") or "").strip(),
                        industry=(row.get("industry") or "").strip(),
                        location=(row.get("location") or "").strip(),
                        **lists,
                    )
                )
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ImportFailure(f"unreadable row: {exc}", path=path, line=reader.line_num) from exc
    return profiles


def _pick(profiles: list[Profile], who: str, path: Path) -> Profile:
    wanted = who.strip().casefold()
    for p in profiles:
        if wanted in (p.name.casefold(), p.id.casefold()):
            return p
    raise ImportFailure(f"no profile named '{who}'", path=path, field="name")


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
        str, typer.Option("--backend", help=f"Text similarity: {', '.join(backend_names())}.")
    ] = DEFAULT_BACKEND,
) -> None:
    """Rank, for everyone in PROFILES.csv (or one person), their top mutual matches.

    Columns: name,email,company,headline,interests,offers,needs and optionally goals; list
    items are separated by ';'. Example:

        mutuals match attendees.csv --top 3 --for "Priya Shah"
    """
    try:
        people = read_profiles(profiles_csv)
        chosen = [_pick(people, who, profiles_csv)] if who else people
        model = get_backend(backend)
    except ImportFailure as exc:
        typer.echo(f"error: {exc.describe()}", err=True)
        raise typer.Exit(code=2) from None
    except BackendUnavailable as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from None
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
