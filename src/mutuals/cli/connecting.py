"""``mutuals mutual``, ``intro-path``, ``reach-out``, ``outreach``, ``suggest`` and the network
share (``export network``, ``import network``): connecting, direct first."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from mutuals.cli.dates import TodayOption, as_of, parse_day
from mutuals.cli.exports import export_app
from mutuals.cli.imports import import_app
from mutuals.cli.state import LazyConsole, print_json, state
from mutuals.domain.vocab import DIRECT_CHANNELS

console = LazyConsole()

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
PersonArg = Annotated[
    str,
    typer.Argument(
        metavar="NAME|ID",
        help="A contact's name or id, or a name from a friend's shared network.",
    ),
]


def register(app: typer.Typer) -> None:
    for command in (mutual, reach_out, outreach, suggest):
        app.command(command.__name__.replace("_", "-"))(command)
    app.command("intro-path")(intro_path)
    export_app.command("network")(export_network_command)
    import_app.command("network")(import_network_command)


def export_network_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Where to write the CSV.")],
    today: TodayOption = None,
) -> None:
    """Write your connected contacts as a network file to send a friend:
    name, company, position, LinkedIn URL and tie strength; never emails, phones or notes.

    Example: mutuals export network my-network.csv
    """
    from mutuals.services.exports import write_atomically
    from mutuals.services.sharing import export_network

    day = as_of(ctx, today)
    payload, count = export_network(state(ctx).workspace(), today=day)
    write_atomically(path, payload)
    console.print(f"Wrote {count} ties to {path}")


def import_network_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A network file a friend exported.")],
    from_: Annotated[
        str,
        typer.Option("--from", metavar="NAME|ID", help="The contact who shared it."),
    ],
    as_json: JsonFlag = False,
) -> None:
    """Load a friend's network file as their ties; a re-import replaces their earlier share.

    Example: mutuals import network bo-network.csv --from "Bo Chen"
    """
    from mutuals.services.sharing import import_network

    result = import_network(state(ctx).workspace(), path, from_ref=from_)
    if as_json:
        print_json(result)
        return
    console.print(
        f"Loaded {result['ties']} ties shared by {result['from']}"
        + (f" (replacing {result['replaced']})" if result["replaced"] else "")
    )


def mutual(
    ctx: typer.Context, ref: PersonArg, today: TodayOption = None, as_json: JsonFlag = False
) -> None:
    """List the people whom both you and NAME know, with both tie strengths.

    Example: mutuals mutual "Ana Silva"
    """
    from rich.table import Table

    from mutuals.services import connecting as service

    day = as_of(ctx, today)
    result = service.mutual(state(ctx).workspace(), ref, today=day)
    if as_json:
        print_json(result)
        return
    if not result["mutual"]:
        console.print(f"No mutual connections with {result['name']} yet.")
        return
    table = Table(title=f"Mutual connections with {result['name']}")
    for column in ("name", "your tie", "their tie"):
        table.add_column(column)
    for row in result["mutual"]:
        table.add_row(row["name"], f"{row['my_strength']:.2f}", f"{row['their_strength']:.2f}")
    console.print(table)


def intro_path(
    ctx: typer.Context,
    ref: Annotated[
        str | None,
        typer.Argument(metavar="[NAME|ID]", help="Whom to reach (or use --company)."),
    ] = None,
    company: Annotated[
        str | None, typer.Option("--company", help="Reach someone at this company.")
    ] = None,
    k: Annotated[int, typer.Option("--k", help="How many paths to show.")] = 3,
    max_hops: Annotated[int, typer.Option("--max-hops", help="Longest path, in ties.")] = 3,
    today: TodayOption = None,
    as_json: JsonFlag = False,
) -> None:
    """How to reach someone: directly first, or through the strongest mutual connections.

    Paths are scored by the product of tie strengths. The advice is "connected" for a contact
    you are connected with, "direct" until a direct attempt has waited the waiting period
    (MUTUALS_OUTREACH_WAIT_DAYS, 14 by default), then "intro" along the best path.

    Example: mutuals intro-path "Ana Silva" --k 3 --json
    """
    from mutuals.services import connecting as service

    day = as_of(ctx, today)
    result = service.intro_path(
        state(ctx).workspace(), ref, company=company, k=k, max_hops=max_hops, today=day
    )
    if as_json:
        print_json(result)
        return
    console.print(f"[bold]{result['target']}[/bold]: {result['advice']}. {result['reason']}")
    for i, path in enumerate(result["paths"], 1):
        via = " → ".join(["you", *path["via"], result["target"]])
        console.print(f"  {i}. {via}  (strength {path['strength']:.3f})")


def reach_out(
    ctx: typer.Context,
    ref: PersonArg,
    channel: Annotated[
        str,
        typer.Option("--channel", help=f"How: {', '.join(DIRECT_CHANNELS)}.", metavar="CH"),
    ],
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="YYYY-MM-DD", help="When you reached out (default: today)."),
    ] = None,
    note: Annotated[str, typer.Option("--note", help="What you wrote or said.")] = "",
    today: TodayOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Log a direct attempt to reach someone and open an outreach.

    Someone from a friend's shared network who is not a contact yet is added at stage "prospect".

    Example: mutuals reach-out "Ana Silva" --channel linkedin --on 2026-12-01 --note "Asked about pricing"
    """
    from mutuals.services import connecting as service

    day = as_of(ctx, today)
    result = service.reach_out(
        state(ctx).workspace(),
        ref,
        channel=channel,
        on=parse_day(on, "--on") or day,
        note=note,
        today=day,
    )
    if as_json:
        print_json(result)
        return
    added = " (added as a prospect)" if result["added"] else ""
    console.print(
        f"Logged a direct attempt to {result['name']}{added} by {result['channel']} on "
        f"{result['attempted_on']}; if there is no reply by {result['intro_from']}, "
        "`mutuals intro-path` will suggest an introduction."
    )


def outreach(ctx: typer.Context, today: TodayOption = None, as_json: JsonFlag = False) -> None:
    """List open outreaches: waiting, replied, or time to ask for an intro (with the best path).

    Example: mutuals outreach --today 2026-12-15
    """
    from rich.table import Table

    from mutuals.services import connecting as service

    day = as_of(ctx, today)
    items = service.outreach(state(ctx).workspace(), today=day)
    if as_json:
        # The scripting contract is these four fields; the web page shows more of the service's.
        print_json([{key: item[key] for key in OUTREACH_FIELDS} for item in items])
        return
    if not items:
        console.print("No open outreach. Start one with `mutuals reach-out NAME --channel ...`.")
        return
    table = Table(title=f"Outreach as of {day.isoformat()}")
    for column in ("name", "status", "days", "best path"):
        table.add_column(column)
    for item in items:
        table.add_row(item["name"], item["status"], str(item["days_waiting"]), _via(item["path"]))
    console.print(table)


OUTREACH_FIELDS = ("name", "status", "days_waiting", "path")


def _via(path: dict[str, Any] | None) -> str:
    if not path:
        return ""
    return f"via {', then '.join(path['via'])} ({path['strength']:.2f})"


def suggest(
    ctx: typer.Context,
    top: Annotated[int, typer.Option("--top", help="How many people to list.")] = 10,
    no_interest: Annotated[
        bool, typer.Option("--no-interest", help="Rank by mutual connections alone.")
    ] = False,
    today: TodayOption = None,
    as_json: JsonFlag = False,
) -> None:
    """People you may know: your friends' connections, ranked by mutual connections (resource
    allocation) and, where your profile says what you offer and need, mutual interest.

    Example: mutuals suggest --top 5
    """
    from rich.table import Table

    from mutuals.services.suggestions import suggestions

    day = as_of(ctx, today)
    found = suggestions(state(ctx).workspace(), today=day, top=top, interest=not no_interest)
    if as_json:
        print_json(found)
        return
    if not found:
        console.print(
            "No suggestions yet: import a friend's network with `mutuals import network`."
        )
        return
    table = Table(title="People you may know")
    for column in ("name", "company", "score", "why"):
        table.add_column(column)
    for row in found:
        table.add_row(row["name"], row["company"], f"{row['score']:.2f}", row["reason"])
    console.print(table)
