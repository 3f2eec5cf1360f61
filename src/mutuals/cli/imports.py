"""``mutuals import``: bring in a LinkedIn export, vCards or a contacts CSV."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mutuals.cli.state import LazyConsole, print_json, state

if TYPE_CHECKING:
    from mutuals.services.imports import ImportSummary

import_app = typer.Typer(help="Import contacts and interactions.", no_args_is_help=True)
console = LazyConsole(stderr=True)

PathArg = Annotated[Path, typer.Argument(help="The file (or folder) to import.")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Show what would change; write nothing.")]
SkipInvalid = Annotated[
    bool,
    typer.Option("--skip-invalid", help="Import the valid rows and list the invalid ones."),
]


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")


IMPORT_HELP = {
    "linkedin": """Import a LinkedIn data export: the ZIP, its unpacked folder, or Connections.csv.

    Connections become contacts; messages and invitations become interactions.

    Example: mutuals import linkedin ~/Downloads/Basic_LinkedInDataExport_11-26-2026.zip
    """,
    "vcard": """Import a .vcf file with one or many vCards (2.1, 3.0 or 4.0).

    Example: mutuals import vcard contacts.vcf --dry-run
    """,
    "csv": """Import a Google Contacts, Outlook or mutuals profile CSV (recognised by its header).

    Example: mutuals import csv google-contacts.csv --json
    """,
}


def _command(kind: str) -> None:
    def command(
        ctx: typer.Context,
        path: PathArg,
        as_json: JsonFlag = False,
        dry_run: DryRun = False,
        skip_invalid: SkipInvalid = False,
    ) -> None:
        _run(ctx, kind, path, as_json, dry_run, skip_invalid)

    command.__doc__ = IMPORT_HELP[kind]
    import_app.command(kind)(command)


for _kind in IMPORT_HELP:
    _command(_kind)


def _run(
    ctx: typer.Context, kind: str, path: Path, as_json: bool, dry_run: bool, skip_invalid: bool
) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from mutuals.services.imports import import_file

    ws = state(ctx).workspace()
    with Progress(
        TextColumn("[bold]Importing {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console.rich,
        transient=True,
        disable=as_json or not console.is_terminal,
    ) as bar:
        task = bar.add_task(path.name, total=None)

        def progress(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        summary = import_file(
            ws,
            kind=kind,
            path=path,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            progress=progress,
        )
    if as_json:
        print_json(summary.as_json())
    else:
        print_summary(summary)


def print_summary(summary: ImportSummary) -> None:
    from rich.console import Console

    out = Console()
    prefix = "Dry run, nothing written: would have " if summary.dry_run else ""
    out.print(
        f"{prefix}{summary.added} added, {summary.updated} updated, "
        f"{summary.unchanged} unchanged, {summary.skipped_count} skipped"
        + (
            f", {summary.interactions_added} interactions added"
            if summary.interactions_added
            else ""
        )
    )
    for reason, count in sorted(summary.skip_reasons.items(), key=lambda r: -r[1])[:20]:
        out.print(f"  skipped {count}: {reason}")
