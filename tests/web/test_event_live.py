"""Live pages over real servers: a phone's stream hears the round change at once (SQLite and
PostgreSQL), and on PostgreSQL two worker processes serve one event through LISTEN/NOTIFY."""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from mutuals.services import attendees, event_run
from mutuals.services.context import Workspace, open_workspace
from mutuals.settings import Settings
from mutuals.web.app import create_app
from mutuals.web.live import POSTGRES_POLL
from tests.services.event_world import lexical, planned_event
from tests.web.servers import serve_processes, serving
from tests.web.sse import Phone, listen


def _has_round_2(state: dict[str, Any]) -> bool:
    """The phone shows round 2 with its seat for it (in the same message, no other request)."""
    seat = state["seat"]
    return bool(state["moment"]["round"] == 2 and seat and seat["round"] == 2 and seat["table"])


async def _round_change(
    base: str, ws: Workspace, event_id: int, keys: list[str]
) -> list[float | None]:
    """Connect a phone per key, move to round 2, and return each phone's delay to see it."""
    stop = asyncio.Event()
    limits = httpx.Limits(max_connections=len(keys) + 5)
    async with httpx.AsyncClient(timeout=httpx.Timeout(10, read=None), limits=limits) as client:
        phones = [Phone(f"{base}/e/{key}/stream") for key in keys]
        tasks = [asyncio.create_task(listen(client, phone, stop)) for phone in phones]
        await asyncio.wait_for(asyncio.gather(*(p.connected.wait() for p in phones)), 20)
        assert not [p.error for p in phones if p.error]
        assert all(p.states[0][1]["moment"]["round"] == 1 for p in phones)
        started = time.perf_counter()
        await asyncio.to_thread(event_run.step, ws, event_id, "next")
        deadline = started + 4
        while time.perf_counter() < deadline:
            if all(p.first_at(_has_round_2) for p in phones):
                break
            await asyncio.sleep(0.02)
        stop.set()
        await asyncio.gather(*tasks)
    delays = []
    for phone in phones:
        at = phone.first_at(_has_round_2)
        delays.append(None if at is None else at - started)
    return delays


def _running_event(ws: Workspace, tmp_path: Path) -> tuple[int, list[str]]:
    event_id = planned_event(ws, tmp_path, checked_in=10, rounds=3)
    event_run.step(ws, event_id, "start")
    keys = [
        attendees.issue_link(ws, event_id, str(a["id"])).removeprefix("/e/")
        for a in attendees.list_attendees(ws, event_id)
        if a["status"] == "checked_in"
    ]
    return event_id, keys


def test_a_phone_hears_the_next_round_at_once(workspace: Workspace, tmp_path: Path) -> None:
    ws = lexical(workspace)
    event_id, keys = _running_event(ws, tmp_path)
    with serving(create_app(ws)) as base:
        delays = asyncio.run(_round_change(base, ws, event_id, keys[:4]))
    assert all(d is not None and d < 2.0 for d in delays), delays


@pytest.mark.postgres
@pytest.mark.slow
def test_two_workers_share_round_changes_through_listen_notify(
    postgres_url: str, tmp_path: Path
) -> None:
    if "FAKETIME" in os.environ:
        # Nothing here depends on the date. Under libfaketime, one of the two uvicorn workers
        # sometimes never answers (about one run in three), whatever the code does.
        pytest.skip("two server processes under libfaketime: a worker can hang at start")
    settings = Settings(
        data_dir=tmp_path / "data", database_url=postgres_url, similarity_backend="lexical"
    )
    ws = open_workspace(settings)
    try:
        event_id, keys = _running_event(ws, tmp_path)
        with serve_processes(postgres_url, workers=2) as base:
            # Twenty connections, spread by the kernel over both workers. The change is made
            # here, in neither of them, so only NOTIFY can reach them before their slow poll.
            delays = asyncio.run(_round_change(base, replace(ws), event_id, (keys * 2)[:20]))
    finally:
        ws.close()
    assert all(d is not None and d < POSTGRES_POLL / 2 for d in delays), delays


def test_the_listeners_connection_string_keeps_spaces_in_options() -> None:
    # SQLAlchemy renders the space as "+", which libpq would keep: the listener then sat in
    # another schema and heard nothing (the tests' own URLs carry two options).
    from psycopg.conninfo import conninfo_to_dict
    from sqlalchemy.engine import make_url

    from mutuals.web.live import libpq_conninfo

    url = make_url("postgresql+psycopg://me:p%40ss@db.example:6543/club").update_query_dict(
        {"options": "-csearch_path=club -cstatement_timeout=5s", "sslmode": "require"}
    )
    assert conninfo_to_dict(libpq_conninfo(url)) == {
        "host": "db.example",
        "port": "6543",
        "dbname": "club",
        "user": "me",
        "password": "p@ss",
        "options": "-csearch_path=club -cstatement_timeout=5s",
        "sslmode": "require",
    }
