"""Date options shared by commands: ``--today`` and ``--on`` as YYYY-MM-DD, defaulting to today.

``--today DAY`` pins the command's clock to DAY: everything the command shows is as of that day,
and whatever it writes is stamped with that day.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from mutuals.cli.state import state


def parse_day(value: str | None, option: str = "--today") -> date | None:
    """Parse YYYY-MM-DD within the engine's range of days (``check_day``); a bad value is a
    usage error (exit 2) that says what was expected."""
    if value is None:
        return None
    from mutuals.relationships.limits import check_day

    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(
            f"'{value}' is not a date; use YYYY-MM-DD", param_hint=f"'{option}'"
        ) from None
    try:
        return check_day(day, option)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=f"'{option}'") from None


def as_of(ctx: typer.Context, value: str | None, option: str = "--today") -> date:
    """The day the command answers as of: ``--today`` if given (pinning the command's clock to
    it), else the clock's today (``MUTUALS_TODAY``, else the system's)."""
    day = parse_day(value, option)
    cli = state(ctx)
    if day is not None:
        cli.pin(day)
    return cli.clock.today()


TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="YYYY-MM-DD",
        help="Answer as of this day instead of today (also the date stamped on what the command writes).",
    ),
]
