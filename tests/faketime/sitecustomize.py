"""Loaded by ``make test-future`` (through ``PYTHONPATH``) into every Python process of the run.

The run moves the calendar with libfaketime but keeps the real monotonic clock
(``FAKETIME_DONT_FAKE_MONOTONIC=1``): with a faked monotonic clock, every timed wait on a lock,
an event or a thread join computes its deadline months ahead and never returns. In that mode
libfaketime 0.9.10 (Debian 12) turns the absolute ``clock_nanosleep`` behind ``time.sleep`` into
EINVAL. So ``time.sleep`` here waits on an event instead, whose timed wait uses the real clock.
Outside a faketime run this module changes nothing.
"""

from __future__ import annotations

import os
import threading
import time


def _sleep(seconds: float) -> None:
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    threading.Event().wait(seconds)


if "FAKETIME" in os.environ and os.environ.get("FAKETIME_DONT_FAKE_MONOTONIC") == "1":
    time.sleep = _sleep
