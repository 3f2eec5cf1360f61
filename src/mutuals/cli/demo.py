"""``mutuals demo``: seed a deterministic demo community to explore mutuals with."""

from __future__ import annotations

from typing import Annotated

import typer

from mutuals.cli.dates import TodayOption, as_of
from mutuals.cli.state import state


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    ctx: typer.Context,
    people: Annotated[int, typer.Option(min=2, max=5000, help="How many people.")] = 200,
    seed: Annotated[
        int, typer.Option(help="Random seed; the same seed gives the same people.")
    ] = 7,
    today: TodayOption = None,
) -> None:
    """Seed a demo community (once; running it again adds nothing). Its history of interactions
    ends on --today (default: today), so the demo looks current.

    Example: mutuals --db demo.db demo
    """
    from rich.console import Console

    from mutuals.services.demo import seed_demo

    day = as_of(ctx, today)
    added = seed_demo(state(ctx).workspace(), people=people, seed=seed, today=day)
    if added:
        Console().print(f"Seeded the demo community: {added} people with interactions.")
    else:
        Console().print("The demo community is already there; nothing added.")
