"""``mutuals replan``: between rounds, plan the rest of an event for who is here now."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from mutuals.cli.schedule import print_rounds


def register(app: typer.Typer) -> None:
    app.command("replan")(replan)


def replan(
    plan_file: Annotated[
        Path, typer.Argument(metavar="PLAN.json", help="A plan from `mutuals schedule --json`.")
    ],
    after: Annotated[int, typer.Option("--after", help="Rounds already held.", min=0)],
    left: Annotated[
        list[str] | None, typer.Option("--left", help="Someone who left (repeatable).")
    ] = None,
    arrived: Annotated[
        list[str] | None, typer.Option("--arrived", help="A latecomer (repeatable).")
    ] = None,
    rounds: Annotated[
        int | None,
        typer.Option(
            "--rounds", help="Rounds still to plan (default: the plan's remaining).", min=1
        ),
    ] = None,
    table_size: Annotated[
        int | None, typer.Option("--table-size", help="Seats per table (default: the plan's).")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same plan.")] = 0,
    budget: Annotated[
        float | None,
        typer.Option(
            "--budget",
            metavar="SECONDS",
            help="Stop improving after this long and print the best plan so far.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the whole plan (held + new rounds) as JSON.")
    ] = False,
) -> None:
    """Re-plan the rounds still to come: nobody meets someone they already met, latecomers sit
    from the next round (never on a bye), and tables of the old plan that still work are kept.

    The JSON output is again a plan, so it can be re-planned after the next round.

    Example: mutuals replan plan.json --after 3 --left 4 --left 9 --arrived 40 --json > plan2.json
    """
    from rich.console import Console

    from mutuals.io.errors import ImportFailure
    from mutuals.services.rotation import replan_plan

    if budget is not None and not budget >= 0:
        Console(stderr=True).print(
            "[red]Error:[/red] --budget must be a number of seconds, 0 or more"
        )
        raise typer.Exit(code=2)

    try:
        plan = json.loads(plan_file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ImportFailure(f"cannot read file: {exc.strerror or exc}", path=plan_file) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFailure(f"not a JSON plan: {exc}", path=plan_file) from exc
    continued = replan_plan(
        plan,
        path=plan_file,
        after=after,
        left=left or [],
        arrived=arrived or [],
        rounds=rounds,
        table_size=table_size,
        seed=seed,
        budget_seconds=budget,
    )
    if as_json:
        typer.echo(json.dumps(continued.as_json(), ensure_ascii=False))
    else:
        print_rounds(continued.schedule, Console(), first_round=after + 1)
