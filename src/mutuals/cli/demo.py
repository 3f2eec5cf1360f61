"""``mutuals demo``: seed a deterministic demo community to explore mutuals with."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from mutuals.cli.state import state
from mutuals.services.context import Workspace
from mutuals.services.demo import ensure_demo_account, seed_demo


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    ctx: typer.Context,
    people: Annotated[int, typer.Option(min=2, max=5000, help="How many people.")] = 200,
    seed: Annotated[
        int, typer.Option(help="Random seed; the same seed gives the same people.")
    ] = 7,
) -> None:
    """Seed a demo community (once; running it again adds nothing) and its demo account.

    Example: mutuals --db demo.db demo
    """
    ws = state(ctx).workspace()
    added = seed_demo(ws, people=people, seed=seed)
    if added:
        Console().print(f"Seeded the demo community: {added} people with interactions.")
    else:
        Console().print("The demo community is already there; nothing added.")
    print_demo_login(ws)


def print_demo_login(ws: Workspace) -> None:
    """Say how to log in to the demo's network."""
    email, password = ensure_demo_account(ws)
    if password:
        Console().print(f"Log in as [bold]{email}[/] with password [bold]{password}[/].")
    else:
        Console().print(f"Log in as [bold]{email}[/] (the account that owns this network).")
