"""Live event pages: one hub per server that wakes the open streams when an event changes.

Signals arrive by PostgreSQL LISTEN (every worker hears every change), by in-process delivery
after a commit (SQLite), and by a slow poll of the events' versions (changes made by another
process on SQLite, and a safety net while a listener reconnects). Each change loads the event
once (a ``Snapshot``) for all the streams of this server, whatever their number.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from starlette.concurrency import run_in_threadpool

from mutuals.services import event_signals
from mutuals.services.context import Workspace
from mutuals.services.event_signals import Signal
from mutuals.services.event_view import Snapshot, load_snapshot
from mutuals.store import events as store

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

log = logging.getLogger("mutuals.web.live")

SQLITE_POLL: Final = 1.0
POSTGRES_POLL: Final = 5.0
RECONNECT: Final = 1.0


@dataclass(eq=False)
class Subscription:
    """One open stream: woken on every change of its event, and told when its attendee's own
    state (answers, matches) changed."""

    event_id: int
    attendee_id: int | None
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    personal: bool = False


class LiveEvents:
    """The hub of one server (one worker process)."""

    def __init__(self, app: Any) -> None:
        self._app = app
        self.database_url = self.ws.db.engine.url.render_as_string(hide_password=False)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._subs: dict[int, set[Subscription]] = {}
        self._known: dict[int, int] = {}
        self._snapshots: dict[int, Snapshot] = {}
        self._locks: dict[int, asyncio.Lock] = {}
        self._tasks: list[asyncio.Task[None]] = []
        event_signals.subscribe(self)

    @property
    def ws(self) -> Workspace:
        ws = self._app.state.workspace
        assert isinstance(ws, Workspace)
        return ws

    @property
    def postgres(self) -> bool:
        return self.ws.db.engine.dialect.name == "postgresql"

    # -- delivery ---------------------------------------------------------------------------

    def deliver_threadsafe(self, signal: Signal) -> None:
        """Hand a signal over from any thread (a service's commit)."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.deliver, signal)

    def deliver(self, signal: Signal) -> None:
        """Wake the streams a signal concerns (on the event loop)."""
        subs = self._subs.get(signal.event_id, ())
        if signal.attendees:
            for sub in subs:
                if sub.attendee_id in signal.attendees:
                    sub.personal = True
                    sub.wake.set()
            return
        if signal.version <= self._known.get(signal.event_id, -1):
            return  # already shown (heard twice: by delivery and by the poll)
        self._known[signal.event_id] = signal.version
        cached = self._snapshots.get(signal.event_id)
        run = signal.run
        if run is not None and cached is not None and cached.layout == run.layout:
            # A start, pause, next round or end: the signal is the whole change, so every
            # phone gets its new seat without this server reading the event again.
            self._snapshots[signal.event_id] = cached.moved(signal.version, run)
        for sub in subs:
            sub.wake.set()

    # -- streams -----------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def subscription(
        self, event_id: int, attendee_id: int | None = None
    ) -> AsyncIterator[Subscription]:
        """Register a stream for the duration of the ``async with``."""
        self._loop = asyncio.get_running_loop()
        sub = Subscription(event_id, attendee_id)
        self._subs.setdefault(event_id, set()).add(sub)
        try:
            yield sub
        finally:
            subs = self._subs.get(event_id)
            if subs is not None:
                subs.discard(sub)
                if not subs:
                    del self._subs[event_id]
                    self._snapshots.pop(event_id, None)

    async def snapshot(self, event_id: int) -> Snapshot | None:
        """The event as of its latest known version, loaded once for every stream."""
        cached = self._snapshots.get(event_id)
        if cached is not None and cached.version >= self._known.get(event_id, -1):
            return cached
        lock = self._locks.setdefault(event_id, asyncio.Lock())
        async with lock:
            cached = self._snapshots.get(event_id)
            if cached is not None and cached.version >= self._known.get(event_id, -1):
                return cached
            snap = await run_in_threadpool(load_snapshot, self.ws, event_id, cached)
            if snap is None:
                self._snapshots.pop(event_id, None)
                return None
            self._known[event_id] = max(snap.version, self._known.get(event_id, -1))
            if event_id in self._subs:
                self._snapshots[event_id] = snap
            return snap

    @property
    def streams(self) -> int:
        """How many streams are open on this server."""
        return sum(len(s) for s in self._subs.values())

    # -- background work ---------------------------------------------------------------------

    async def start(self) -> None:
        """Begin listening (PostgreSQL) and polling; called when the server starts."""
        self._loop = asyncio.get_running_loop()
        if self.postgres:
            self._tasks.append(asyncio.create_task(self._listen()))
        self._tasks.append(asyncio.create_task(self._poll()))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks.clear()
        event_signals.unsubscribe(self)

    async def _poll(self) -> None:
        interval = POSTGRES_POLL if self.postgres else SQLITE_POLL
        while True:
            await asyncio.sleep(interval)
            watched = list(self._subs)
            if not watched:
                continue
            try:
                found = await run_in_threadpool(self._versions, watched)
            except Exception:
                log.warning("cannot read event versions", exc_info=True)
                continue
            for event_id, version in found.items():
                self.deliver(Signal(event_id, version))

    def _versions(self, event_ids: list[int]) -> dict[int, int]:
        with self.ws.db.transaction() as session:
            return store.versions(session, event_ids=event_ids)

    async def _listen(self) -> None:
        import psycopg
        from psycopg import sql

        conninfo = libpq_conninfo(self.ws.db.engine.url)
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as conn:
                    cursor = await conn.execute("SELECT current_schema()")
                    row = await cursor.fetchone()
                    channel = f"mutuals_events_{row[0] if row else 'public'}"
                    await conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
                    async for note in conn.notifies():
                        signal = Signal.parse(note.payload)
                        if signal is not None:
                            self.deliver(signal)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("lost the event listener; reconnecting", exc_info=True)
                await asyncio.sleep(RECONNECT)


def libpq_conninfo(url: URL) -> str:
    """The connection string libpq needs for the database of a SQLAlchemy ``url``.

    Not the URL rendered back as text: SQLAlchemy writes a space in a query value as ``+``,
    which libpq reads as a plus, so ``options=-csearch_path=a -cstatement_timeout=5s`` would
    reach the server as one mangled option and the listener would hear another schema's channel.
    """
    from psycopg.conninfo import make_conninfo

    params: dict[str, str | int | None] = {
        "host": url.host,
        "port": url.port,
        "dbname": url.database,
        "user": url.username,
        "password": url.password,
    }
    for key, value in url.query.items():
        params[key] = value if isinstance(value, str) else value[-1]
    return make_conninfo("", **{k: v for k, v in params.items() if v is not None})
