"""A time budget for the planners: stop improving when it runs out, keep the best plan so far."""

from __future__ import annotations

import time
from collections.abc import Callable


class Deadline:
    """``expired()`` turns true ``seconds`` after creation (never, for ``None``).

    The clock is a monotonic counter (``time.perf_counter`` by default); tests pass their own.
    A plan's construction always completes; only the improving searches stop early.
    """

    __slots__ = ("_clock", "_end")

    def __init__(
        self, seconds: float | None = None, clock: Callable[[], float] = time.perf_counter
    ) -> None:
        if seconds is not None and not seconds >= 0:
            raise ValueError(f"the time budget must be a number of seconds >= 0, got {seconds!r}")
        self._clock = clock
        self._end = None if seconds is None else clock() + seconds

    def expired(self) -> bool:
        """True once the budget is spent."""
        return self._end is not None and self._clock() >= self._end

    def share(self, parts: int) -> Deadline:
        """A deadline ``1/parts`` of the time left from now, so that ``parts`` searches run in
        turn each get an even share (this deadline itself when there is no budget)."""
        if self._end is None or parts <= 1:
            return self
        now = self._clock()
        part = Deadline(None, self._clock)
        part._end = now + max(0.0, self._end - now) / parts
        return part


NO_DEADLINE = Deadline(None)
