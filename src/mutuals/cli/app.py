"""The ``mutuals`` command line: a thin Typer adapter over ``mutuals.services``."""

from __future__ import annotations

from typing import Annotated

import typer

from mutuals.cli import (
    admin,
    connecting,
    contacts,
    demo,
    drafts,
    event,
    event_people,
    events,
    exports,
    imports,
    info,
    match,
    profile,
    prospects,
    relationships,
    replan,
    schedule,
    serve,
    share,
    users,
)
from mutuals.cli.errors import MutualsGroup
from mutuals.cli.lazy import LazyTyper
from mutuals.cli.params import install as install_fast_params
from mutuals.cli.state import CliState

install_fast_params()

# Running `app()` builds only the command the command line names (see mutuals.cli.lazy).
app = LazyTyper(
    cls=MutualsGroup,
    name="mutuals",
    help=(
        "Network well: import your contacts, find people with mutual interests, keep in touch, "
        "and run speed-networking events.\n\n"
        "Example: mutuals import linkedin ~/Downloads/Basic_LinkedInDataExport.zip"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain help (Click wraps each paragraph to the terminal): rendering it with Rich would load
    # Rich's Markdown parser and double the start-up time of every `--help`.
    rich_markup_mode=None,
    # Paragraphs wrap at the terminal's width (Click stops at 80 columns otherwise), so a
    # sentence is broken only where the terminal ends.
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 200},
)


@app.callback()
def _global_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database to use: a SQLite file path or a SQLAlchemy URL "
            "(overrides MUTUALS_DATABASE_URL).",
            metavar="PATH|URL",
        ),
    ] = None,
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            envvar="MUTUALS_USER",
            help="Act on this account's network (default: the first account, or the local "
            "user when there are no accounts).",
            metavar="EMAIL",
        ),
    ] = None,
) -> None:
    """Global options shared by every command."""
    # Settings are read when a command first needs them (see CliState).
    ctx.obj = CliState(db=db, user=user)
    ctx.call_on_close(ctx.obj.close)


for module in (
    contacts,
    imports,
    exports,
    info,
    demo,
    serve,
    match,
    profile,
    prospects,
    relationships,
    schedule,
    replan,
    connecting,
    drafts,
    users,
    share,
    admin,
    event,
    event_people,
    events,
):
    module.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
