"""``mutuals demo``: seed a deterministic demo community to explore mutuals with."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mutuals.cli.dates import TodayOption, as_of
from mutuals.cli.state import state

if TYPE_CHECKING:
    from mutuals.services.context import Workspace


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
    """Seed a demo community (once; running it again adds nothing) and its demo account. Its
    history of interactions ends on --today (default: today), so the demo looks current.

    Example: mutuals --db demo.db demo
    """
    from rich.console import Console

    from mutuals.services.demo import seed_demo

    day = as_of(ctx, today)
    ws = state(ctx).workspace()
    added = seed_demo(ws, people=people, seed=seed, today=day)
    if added:
        Console().print(f"Seeded the demo community: {added} people with interactions.")
    else:
        Console().print("The demo community is already there; nothing added.")
    print_demo_login(ws)


def print_demo_login(ws: Workspace) -> None:
    """Say how to log in to the demo's network."""
    from rich.console import Console

    from mutuals.services.demo import ensure_demo_account

    email, password = ensure_demo_account(ws)
    if password:
        Console().print(f"Log in as [bold]{email}[/] with password [bold]{password}[/].")
    else:
        Console().print(f"Log in as [bold]{email}[/] (the account that owns this network).")
