"""``mutuals schedule``: print a speed-networking rotation, as Rich tables or JSON."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mutuals.cli.state import state

if TYPE_CHECKING:
    from rich.console import Console

    from mutuals.domain.schedule import Schedule


class WeightKind(StrEnum):
    mutual = "mutual"
    none = "none"


class OddKind(StrEnum):
    trio = "trio"
    bye = "bye"


def _fail(message: str) -> typer.Exit:
    from rich.console import Console

    Console(stderr=True).print(f"[red]Error:[/red] {message}")
    return typer.Exit(code=2)


def print_rounds(
    schedule: Schedule, console: Console, labels: list[str] | None = None, first_round: int = 1
) -> None:
    """One Rich table per round (numbered from ``first_round``), then the statistics."""
    from rich.table import Table

    def name(person: object) -> str:
        if labels is not None and isinstance(person, int):
            return labels[person]
        return str(person)

    for r, rnd in enumerate(schedule.rounds, start=1):
        table = Table(title=f"Round {r + first_round - 1}", show_lines=False)
        table.add_column("Table", justify="right")
        table.add_column("People")
        for t, people in enumerate(rnd, start=1):
            table.add_row(str(t), ", ".join(name(p) for p in people))
        if schedule.byes and schedule.byes[r - 1]:
            table.add_row("bye", ", ".join(name(p) for p in schedule.byes[r - 1]))
        console.print(table)
    s = schedule.stats
    summary = (
        f"repeats: {s.repeats}  new people met per person: min {s.new_met_min}, "
        f"mean {s.new_met_mean}  byes: {s.byes}"
    )
    if s.weight_share is not None:
        summary += f"  mutual interest met: {s.weight_share:.1%} of the best possible"
    console.print(summary)


# Far beyond any real event, and small enough that a typo (an extra zero or three) gets a message
# instead of a planner that runs out of memory.
MAX_PEOPLE = 10_000
MAX_ROUNDS = 1_000


def schedule(
    ctx: typer.Context,
    people: Annotated[
        int | None, typer.Option("--people", help="Plan for people 0..N-1.", min=0)
    ] = None,
    table_size: Annotated[
        int, typer.Option("--table-size", help="Seats per table (2 = pairs).")
    ] = 2,
    rounds: Annotated[int, typer.Option("--rounds", help="Number of rounds.")] = 5,
    attendees: Annotated[
        Path | None, typer.Option("--attendees", help="Profile CSV of the attendees.")
    ] = None,
    weights: Annotated[
        WeightKind, typer.Option("--weights", help="mutual: best matches first; none: plain.")
    ] = WeightKind.none,
    backend: Annotated[
        str | None,
        typer.Option(
            "--backend",
            help="Text similarity for --weights mutual (default: MUTUALS_SIMILARITY_BACKEND, "
            "else wordllama).",
        ),
    ] = None,
    hosts: Annotated[int, typer.Option("--hosts", help="The first N people stay seated.")] = 0,
    odd: Annotated[OddKind, typer.Option("--odd", help="Odd count in pairs: trio or bye.")] = (
        OddKind.trio
    ),
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same schedule.")] = 0,
    budget: Annotated[
        float | None,
        typer.Option(
            "--budget",
            metavar="SECONDS",
            help="Stop improving after this long and print the best plan so far.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Plan a speed-networking rotation: who sits with whom, round by round.

    Nobody meets the same person twice while that can be avoided; with pairs, an even group
    meets everyone in N-1 rounds.

    With --attendees (a profile CSV) and --weights mutual, the pairs with the most mutual
    interest meet in the earliest rounds.

    Example: mutuals schedule --attendees examples/attendees.csv --table-size 2 --rounds 5 --weights mutual
    """
    from rich.console import Console

    if table_size < 2:
        raise _fail("--table-size must be at least 2")
    if rounds < 1:
        raise _fail("--rounds must be at least 1")
    if rounds > MAX_ROUNDS:
        raise _fail(f"--rounds must be at most {MAX_ROUNDS}")
    if hosts < 0:
        raise _fail("--hosts must not be negative")
    if budget is not None and not budget >= 0:
        raise _fail("--budget must be a number of seconds, 0 or more")
    if attendees is not None and people is not None:
        raise _fail("give either --people N or --attendees FILE.csv, not both")
    if backend is not None and weights is not WeightKind.mutual:
        raise _fail("--backend applies only with --weights mutual")
    # The engines load NumPy and SciPy: import them only when a plan is asked for.
    from mutuals.services.rotation import plan_for_attendees, plan_json, plan_numbered

    labels: list[str] | None = None
    try:
        if attendees is not None:
            rotation = plan_for_attendees(
                attendees,
                table_size=table_size,
                rounds=rounds,
                weighted=weights is WeightKind.mutual,
                hosts=hosts,
                odd=odd.value,
                seed=seed,
                backend=backend or state(ctx).settings.similarity_backend,
                budget_seconds=budget,
            )
            plan, labels = rotation.schedule, rotation.labels
        else:
            if weights is WeightKind.mutual:
                raise _fail("--weights mutual needs --attendees (profiles to score)")
            if people is None:
                raise _fail("give --people N or --attendees FILE.csv")
            if people < 2:
                raise _fail("--people must be at least 2")
            if people > MAX_PEOPLE:
                raise _fail(f"--people must be at most {MAX_PEOPLE}")
            plan = plan_numbered(
                people,
                table_size=table_size,
                rounds=rounds,
                hosts=hosts,
                odd=odd.value,
                seed=seed,
                budget_seconds=budget,
            )
    except ValueError as err:
        raise _fail(str(err)) from err
    if as_json:
        data = plan_json(
            plan, table_size=table_size, odd=odd.value, hosts=list(range(hosts)), labels=labels
        )
        typer.echo(json.dumps(data, ensure_ascii=False))
    else:
        print_rounds(plan, Console(), labels)


def register(app: typer.Typer) -> None:
    """Add the ``schedule`` command to the mutuals app."""
    app.command("schedule")(schedule)
