"""Telling live pages that an event changed.

A change is a ``Signal``: the event, its new version, and (for a private change such as a new
mutual match) the only attendees whose pages must hear of it. On PostgreSQL the signal is a
NOTIFY sent when the transaction commits, so every worker of every machine hears it. On SQLite
it is handed, after the commit, to the servers running in this process; servers also poll the
versions now and then, so a change made by the command line reaches them too.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol, get_args

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from mutuals.events.timer import Status
from mutuals.store import events as store

_PENDING = "mutuals_event_signals"


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class RunFields:
    """An event's run state as it changes at start, pause, next round and end, with the layout
    version it goes with: enough for a server holding that layout to show the change without
    reading the database (the round change reaches every phone a query sooner)."""

    layout: int
    status: Status
    current_round: int
    phase_started_at: datetime | None
    elapsed_before: float

    def text(self) -> str:
        started = (
            "" if self.phase_started_at is None else str((self.phase_started_at - _EPOCH) // _MICRO)
        )
        fields = (self.layout, self.status, self.current_round, started, self.elapsed_before)
        return ",".join(map(str, fields))

    @classmethod
    def parse(cls, text: str) -> RunFields | None:
        parts = text.split(",")
        if len(parts) != 5 or parts[1] not in get_args(Status):
            return None
        try:
            started = _EPOCH + int(parts[3]) * _MICRO if parts[3] else None
            return cls(int(parts[0]), parts[1], int(parts[2]), started, float(parts[4]))  # type: ignore[arg-type]
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Signal:
    """Event ``event_id`` is now at ``version``; ``attendees`` empty means everyone's pages.
    ``run``, when given, is the whole change (only the run state moved)."""

    event_id: int
    version: int
    attendees: tuple[int, ...] = ()
    run: RunFields | None = None

    def payload(self) -> str:
        head = f"{self.event_id}:{self.version}:{','.join(map(str, self.attendees))}"
        return head if self.run is None else f"{head}:{self.run.text()}"

    @classmethod
    def parse(cls, payload: str) -> Signal | None:
        """The signal a NOTIFY payload carries, or None for anything else."""
        parts = payload.split(":")
        if len(parts) not in (3, 4) or not parts[0].isdigit() or not parts[1].isdigit():
            return None
        who = tuple(int(p) for p in parts[2].split(",") if p.isdigit())
        run = RunFields.parse(parts[3]) if len(parts) == 4 else None
        return cls(int(parts[0]), int(parts[1]), who, run)


class SignalSink(Protocol):
    """A server in this process that wants the signals of one database."""

    database_url: str

    def deliver_threadsafe(self, signal: Signal) -> None: ...


_SINKS: weakref.WeakSet[SignalSink] = weakref.WeakSet()


def subscribe(sink: SignalSink) -> None:
    """Hand ``sink`` every signal of its database committed in this process (SQLite)."""
    _SINKS.add(sink)


def unsubscribe(sink: SignalSink) -> None:
    _SINKS.discard(sink)


def emit(session: Session, signal: Signal) -> None:
    """Send ``signal`` when ``session``'s transaction commits (and never if it rolls back)."""
    if session.get_bind().dialect.name == "postgresql":
        store.notify(session, payload=signal.payload())
        return
    session.info.setdefault(_PENDING, []).append(signal)


@event.listens_for(Session, "after_commit")
def _deliver(session: Session) -> None:
    signals: list[Signal] = session.info.pop(_PENDING, [])
    if not signals:
        return
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    url = engine.url.render_as_string(hide_password=False)
    for sink in list(_SINKS):
        if sink.database_url == url:
            for signal in signals:
                sink.deliver_threadsafe(signal)


@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, _previous: object) -> None:
    session.info.pop(_PENDING, None)
