"""``mutuals log``, ``cadence``, ``snooze``, ``due``, ``digest`` and ``stage``: keeping in touch."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from mutuals.cli.dates import TodayOption, as_of, parse_day
from mutuals.cli.state import LazyConsole, print_json, state
from mutuals.domain.vocab import CHANNELS, DIRECTIONS, KINDS, STAGES

if TYPE_CHECKING:
    from rich.table import Table

console = LazyConsole()

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
RefArg = Annotated[str, typer.Argument(metavar="NAME|ID", help="The contact's name or id.")]


def register(app: typer.Typer) -> None:
    for command in (log, cadence, snooze, due, digest, stage):
        app.command(command.__name__)(command)


def log(
    ctx: typer.Context,
    ref: RefArg,
    channel: Annotated[
        str, typer.Option("--channel", help=f"How: {', '.join(CHANNELS)}.", metavar="CH")
    ],
    kind: Annotated[
        list[str],
        typer.Option("--kind", help=f"What was exchanged (repeatable): {', '.join(KINDS)}."),
    ],
    direction: Annotated[
        str, typer.Option("--direction", help=f"Which way: {', '.join(DIRECTIONS)}.")
    ],
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="YYYY-MM-DD", help="When it happened (default: today)."),
    ] = None,
    note: Annotated[str, typer.Option("--note", help="What was said or done.")] = "",
    with_: Annotated[
        list[str] | None,
        typer.Option("--with", metavar="NAME|ID", help="Someone else who took part (repeatable)."),
    ] = None,
    today_option: TodayOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Log an interaction; any interaction resets the stay-in-touch clock.

    The suggested stage move is judged as of --today (default: today).

    Example: mutuals log "Ada Lovelace" --channel call --kind advice --direction gave --on 2026-11-20 --note "Pricing"
    """
    from mutuals.services import relationships as service
    from mutuals.services import standing

    today = as_of(ctx, today_option)
    ws = state(ctx).workspace()
    logged = service.log_interaction(
        ws,
        ref,
        channel=channel,
        kinds=kind,
        direction=direction,
        on=parse_day(on, "--on") or today,
        note=note,
        others=with_ or [],
        today=today,
    )
    if as_json:
        print_json(logged)
        return
    names = ", ".join(p["name"] for p in logged["contacts"])
    console.print(
        f"Logged {logged['channel']} with {names} on {logged['on']} "
        f"({logged['direction']}: {', '.join(logged['kinds'])})"
    )
    for name in logged["snooze_lifted"]:
        console.print(f"Snooze lifted for {name}: the clock restarts from this interaction.")
    for person in logged["contacts"]:
        suggestion = standing.contact_standing(ws, str(person["id"]), today=today)[
            "stage_suggestion"
        ]
        if suggestion:
            console.print(
                f"Suggested stage for {person['name']}: {suggestion['suggested']} "
                f"({suggestion['reason']}). Confirm with: mutuals stage {person['id']} --accept"
            )


def cadence(
    ctx: typer.Context,
    ref: Annotated[
        str | None, typer.Argument(metavar="[NAME|ID]", help="The contact's name or id.")
    ] = None,
    tag: Annotated[
        str | None, typer.Option("--tag", help="Set the cadence of every contact with this tag.")
    ] = None,
    every: Annotated[
        int | None, typer.Option("--every", metavar="DAYS", help="Ideal days between contacts.")
    ] = None,
    max_days: Annotated[
        int | None,
        typer.Option("--max", metavar="DAYS", help="Overdue after this many (default: 1.5x)."),
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the cadence.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Set how often to stay in touch, per contact or per tag; the contact's own setting wins.

    Without a contact or --tag, list the tag cadences.

    Example: mutuals cadence "Ada Lovelace" --every 30 --max 45

    Example: mutuals cadence --tag client --every 30
    """
    from mutuals.services import relationships as service

    ws = state(ctx).workspace()
    if ref is not None and tag is not None:
        raise typer.BadParameter("give a contact or --tag, not both")
    if ref is None and tag is None:
        if every is not None or clear:
            raise typer.BadParameter("give a contact (NAME|ID) or --tag TAG")
        rows = service.tag_cadences(ws)
        if as_json:
            print_json(rows)
            return
        for row in rows:
            console.print(f"{row['tag']}: every {row['every_days']} days, max {row['max_days']}")
        if not rows:
            console.print("No tag cadences. Set one with: mutuals cadence --tag TAG --every DAYS")
        return
    if every is None and not clear:
        raise typer.BadParameter("give --every DAYS (or --clear)", param_hint="'--every'")
    days = None if clear else every
    if tag is not None:
        result = service.set_tag_cadence(ws, tag, every=days, max_days=max_days)
        target = f"tag '{result['tag']}'"
    else:
        assert ref is not None
        result = service.set_contact_cadence(ws, ref, every=days, max_days=max_days)
        target = f"#{result['id']} {result['name']}"
    if as_json:
        print_json(result)
    elif result["every_days"] is None:
        console.print(f"Cadence cleared for {target}")
    else:
        console.print(
            f"Stay in touch with {target} every {result['every_days']} days "
            f"(overdue after {result['max_days']})"
        )


def snooze(
    ctx: typer.Context,
    ref: RefArg,
    days: Annotated[
        int | None, typer.Option("--days", metavar="N", help="Hide the follow-up for N days.")
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Lift the snooze.")] = False,
    today: TodayOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Put off a due follow-up for N days; it shows again on the day the snooze ends.

    Example: mutuals snooze "Ada Lovelace" --days 7
    """
    from mutuals.services import relationships as service

    if days is None and not clear:
        raise typer.BadParameter("give --days N (or --clear)", param_hint="'--days'")
    result = service.snooze(
        state(ctx).workspace(),
        ref,
        days=None if clear else days,
        today=as_of(ctx, today),
    )
    if as_json:
        print_json(result)
    elif result["snoozed_until"]:
        console.print(f"Snoozed #{result['id']} {result['name']} until {result['snoozed_until']}")
    else:
        console.print(f"Snooze lifted for #{result['id']} {result['name']}")


def _follow_up_table(rows: list[dict[str, Any]], title: str) -> Table:
    from rich.table import Table

    table = Table("id", "name", "status", "days since", "strength", "band", "stage", title=title)
    for row in rows:
        days = "never" if row["days_since"] is None else str(row["days_since"])
        table.add_row(
            str(row["id"]),
            row["name"],
            row["status"],
            days,
            f"{row['strength']:.0f}",
            row["band"],
            row["stage"],
        )
    return table


def due(ctx: typer.Context, today: TodayOption = None, as_json: JsonFlag = False) -> None:
    """List contacts due or overdue for a follow-up: overdue first, most valuable first.

    Contacts that are not due, or are snoozed, do not appear.

    Example: mutuals due --today 2026-12-01 --json
    """
    from mutuals.services import standing

    day = as_of(ctx, today)
    rows = standing.due_list(state(ctx).workspace(), today=day)
    if as_json:
        print_json(rows)
    elif rows:
        console.print(_follow_up_table(rows, f"{len(rows)} due on {day.isoformat()}"))
    else:
        console.print(f"Nobody is due on {day.isoformat()}.")


def digest(ctx: typer.Context, today: TodayOption = None, as_json: JsonFlag = False) -> None:
    """What to do today: follow-ups, strong relationships cooling, where to give first, and stage
    moves to confirm.

    Example: mutuals digest --today 2026-12-01
    """
    from mutuals.services import standing

    day = as_of(ctx, today)
    data = standing.digest_dict(standing.digest(state(ctx).workspace(), today=day))
    if as_json:
        print_json(data)
        return
    console.print(f"[bold]Digest for {data['today']}[/bold]")
    follow_ups = data["overdue"] + data["due"]
    if follow_ups:
        console.print(_follow_up_table(follow_ups, "Follow up"))
    else:
        console.print("No follow-ups due.")
    if data["cooling"]:
        console.print("\n[bold]Strong relationships cooling[/bold]")
        for row in data["cooling"]:
            console.print(
                f"  #{row['id']} {row['name']}: {row['strength_before']:.0f} → "
                f"{row['strength']:.0f} ({row['band']})"
            )
    if data["nudges"]:
        console.print("\n[bold]Give first[/bold]")
        for row in data["nudges"]:
            console.print(f"  #{row['id']} {row['name']}: {row['reason']}")
    overall = data["overall"]
    console.print(
        f"\nOverall: given {overall['given']}, received {overall['received']}"
        + (" (leaning toward receiving: give first)" if data["leans_receiving"] else "")
    )
    if data["stage_moves"]:
        console.print("\n[bold]Stage moves to confirm[/bold] (mutuals stage ID --accept)")
        for row in data["stage_moves"]:
            console.print(
                f"  #{row['id']} {row['name']}: {row['current']} → {row['suggested']} "
                f"({row['reason']})"
            )


def stage(
    ctx: typer.Context,
    ref: RefArg,
    set_: Annotated[
        str | None,
        typer.Option("--set", metavar="STAGE", help=f"Move to: {', '.join(STAGES)}."),
    ] = None,
    accept: Annotated[
        bool, typer.Option("--accept", help="Confirm the move mutuals suggests.")
    ] = False,
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="YYYY-MM-DD", help="When the move happened (default: today)."),
    ] = None,
    note: Annotated[str, typer.Option("--note", help="Why.")] = "",
    today: TodayOption = None,
    as_json: JsonFlag = False,
) -> None:
    """See a contact's stage, its history and the suggested move; confirm a move.

    Example: mutuals stage "Ada Lovelace" --set relationship --note "Lunch went well"
    """
    from mutuals.services import relationships as service
    from mutuals.services import standing

    day = as_of(ctx, today)
    ws = state(ctx).workspace()
    if set_ is not None and accept:
        raise typer.BadParameter("give --set STAGE or --accept, not both")
    if set_ is not None:
        service.set_stage(ws, ref, set_, on=parse_day(on, "--on") or day, note=note)
    elif accept:
        service.accept_stage_suggestion(ws, ref, today=day)
    shown = standing.contact_standing(ws, ref, today=day)
    data = {
        key: shown[key]
        for key in ("id", "name", "stage", "stage_history", "stage_suggestion", "strength", "band")
    }
    if as_json:
        print_json(data)
        return
    console.print(f"#{data['id']} {data['name']}: [bold]{data['stage']}[/bold]")
    for change in data["stage_history"]:
        note_text = f" ({change['note']})" if change["note"] else ""
        console.print(f"  {change['on']}  {change['stage']}{note_text}")
    suggestion = data["stage_suggestion"]
    if suggestion:
        console.print(
            f"Suggested: {suggestion['suggested']} ({suggestion['reason']}). "
            f"Confirm with: mutuals stage {data['id']} --accept"
        )
