"""Date options shared by commands: ``--today`` and ``--on`` as YYYY-MM-DD, defaulting to today."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from mutuals.relationships.limits import check_day


def parse_day(value: str | None, option: str = "--today") -> date | None:
    """Parse YYYY-MM-DD within the engine's range of days (``check_day``); a bad value is a
    usage error (exit 2) that says what was expected."""
    if value is None:
        return None
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


def or_today(day: date | None) -> date:
    """The given day, or the real today: the only place the relationship commands read the clock."""
    return day if day is not None else date.today()


TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="YYYY-MM-DD",
        help="Compute as of this date instead of today.",
    ),
]
