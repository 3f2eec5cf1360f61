"""The range of days and intervals the engine computes with, so date arithmetic never overflows."""

from __future__ import annotations

from datetime import date
from typing import Final

# Wide enough for any real history and plan, narrow enough that "as of" minus the cooling
# look-back, or a start plus the longest cadence or horizon, stays a valid date.
EARLIEST_DAY: Final = date(1900, 1, 1)
LATEST_DAY: Final = date(2999, 12, 31)
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
