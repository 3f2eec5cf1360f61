"""``mutuals draft connect|intro|follow-up``: outreach notes to copy, or to send by email."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mutuals.cli.dates import TodayOption, as_of
from mutuals.cli.state import LazyConsole, print_json, state

draft_app = typer.Typer(
    help="Draft a connection note, an intro request or a follow-up (templates are overridable).",
    no_args_is_help=True,
)
console = LazyConsole()

PersonArg = Annotated[str, typer.Argument(metavar="NAME|ID", help="Whom the note is about or for.")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
SendFlag = Annotated[
    bool,
    typer.Option("--send", help="Send it by email (MUTUALS_SMTP_* settings) and log it."),
]


def register(app: typer.Typer) -> None:
    app.add_typer(draft_app, name="draft")


def _finish(
    ctx: typer.Context, rendered: dict[str, Any], send: bool, as_json: bool, day: Any
) -> None:
    if send:
        from mutuals.services.drafts import send_draft

        rendered = send_draft(state(ctx).workspace(), rendered, today=day)
    if as_json:
        print_json(rendered)
        return
    # Plain echo: a note to copy must not be re-wrapped to the terminal's width.
    if rendered["subject"]:
        typer.echo(f"Subject: {rendered['subject']}\n")
    typer.echo(rendered["body"])
    if send:
        console.print(f"\nSent to {rendered['to']} <{rendered['sent_to']}> and logged.")


@draft_app.command("connect")
def connect(
    ctx: typer.Context,
    ref: PersonArg,
    max_chars: Annotated[
        int, typer.Option("--max-chars", help="Longest note (LinkedIn allows 300).")
    ] = 300,
    send: SendFlag = False,
    today: TodayOption = None,
    as_json: JsonFlag = False,
) -> None:
    """A connection note within LinkedIn's limit, mentioning your mutual interest.

    Example: mutuals draft connect "Ana Silva" --max-chars 300
    """
    from mutuals.services.drafts import draft

    day = as_of(ctx, today)
    rendered = draft(state(ctx).workspace(), "connect", ref, max_chars=max_chars, today=day)
    _finish(ctx, rendered, send, as_json, day)


@draft_app.command("intro")
def intro(
    ctx: typer.Context,
    ref: PersonArg,
    via: Annotated[str, typer.Option("--via", metavar="NAME|ID", help="The friend to ask.")],
    send: SendFlag = False,
    today: TodayOption = None,
    as_json: JsonFlag = False,
) -> None:
    """A forwardable, double opt-in intro request: asks the friend to check first whether
    NAME is open to it.

    Example: mutuals draft intro "Ana Silva" --via "Bo Chen"
    """
    from mutuals.services.drafts import draft

    day = as_of(ctx, today)
    rendered = draft(state(ctx).workspace(), "intro", ref, via=via, today=day)
    _finish(ctx, rendered, send, as_json, day)


@draft_app.command("follow-up")
def follow_up(
    ctx: typer.Context,
    ref: PersonArg,
    event: Annotated[
        int | None,
        typer.Option(
            "--event",
            metavar="ID",
            help="The event you met at (its id): the note names it and why you were seated "
            "together.",
        ),
    ] = None,
    send: SendFlag = False,
    today: TodayOption = None,
    as_json: JsonFlag = False,
) -> None:
    """A note after a meeting or an event: without --event it recalls your latest interaction;
    with it, the event's name and day and your mutual interest. NAME must have sat with you
    at that event.

    Example: mutuals draft follow-up "Ana Silva" --event 7
    """
    from mutuals.services.drafts import draft

    day = as_of(ctx, today)
    rendered = draft(state(ctx).workspace(), "follow-up", ref, event=event, today=day)
    _finish(ctx, rendered, send, as_json, day)
