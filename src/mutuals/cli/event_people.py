"""``mutuals event attendees|pick|matches|stats|link|print|ics``: the people of an event, their
follow-up picks, and the event's files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from mutuals.cli.event import EventArg, JsonFlag, console, event_app
from mutuals.cli.state import print_json, state

attendees_app = typer.Typer(help="Import and list an event's attendees.", no_args_is_help=True)


class PrintKind(StrEnum):
    sheets = "sheets"
    itineraries = "itineraries"
    badges = "badges"
    cards = "cards"


def register(app: typer.Typer) -> None:
    event_app.add_typer(attendees_app, name="attendees")


@attendees_app.command("import")
def import_(
    ctx: typer.Context,
    event: EventArg,
    path: Annotated[Path, typer.Argument(metavar="FILE.csv", help="A profile CSV.")],
    as_json: JsonFlag = False,
) -> None:
    """Add the people of a profile CSV (name,email,company,headline,interests,offers,needs)
    to the event; a bad row is refused with its line and field, and nothing is written.

    Example: mutuals event attendees import "Hour of Power" examples/attendees.csv
    """
    from mutuals.services.attendees import import_attendees

    done = import_attendees(state(ctx).workspace(), event, path)
    if as_json:
        print_json(done)
        return
    console.print(
        f"Added {done['added']}, updated {done['updated']}: {done['attendees']} on the list"
    )


@attendees_app.command("list")
def list_(ctx: typer.Context, event: EventArg, as_json: JsonFlag = False) -> None:
    """List the event's attendees with their status (registered, checked in, left, ...).

    Example: mutuals event attendees list "Hour of Power" --json
    """
    from rich.table import Table

    from mutuals.services.attendees import list_attendees

    people = list_attendees(state(ctx).workspace(), event)
    if as_json:
        print_json(people)
        return
    table = Table("id", "name", "email", "company", "status", title=f"{len(people)} attendees")
    for a in people:
        table.add_row(str(a["id"]), a["name"], a["email"], a["company"], a["status"])
    console.print(table)


@event_app.command("pick")
def pick(
    ctx: typer.Context,
    event: EventArg,
    by: Annotated[str, typer.Option("--by", help="Whose card it is.")],
    yes: Annotated[list[str], typer.Option("--yes", help="Someone they want to follow up with.")],
    no: Annotated[
        list[str] | None, typer.Option("--no", help="Someone they do not (optional).")
    ] = None,
) -> None:
    """Type in a paper pick card. Contact details are exchanged only when both said yes.

    Example: mutuals event pick "Hour of Power" --by "Priya Shah" --yes "Tom Becker" --yes "Aiko Tanaka"
    """
    from mutuals.services.picks import pick as record

    done = record(state(ctx).workspace(), event, by=by, yes=yes, no=no or [])
    message = f"Recorded {done['yes']} yes and {done['no']} no for {by}"
    if done["new_matches"]:
        message += "; mutual now with " + ", ".join(done["new_matches"])
    console.print(message)


@event_app.command("matches")
def matches(ctx: typer.Context, event: EventArg, as_json: JsonFlag = False) -> None:
    """List the mutual matches (both said yes), each person with name and email.

    Example: mutuals event matches "Hour of Power" --json
    """
    from rich.table import Table

    from mutuals.services.picks import matches as mutual

    found = mutual(state(ctx).workspace(), event)
    if as_json:
        print_json(found)
        return
    table = Table("met in round", "one", "the other", title=f"{len(found)} mutual matches")
    for m in found:
        a, b = m["people"]
        table.add_row(
            str(m["met_in_round"] or ""),
            f"{a['name']} <{a['email']}>",
            f"{b['name']} <{b['email']}>",
        )
    console.print(table)


@event_app.command("send-matches")
def send_matches(ctx: typer.Context, event: EventArg, as_json: JsonFlag = False) -> None:
    """Email each side of every mutual match the other's contact details (with a vCard).

    Each person is mailed once per match: new matches are mailed as they are made, and this
    sends whatever is still unsent (made before mail was configured, or a failed send).
    Uses the MUTUALS_SMTP_* settings, as `mutuals draft --send` does.

    Example: mutuals event send-matches "Hour of Power" --json
    """
    from mutuals.services.match_mail import send_matches as send

    _mail_report(send(state(ctx).workspace(), event), as_json, "match emails")


def _mail_report(done: dict[str, Any], as_json: bool, what: str) -> None:
    """Print what a mail run did; exit 1 when a send failed (the rest went out)."""
    if as_json:
        print_json(done)
    else:
        console.print(f"Mailed {done['sent']} {what}")
        for failure in done["failed"]:
            console.print(f"[red]not sent[/red]: {failure}")
    if done["failed"]:
        raise typer.Exit(1)


@event_app.command("send-links")
def send_links(ctx: typer.Context, event: EventArg, as_json: JsonFlag = False) -> None:
    """Email each attendee with a place their own private link to their phone page.

    Each person is mailed once: run it again after adding people and only the new ones are
    mailed. Whoever moves up from the waiting list is mailed as it happens. Links point at
    MUTUALS_BASE_URL; mail uses the MUTUALS_SMTP_* settings, as `mutuals draft --send` does.

    Example: mutuals event send-links "Hour of Power" --json
    """
    from mutuals.services.link_mail import send_event_links

    _mail_report(send_event_links(state(ctx).workspace(), event), as_json, "private links")


@event_app.command("stats")
def stats(ctx: typer.Context, event: EventArg, as_json: JsonFlag = False) -> None:
    """How the event went: attendance, no-shows, picks and mutual matches.

    Example: mutuals event stats "Hour of Power" --json
    """
    from rich.table import Table

    from mutuals.services.picks import event_stats

    found = event_stats(state(ctx).workspace(), event)
    if as_json:
        print_json(found)
        return
    table = Table(show_header=False, box=None, title=found["event"]["name"])
    for label, key in (
        ("Attended", "attended"),
        ("No-shows", "no_shows"),
        ("Came late", "late"),
        ("Left early", "left_early"),
        ("Rounds held", "rounds_held"),
        ("Picks (yes)", "picks"),
        ("Mutual matches", "matches"),
        ("Matches per attendee", "match_rate"),
        ("Matches met in the first half", "matches_first_half"),
    ):
        table.add_row(label, str(found[key]))
    console.print(table)


@event_app.command("link")
def link(
    ctx: typer.Context,
    event: EventArg,
    name: Annotated[str, typer.Argument(help="Name, email or id.")],
) -> None:
    """Print a new private link to an attendee's phone page (a path under /e/).

    Example: mutuals event link "Hour of Power" "Priya Shah"
    """
    from mutuals.services.attendees import issue_link

    typer.echo(issue_link(state(ctx).workspace(), event, name))


@event_app.command("print")
def print_(
    ctx: typer.Context,
    event: EventArg,
    what: Annotated[PrintKind, typer.Option("--what", help="What to print.")],
    path: Annotated[Path, typer.Argument(metavar="FILE.pdf", help="Where to write the PDF.")],
) -> None:
    """Print table sheets, itineraries, name badges (with the phone-page QR code) or pick cards.

    Example: mutuals event print "Hour of Power" --what badges badges.pdf
    """
    from mutuals.services.event_files import write_printout

    size = write_printout(state(ctx).workspace(), event, what.value, path)
    console.print(f"Wrote {what.value} to {path} ({size // 1024 + 1} KB)")


@event_app.command("ics")
def ics(
    ctx: typer.Context,
    event: EventArg,
    path: Annotated[Path, typer.Argument(metavar="FILE.ics", help="Where to write it.")],
) -> None:
    """Write the event as an iCalendar file, to send or to add to a calendar.

    Example: mutuals event ics "Hour of Power" hour-of-power.ics
    """
    from mutuals.services.event_files import write_ics

    write_ics(state(ctx).workspace(), event, path)
    console.print(f"Wrote {path}")
