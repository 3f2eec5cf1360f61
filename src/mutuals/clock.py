"""The one place mutuals reads the time: an injectable clock that commands, pages and services share.

Everything else takes ``now=``/``today=`` or a ``Clock``; a test forbids reading the wall clock
anywhere else in ``src/``. Pinning the clock (``--today``, ``MUTUALS_TODAY``) makes a whole command
answer as of that day, and stamps the records it creates with that day too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

# A pinned day is taken at noon UTC, so that its date is the same in every time zone from UTC-11
# to UTC+11 and an interaction logged "on" that day sorts within it.
PINNED_HOUR = 12


class Clock(Protocol):
    """Where "now" and "today" come from."""

    def now(self) -> datetime:
        """The current moment, timezone-aware, in UTC."""
        ...

    def today(self) -> date:
        """The member's current calendar day."""
        ...


@dataclass(frozen=True)
class SystemClock:
    """The machine's clock: UTC for moments, the local calendar for days."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return date.today()


@dataclass(frozen=True)
class FixedClock:
    """A clock stopped at ``moment``: ``--today``, ``MUTUALS_TODAY`` and tests use it."""

    moment: datetime

    def __post_init__(self) -> None:
        if self.moment.tzinfo is None:
            raise ValueError("a fixed clock needs a timezone-aware moment")

    @classmethod
    def on(cls, day: date) -> FixedClock:
        """A clock stopped at noon UTC on ``day``."""
        return cls(datetime(day.year, day.month, day.day, PINNED_HOUR, tzinfo=UTC))

    def now(self) -> datetime:
        return self.moment

    def today(self) -> date:
        return self.moment.date()

    def advanced(self, delta: timedelta) -> FixedClock:
        """The same clock moved by ``delta`` (tests step time with it)."""
        return FixedClock(self.moment + delta)


def clock_for(day: date | None) -> Clock:
    """A clock pinned to ``day``, or the system clock when no day is given."""
    return FixedClock.on(day) if day is not None else SystemClock()
