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
from typing import Protocol

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from mutuals.store import events as store

_PENDING = "mutuals_event_signals"


@dataclass(frozen=True, slots=True)
class Signal:
    """Event ``event_id`` is now at ``version``; ``attendees`` empty means everyone's pages."""

    event_id: int
    version: int
    attendees: tuple[int, ...] = ()

    def payload(self) -> str:
        return f"{self.event_id}:{self.version}:{','.join(map(str, self.attendees))}"

    @classmethod
    def parse(cls, payload: str) -> Signal | None:
        """The signal a NOTIFY payload carries, or None for anything else."""
        parts = payload.split(":")
        if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
            return None
        who = tuple(int(p) for p in parts[2].split(",") if p.isdigit())
        return cls(int(parts[0]), int(parts[1]), who)


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
