"""The range of days and intervals the engine computes with, so date arithmetic never overflows."""

from __future__ import annotations

from datetime import date
from typing import Final

from mutuals.domain.limits import EARLIEST_DAY, LATEST_DAY

__all__ = [
    "EARLIEST_DAY",
    "LATEST_DAY",
    "MAX_CADENCE_DAYS",
    "MAX_HORIZON_DAYS",
    "MAX_OVERDUE_DAYS",
    "MAX_SNOOZE_DAYS",
    "check_day",
]

# Ten years between touches is the loosest cadence worth keeping; the maximum may be twice that.
MAX_CADENCE_DAYS: Final = 3650
MAX_OVERDUE_DAYS: Final = 2 * MAX_CADENCE_DAYS
MAX_SNOOZE_DAYS: Final = 3650
MAX_HORIZON_DAYS: Final = 366


def check_day(day: date, what: str = "date") -> date:
    """``day`` itself when it lies between ``EARLIEST_DAY`` and ``LATEST_DAY``, else a
    ``ValueError`` naming ``what`` and the allowed range."""
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValueError(
            f"{what} {day.isoformat()} is out of range; use a day from "
            f"{EARLIEST_DAY.isoformat()} to {LATEST_DAY.isoformat()}"
        )
    return day
