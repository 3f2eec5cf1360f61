"""The clock: one injectable source of "now", and no other read of the wall clock in src/."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from mutuals.clock import FixedClock, SystemClock, clock_for
from mutuals.settings import Settings

SRC = Path(__file__).resolve().parents[1] / "src" / "mutuals"

# Reading any of these gives an answer that depends on when the code runs.
WALL_CLOCK_READS = {
    ("date", "today"),
    ("datetime", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "localtime"),
    ("time", "gmtime"),
}
# Each entry says why it may read the wall clock.
ALLOWED = {
    # The system clock itself: the one place "now" and "today" come from.
    "clock.py",
}


def _dotted(node: ast.expr) -> tuple[str, ...]:
    if isinstance(node, ast.Name):
        return (node.id,)
    if isinstance(node, ast.Attribute):
        return (*_dotted(node.value), node.attr)
    return ()


def wall_clock_reads(tree: ast.AST) -> list[tuple[int, str]]:
    """Lines of ``tree`` that call a wall-clock function, with the call as written."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            if len(name) >= 2 and name[-2:] in WALL_CLOCK_READS:
                found.append((node.lineno, ".".join(name)))
    return found


def test_the_check_finds_every_form_of_a_wall_clock_read() -> None:
    code = (
        "import datetime, time\n"
        "a = date.today()\n"
        "b = datetime.datetime.now(UTC)\n"
        "c = time.time()\n"
        "d = datetime.utcnow()\n"
        "e = clock.today()\n"
    )
    assert [line for line, _ in wall_clock_reads(ast.parse(code))] == [2, 3, 4, 5]


def test_no_module_but_the_clock_reads_the_wall_clock() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if relative in ALLOWED:
            continue
        for line, call in wall_clock_reads(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"src/mutuals/{relative}:{line}: {call}()")
    assert not offenders, "read the time from a Clock instead:\n" + "\n".join(offenders)


def test_fixed_clock_is_pinned_at_noon_utc() -> None:
    clock = FixedClock.on(date(2031, 2, 28))
    assert clock.today() == date(2031, 2, 28)
    assert clock.now() == datetime(2031, 2, 28, 12, tzinfo=UTC)
    assert clock.advanced(timedelta(days=1)).today() == date(2031, 3, 1)


def test_fixed_clock_refuses_a_naive_moment() -> None:
    with pytest.raises(ValueError, match="timezone"):
        FixedClock(datetime(2026, 1, 1))


def test_system_clock_is_aware_and_the_default() -> None:
    assert SystemClock().now().tzinfo is not None
    assert isinstance(clock_for(None), SystemClock)
    assert isinstance(Settings(today=None).clock(), SystemClock)


def test_settings_pin_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUTUALS_TODAY", "2027-06-01")
    assert Settings().clock().today() == date(2027, 6, 1)
