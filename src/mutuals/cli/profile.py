"""``mutuals profile``: your own profile, which prospecting matches against everyone else's."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mutuals.cli.state import print_json, state

profile_app = typer.Typer(
    help="Show or set what you offer, need and care about.", no_args_is_help=True
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
Phrases = list[str] | None


def register(app: typer.Typer) -> None:
    app.add_typer(profile_app, name="profile")


@profile_app.command("show")
def show(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Show your profile.

    Example: mutuals profile show --json
    """
    from mutuals.services.member import member_profile

    data = member_profile(state(ctx).workspace())
    if as_json:
        print_json(data)
    else:
        print_profile(data)


@profile_app.command("set")
def set_(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="Your name.")] = None,
    headline: Annotated[str | None, typer.Option(help="One line on what you do.")] = None,
    offer: Annotated[
        Phrases,
        typer.Option("--offer", "--offers", help="What you offer (repeatable, or ';'-separated)."),
    ] = None,
    need: Annotated[
        Phrases,
        typer.Option("--need", "--needs", help="What you need (repeatable, or ';'-separated)."),
    ] = None,
    interest: Annotated[
        Phrases, typer.Option("--interest", "--interests", help="An interest (repeatable).")
    ] = None,
    goal: Annotated[Phrases, typer.Option("--goal", "--goals", help="A goal (repeatable).")] = None,
    industry: Annotated[str | None, typer.Option(help="Your industry.")] = None,
    location: Annotated[str | None, typer.Option(help="Where you are.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Set parts of your profile; each list you give replaces the stored one.

    Example: mutuals profile set --headline "Accountant for small firms" --offer "bookkeeping and tax returns" --need "a website that brings clients"
    """
    from mutuals.services.member import set_member_profile

    data = set_member_profile(
        state(ctx).workspace(),
        name=name,
        headline=headline,
        industry=industry,
        location=location,
        offers=offer,
        needs=need,
        interests=interest,
        goals=goal,
    )
    if as_json:
        print_json(data)
    else:
        print_profile(data)


def print_profile(data: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_header=False, box=None, title=data["name"])
    for key in ("headline", "industry", "location"):
        if data[key]:
            table.add_row(key.capitalize(), data[key])
    for key in ("offers", "needs", "interests", "goals"):
        table.add_row(key.capitalize(), "; ".join(data[key]) or "—")
    Console().print(table)
