"""``mutuals export`` and ``mutuals restore``: take your data out, and bring a backup back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mutuals.cli.dates import TodayOption, as_of
from mutuals.cli.state import LazyConsole, print_json, state

export_app = typer.Typer(
    help="Export your contacts, or a backup of your network.", no_args_is_help=True
)
console = LazyConsole()

PathArg = Annotated[Path, typer.Argument(help="Where to write the file.")]


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.command("restore")(restore)


@export_app.command("vcard")
def vcard(ctx: typer.Context, path: PathArg) -> None:
    """Write every contact to a vCard 3.0 file that phones and mail apps import.

    Example: mutuals export vcard contacts.vcf
    """
    from mutuals.services.exports import export_contacts

    count = export_contacts(state(ctx).workspace(), fmt="vcard", path=path)
    console.print(f"Wrote {count} contacts to {path}")


@export_app.command("csv")
def csv(ctx: typer.Context, path: PathArg) -> None:
    """Write every contact to a CSV that opens cleanly in Excel (UTF-8 with BOM).

    Cells that a spreadsheet would run as formulas are neutralised.

    Example: mutuals export csv contacts.csv
    """
    from mutuals.services.exports import export_contacts

    count = export_contacts(state(ctx).workspace(), fmt="csv", path=path)
    console.print(f"Wrote {count} contacts to {path}")


@export_app.command("json")
def json_(
    ctx: typer.Context,
    path: PathArg,
    mine: Annotated[
        bool,
        typer.Option("--mine", help="Only your own data: always so now (kept for old scripts)."),
    ] = True,
) -> None:
    """Write a JSON backup of your network (contacts, interactions, cadences, profile and import
    log), for `mutuals restore`. Other members' data on the same server is never in it; a backup
    of the whole server is `mutuals admin backup`.

    Example: mutuals export json backup.json
    """
    from mutuals.services.exports import export_contacts

    count = export_contacts(state(ctx).workspace(), fmt="json", path=path)
    console.print(f"Backed up {count} contacts and everything else of your network to {path}")


@export_app.command("ics")
def ics(
    ctx: typer.Context,
    path: PathArg,
    today: TodayOption = None,
    within: Annotated[
        int, typer.Option("--within", metavar="DAYS", help="Include follow-ups due this soon.")
    ] = 30,
) -> None:
    """Write upcoming follow-ups (due now or within --within days) to an iCalendar file.

    Each follow-up is an all-day event with a stable id, so re-importing updates it.

    Example: mutuals export ics follow-ups.ics
    """
    from mutuals.services.calendar import export_calendar

    day = as_of(ctx, today)
    ws = state(ctx).workspace()
    count = export_calendar(
        ws,
        path,
        today=day,
        now=ws.clock.now(),
        within_days=within,
    )
    console.print(f"Wrote {count} follow-ups to {path}")


def restore(
    ctx: typer.Context,
    backup: Annotated[Path, typer.Argument(help="A backup written by `mutuals export json`.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print row counts as JSON.")] = False,
) -> None:
    """Rebuild a new, empty database from a JSON backup (backup format version 1, as written by
    `mutuals export json` and `mutuals admin backup`).

    The whole file is checked first; a backup with a missing or wrong value is refused, naming
    the table, row and field, and nothing is written.

    Example: mutuals --db restored.db restore backup.json
    """
    from mutuals.services.backup import restore as restore_backup

    ws = state(ctx).workspace()
    counts = restore_backup(ws.db, backup, max_bytes=ws.settings.import_max_bytes)
    if as_json:
        print_json(counts)
    else:
        console.print("Restored " + ", ".join(f"{n} {table}" for table, n in counts.items() if n))
