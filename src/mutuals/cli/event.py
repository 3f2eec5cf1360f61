"""``mutuals event``: create an event, plan it from who checked in, and run the evening."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from mutuals.cli.state import LazyConsole, print_json, state

event_app = typer.Typer(
    help="Run a speed-networking event: attendees, check-in, plan, rounds, picks and matches.",
    no_args_is_help=True,
)
console = LazyConsole()

EventArg = Annotated[str, typer.Argument(metavar="EVENT", help="The event's id or name.")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


class WeightKind(StrEnum):
    mutual = "mutual"
    none = "none"


def register(app: typer.Typer) -> None:
    app.add_typer(event_app, name="event")


@event_app.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The event's name.")],
    on: Annotated[
        str, typer.Option("--on", metavar="'YYYY-MM-DD HH:MM'", help="When it starts (local).")
    ],
    place: Annotated[str, typer.Option("--place", help="Where: venue and town.")],
    rounds: Annotated[int, typer.Option("--rounds", help="How many rounds.")] = 6,
    minutes: Annotated[int, typer.Option("--minutes", help="Minutes per round.")] = 7,
    break_: Annotated[
        int, typer.Option("--break", metavar="M", help="Minutes between rounds.")
    ] = 1,
    table_size: Annotated[
        int, typer.Option("--table-size", metavar="K", help="People per table (2 for pairs).")
    ] = 2,
    cap: Annotated[
        int | None, typer.Option("--cap", help="Registration cap; later ones join a waiting list.")
    ] = None,
    tz: Annotated[str, typer.Option("--tz", help="The place's time zone.")] = "UTC",
    unlisted: Annotated[
        bool, typer.Option("--unlisted", help="Keep it out of the public events directory.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Create an event you organise (listed in the events directory unless --unlisted).

    Example: mutuals event create "Hour of Power" --on "2026-12-10 18:30" --place "The Hub, Leeds" --rounds 6 --minutes 7
    """
    from mutuals.services.events import create_event, parse_when

    event = create_event(
        state(ctx).workspace(),
        name=name,
        starts_at=parse_when(on),
        place=place,
        rounds=rounds,
        minutes=minutes,
        break_minutes=break_,
        table_size=table_size,
        capacity=cap,
        timezone=tz,
        listed=not unlisted,
    )
    if as_json:
        print_json(event)
        return
    console.print(
        f"Created event #{event['id']} {event['name']} on {event['starts_at']} at "
        f"{event['place']}: {rounds} rounds of {minutes} minutes"
    )


@event_app.command("edit")
def edit(
    ctx: typer.Context,
    event: EventArg,
    name: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="'YYYY-MM-DD HH:MM'", help="When it starts (local)."),
    ] = None,
    place: Annotated[str | None, typer.Option("--place", help="Where: venue and town.")] = None,
    rounds: Annotated[int | None, typer.Option("--rounds", help="How many rounds.")] = None,
    minutes: Annotated[int | None, typer.Option("--minutes", help="Minutes per round.")] = None,
    break_: Annotated[
        int | None, typer.Option("--break", metavar="M", help="Minutes between rounds.")
    ] = None,
    table_size: Annotated[
        int | None,
        typer.Option("--table-size", metavar="K", help="People per table (2 for pairs)."),
    ] = None,
    cap: Annotated[
        int | None, typer.Option("--cap", help="Registration cap; a higher one lets people in.")
    ] = None,
    listed: Annotated[
        bool | None,
        typer.Option("--listed/--unlisted", help="Show it in the public events directory or not."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Change an event you organise; only the options given change.

    Before the start, new rounds or table size drop the plan (plan again); once it has begun
    they are refused. A higher cap moves people up from the waiting list.

    Example: mutuals event edit "Hour of Power" --place "The Corn Exchange, Leeds" --cap 60
    """
    from mutuals.services.events import edit_event, parse_when

    done = edit_event(
        state(ctx).workspace(),
        event,
        name=name,
        starts_at=parse_when(on) if on is not None else None,
        place=place,
        rounds=rounds,
        minutes=minutes,
        break_minutes=break_,
        table_size=table_size,
        capacity=cap,
        listed=listed,
    )
    if as_json:
        print_json(done)
        return
    console.print(f"Updated event #{done['id']} {done['name']}")
    if done["plan_dropped"]:
        console.print("The plan no longer fits: plan again (mutuals event plan)")
    if done["promoted"]:
        console.print("Moved up from the waiting list: " + ", ".join(done["promoted"]))


@event_app.command("delete")
def delete(
    ctx: typer.Context,
    event: EventArg,
    yes: Annotated[bool, typer.Option("--yes", help="Delete without asking.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Delete an event you organise, with its list, links, answers and matches.

    Example: mutuals event delete "Hour of Power" --yes
    """
    from mutuals.services.events import delete_event

    if not yes and not typer.confirm(f"Delete {event} and everything about it?"):
        raise typer.Exit(1)
    done = delete_event(state(ctx).workspace(), event)
    if as_json:
        print_json(done)
        return
    console.print(f"Deleted event #{done['deleted']} {done['name']}")


@event_app.command("checkin")
def checkin(
    ctx: typer.Context,
    event: EventArg,
    names: Annotated[list[str], typer.Argument(metavar="NAME...", help="Names, emails or ids.")],
) -> None:
    """Check attendees in at the door; after the plan, the rounds to come are re-planned.

    Example: mutuals event checkin "Hour of Power" "Priya Shah" "Tom Becker"
    """
    from mutuals.services.event_plan import check_in

    done = check_in(state(ctx).workspace(), event, names)
    console.print("Checked in: " + ", ".join(a["name"] for a in done))


@event_app.command("plan")
def plan(
    ctx: typer.Context,
    event: EventArg,
    weights: Annotated[
        WeightKind,
        typer.Option(help="mutual: the best-matched pairs meet first; none: just rotate."),
    ] = WeightKind.mutual,
    host: Annotated[
        list[str] | None, typer.Option("--host", help="An attendee who keeps one table.")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed, the same plan.")] = 0,
    budget: Annotated[
        float | None,
        typer.Option(
            "--budget",
            metavar="SECONDS",
            help="Stop improving after this long and keep the best plan so far.",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Plan every round for the attendees checked in: nobody meets twice, people of one
    company sit apart, and with --weights mutual the best matches meet first.

    With people waiting at the door, --budget caps the time: the plan is the best found by then.

    Example: mutuals event plan "Hour of Power" --weights mutual --budget 5 --json
    """
    from mutuals.services.event_plan import plan_event

    planned = plan_event(
        state(ctx).workspace(),
        event,
        weights=weights.value,
        hosts=host or [],
        seed=seed,
        budget_seconds=budget,
    )
    if as_json:
        print_json(
            {"rounds": planned["rounds"], "byes": planned["byes"], "stats": planned["stats"]}
        )
        return
    print_plan(planned)


def print_plan(planned: dict[str, Any]) -> None:
    from rich.table import Table

    for number, tables in enumerate(planned["rounds"], start=1):
        table = Table("Table", "People", title=f"Round {number}")
        for t, names in enumerate(tables, start=1):
            table.add_row(str(t), ", ".join(names))
        byes = planned["byes"][number - 1] if number <= len(planned["byes"]) else []
        if byes:
            table.add_row("out", ", ".join(byes))
        console.print(table)
    s = planned["stats"]
    line = f"repeats: {s.get('repeats')}  new people met per person: min {s.get('new_met_min')}"
    if s.get("weight_share") is not None:
        line += f"  mutual interest met: {100 * s['weight_share']:.1f}% of the best possible"
    console.print(line)


def _run(ctx: typer.Context, event: str, action: str) -> None:
    from mutuals.services.event_run import step

    done = step(state(ctx).workspace(), event, action)
    at = done["moment"]
    left = int(at["left"])
    clock = f"{left // 60}:{left % 60:02d} left"
    messages = {
        "start": f"Round {at['round']} of {at['rounds']} is running ({clock})",
        "next": f"Round {at['round']} of {at['rounds']} has begun ({clock})",
        "pause": f"Paused in round {at['round']} ({clock})",
        "end": f"{done['name']} has ended after {at['round']} rounds; picks stay open",
    }
    console.print(messages[action])
    mail = done.get("mail")
    if mail is not None:
        console.print(f"Mailed {mail['sent']} match emails")
        for failure in mail["failed"]:
            console.print(f"[red]not sent[/red]: {failure}")


@event_app.command("start")
def start(ctx: typer.Context, event: EventArg) -> None:
    """Start round 1 (or carry on after a pause).

    Example: mutuals event start "Hour of Power"
    """
    _run(ctx, event, "start")


@event_app.command("next")
def next_(ctx: typer.Context, event: EventArg) -> None:
    """Begin the next round now.

    Example: mutuals event next "Hour of Power"
    """
    _run(ctx, event, "next")


@event_app.command("pause")
def pause(ctx: typer.Context, event: EventArg) -> None:
    """Pause the countdown (start carries on).

    Example: mutuals event pause "Hour of Power"
    """
    _run(ctx, event, "pause")


@event_app.command("end")
def end(ctx: typer.Context, event: EventArg) -> None:
    """End the evening; attendees can still answer whom to follow up with.

    Example: mutuals event end "Hour of Power"
    """
    _run(ctx, event, "end")


@event_app.command("late")
def late(
    ctx: typer.Context,
    event: EventArg,
    name: Annotated[str, typer.Argument(help="Name, email or id.")],
) -> None:
    """Seat a latecomer from the next round: the rounds to come are re-planned.

    Example: mutuals event late "Hour of Power" "Nina Park"
    """
    from mutuals.services.event_plan import check_in

    done = check_in(state(ctx).workspace(), event, [name])[0]
    console.print(f"{done['name']} arrived; the rounds to come are re-planned")


@event_app.command("leave")
def leave(
    ctx: typer.Context,
    event: EventArg,
    name: Annotated[str, typer.Argument(help="Name, email or id.")],
) -> None:
    """Someone leaves: the rounds to come are re-planned without them.

    Example: mutuals event leave "Hour of Power" "Tom Becker"
    """
    from mutuals.services.event_plan import leave as leave_event

    done = leave_event(state(ctx).workspace(), event, name)
    console.print(f"{done['name']} left; the rounds to come are re-planned")


@event_app.command("noshow")
def noshow(
    ctx: typer.Context,
    event: EventArg,
    name: Annotated[str, typer.Argument(help="Name, email or id.")],
) -> None:
    """Someone on the plan is not there: re-plan the rounds to come without them.

    Example: mutuals event noshow "Hour of Power" "Tom Becker"
    """
    from mutuals.services.event_plan import no_show

    done = no_show(state(ctx).workspace(), event, name)
    console.print(f"{done['name']} is not here; the rounds to come are re-planned")


@event_app.command("cancel")
def cancel(
    ctx: typer.Context,
    event: EventArg,
    name: Annotated[str, typer.Argument(help="Name, email or id.")],
    as_json: JsonFlag = False,
) -> None:
    """Take someone off the list before the event begins; the first on the waiting list gets
    their place. Their record and private links are deleted.

    Example: mutuals event cancel "Hour of Power" "Tom Becker"
    """
    from mutuals.services.attendees import cancel as cancel_place

    done = cancel_place(state(ctx).workspace(), event, name)
    if as_json:
        print_json(done)
        return
    message = f"{done['cancelled']} is off the list"
    if done["promoted"]:
        message += f"; {done['promoted']} moves up from the waiting list"
    console.print(message)
