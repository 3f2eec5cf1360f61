"""A small server-sent events reader for live tests and the load benchmark (asyncio, httpx)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx2 as httpx


@dataclass
class Phone:
    """One connected page: every state it received, with the moment it arrived."""

    url: str
    states: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    connected: asyncio.Event = field(default_factory=asyncio.Event)
    error: str = ""

    def first_at(self, wanted: Callable[[dict[str, Any]], bool]) -> float | None:
        """When the first state that satisfies ``wanted`` arrived (perf_counter), if it did."""
        return next((at for at, state in self.states if wanted(state)), None)


async def listen(client: httpx.AsyncClient, phone: Phone, stop: asyncio.Event) -> None:
    """Read ``phone.url``'s stream until ``stop`` is set, recording every state."""
    try:
        async with client.stream("GET", phone.url) as response:
            if response.status_code != 200:
                phone.error = f"status {response.status_code}"
                phone.connected.set()
                return
            event = ""
            reader = response.aiter_lines().__aiter__()
            while not stop.is_set():
                try:
                    line = await asyncio.wait_for(reader.__anext__(), timeout=0.5)
                except TimeoutError:
                    continue
                except StopAsyncIteration:
                    return
                if line.startswith("event:"):
                    event = line.split(":", 1)[1].strip()
                elif line.startswith("data:") and event == "state":
                    phone.states.append((time.perf_counter(), json.loads(line[5:].strip())))
                    phone.connected.set()
    except httpx.HTTPError as exc:
        phone.error = f"{type(exc).__name__}: {exc}"
        phone.connected.set()
