"""Round changes carry the run state in their signal, so a server holding the event's layout
shows the change without reading the database: the result must equal a fresh read."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from mutuals.services import event_run, event_signals
from mutuals.services.context import Workspace
from mutuals.services.event_signals import RunFields, Signal
from mutuals.services.event_view import load_snapshot
from tests.services.event_world import later, lexical, started


class _Sink:
    def __init__(self, url: str) -> None:
        self.database_url = url
        self.signals: list[Signal] = []

    def deliver_threadsafe(self, signal: Signal) -> None:
        self.signals.append(signal)


def test_a_signal_payload_round_trips_with_and_without_the_run_state() -> None:
    run = RunFields(3, "running", 2, datetime(2026, 12, 10, 18, 37, 0, 123456, tzinfo=UTC), 12.5)
    signal = Signal(7, 41, (), run)
    assert Signal.parse(signal.payload()) == signal
    assert Signal.parse("7:41:3,4") == Signal(7, 41, (3, 4))
    assert Signal.parse("7:41::3,running,2,,0.0") == Signal(
        7, 41, (), RunFields(3, "running", 2, None, 0.0)
    )
    for junk in ("", "x:1:", "7:41::3,flying,2,,0.0", "7:41::3,running", "1:2:3:4:5"):
        assert Signal.parse(junk) is None or Signal.parse(junk).run is None  # type: ignore[union-attr]


def test_a_snapshot_moved_by_the_signal_equals_a_fresh_read(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    # The signal is made the same way on both databases; SQLite hands it over in process,
    # where the test can catch it (PostgreSQL sends the same payload by NOTIFY).
    ws, event_id = started(lexical(sqlite_workspace), tmp_path)
    before = load_snapshot(ws, event_id)
    assert before is not None
    sink = _Sink(ws.db.engine.url.render_as_string(hide_password=False))
    event_signals.subscribe(sink)
    try:
        for minutes, action in ((3, "pause"), (1, "start"), (9, "next"), (2, "end")):
            ws = later(ws, minutes=minutes)
            sink.signals.clear()
            event_run.step(ws, event_id, action)
            (signal,) = sink.signals
            assert signal.run is not None and Signal.parse(signal.payload()) == signal
            moved = before.moved(signal.version, signal.run)
            fresh = load_snapshot(ws, event_id)
            assert fresh is not None
            assert (moved.version, moved.state) == (fresh.version, fresh.state)
            assert moved.rounds == fresh.rounds and moved.info == fresh.info
            before = moved
    finally:
        event_signals.unsubscribe(sink)
