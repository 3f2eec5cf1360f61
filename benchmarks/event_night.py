"""Event night under load: phones connected by server-sent events, and how long each takes to
show its new seat after the organiser presses "next round".

The server is the real ``mutuals serve`` in its own process(es) on loopback; the organiser's
press is the console's own form post; the phones are asyncio httpx streams in this process.
Baseline, in the same run: one phone alone. Bounded: a few rounds, and every wait has a timeout.

Run: python benchmarks/event_night.py                      (500 phones: SQLite with one worker,
                                                             PostgreSQL with two)
     python benchmarks/event_night.py --phones 100 --rounds 2 --only sqlite
     MUTUALS_BENCH_POSTGRES=postgresql+psycopg://postgres@127.0.0.1:5432/test (the default)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx2 as httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from mutuals.services import attendees, event_plan, events
from mutuals.services.context import open_workspace
from mutuals.settings import Settings, sqlite_url

POSTGRES = os.environ.get(
    "MUTUALS_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
WAIT = 20.0  # seconds any phone may take to see a change before it counts as an error


@dataclass
class Phone:
    url: str
    round: int = 0
    seen: dict[int, float] = field(default_factory=dict)
    connected: asyncio.Event = field(default_factory=asyncio.Event)
    error: str = ""


def seat_round(data: str) -> int | None:
    """The round whose seat a phone state carries: the moment's round when the state has the
    attendee's seat for it (so the phone can show where to sit without another request)."""
    state = json.loads(data)
    number = state["moment"]["round"]
    seat = state.get("seat")
    if number and (seat is None or seat["round"] != number):
        return None
    return int(number)


def saw(phone: Phone, data: str) -> None:
    number = seat_round(data)
    if number is None:
        phone.error = "a state without its seat"
        return
    phone.seen.setdefault(number, time.perf_counter())
    phone.round = number
    phone.connected.set()


async def listen(client: httpx.AsyncClient, phone: Phone, stop: asyncio.Event) -> None:
    """A phone as an httpx stream (the heavier client: h11 and httpx parse every chunk)."""
    try:
        async with client.stream("GET", phone.url) as response:
            if response.status_code != 200:
                phone.error = f"HTTP {response.status_code}"
                return
            async for line in response.aiter_lines():
                if line.startswith("data:"):
                    saw(phone, line[5:].strip())
                if stop.is_set():
                    return
    except (httpx.HTTPError, OSError) as exc:
        if not stop.is_set():
            phone.error = f"{type(exc).__name__}"
    finally:
        phone.connected.set()


async def listen_raw(phone: Phone, stop: asyncio.Event) -> None:
    """A phone as a bare asyncio socket: HTTP/1.1 request, chunked body, SSE lines. Far less
    client work per message than httpx, so that 500 phones simulated in one Python process on
    the server's own two cores measure the server rather than the client."""
    url = httpx.URL(phone.url)
    writer = None
    try:
        reader, writer = await asyncio.open_connection(url.host, url.port)
        writer.write(
            f"GET {url.raw_path.decode()} HTTP/1.1\r\nHost: {url.host}:{url.port}\r\n"
            "Accept: text/event-stream\r\n\r\n".encode()
        )
        head = await reader.readuntil(b"\r\n\r\n")
        status = head.split(b" ", 2)[1]
        if status != b"200":
            phone.error = f"HTTP {status.decode()}"
            return
        if b"chunked" not in head.lower():
            phone.error = "not a chunked stream"
            return
        pending = b""
        while not stop.is_set():
            size = int((await reader.readuntil(b"\r\n")).strip() or b"0", 16)
            if size == 0:
                return
            pending += (await reader.readexactly(size + 2))[:-2]
            *lines, pending = pending.split(b"\n")
            for line in lines:
                if line.startswith(b"data:"):
                    saw(phone, line[5:].strip().decode())
    except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
        if not stop.is_set():
            phone.error = f"{type(exc).__name__}"
    finally:
        phone.connected.set()
        if writer is not None:
            writer.close()


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by process ``pid`` and its children (the workers):
    far steadier than delays on a shared machine, where other work takes turns on the cores."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return total
    return total + sum(cpu_seconds(int(child)) for child in children)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def prepare(url: str, phones: int, rounds: int, folder: Path) -> tuple[int, list[str]]:
    """An event with ``phones`` attendees checked in, planned and running; their link keys."""
    settings = Settings(data_dir=folder / "data", database_url=url, similarity_backend="lexical")
    ws = open_workspace(settings)
    try:
        csv = folder / "people.csv"
        rows = ["name,email,company,headline,interests,offers,needs"]
        rows += [
            f"Guest {i:04d},guest{i}@example.org,Company {i % 97},Founder,chess;cycling,"
            f"advice on topic {i % 13},help with topic {(i * 7) % 13}"
            for i in range(phones)
        ]
        csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
        event = events.create_event(
            ws, name="Load Night", starts_at=datetime(2026, 12, 10, 18, 30), place="Leeds",
            rounds=rounds + 1, minutes=7,
        )  # fmt: skip
        event_id = int(event["id"])
        attendees.import_attendees(ws, event_id, csv)
        people = attendees.list_attendees(ws, event_id)
        event_plan.check_in(ws, event_id, [str(a["id"]) for a in people])
        event_plan.plan_event(ws, event_id, weights="none")
        keys = [
            attendees.issue_link(ws, event_id, str(a["id"])).removeprefix("/e/") for a in people
        ]
        return event_id, keys
    finally:
        ws.close()


def start_server(url: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [
        sys.executable, "-m", "mutuals", "--db", url, "serve", "--port", str(port),
        "--workers", str(workers),
    ]  # fmt: skip
    env = {**os.environ, "MUTUALS_SIMILARITY_BACKEND": "lexical"}
    env.pop("MUTUALS_TODAY", None)
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/events", timeout=2).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("the server did not start")


async def form_token(client: httpx.AsyncClient, base: str, event_id: int) -> str:
    """The console's form token (its cookie stays in ``client``), as the organiser's browser."""
    page = await client.get(f"{base}/organise/{event_id}/console")
    token = CSRF.search(page.text)
    assert token, "the console carries no form token"
    return token.group(1)


async def press(
    client: httpx.AsyncClient, base: str, event_id: int, action: str, token: str
) -> None:
    """The organiser's button: the console's own form post."""
    response = await client.post(
        f"{base}/organise/{event_id}/run", data={"action": action, "csrf_token": token}
    )
    assert response.status_code == 303, response.text[:300]


@dataclass
class Result:
    phones: int
    connected: int
    errors: int
    delays: list[float]
    connect_seconds: float
    per_round: list[float]  # p95 ms of each round change
    server_cpu: list[float]  # CPU seconds of the server (all workers) per round change
    client_cpu: list[float]  # and of the phones (this process)


async def measure(
    base: str, event_id: int, keys: list[str], rounds: int, client_kind: str, server: int
) -> Result:
    """Connect a phone per key, then press "next" ``rounds`` times; each phone's delay to show
    each new round is one sample."""
    stop = asyncio.Event()
    limits = httpx.Limits(max_connections=len(keys) + 10, max_keepalive_connections=len(keys))
    timeout = httpx.Timeout(30.0, read=None)
    async with (
        httpx.AsyncClient(timeout=timeout, limits=limits) as client,
        httpx.AsyncClient(timeout=timeout) as organiser,
    ):
        phones = [Phone(f"{base}/e/{key}/stream") for key in keys]
        started = time.perf_counter()
        tasks = [
            asyncio.create_task(
                listen_raw(p, stop) if client_kind == "raw" else listen(client, p, stop)
            )
            for p in phones
        ]
        # Phones still not connected after the wait count as errors below.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*(p.connected.wait() for p in phones)), WAIT * 3)
        connect_seconds = time.perf_counter() - started
        connected = sum(1 for p in phones if p.seen and not p.error)
        delays: list[float] = []
        per_round: list[float] = []
        server_cpu: list[float] = []
        client_cpu: list[float] = []
        missed = 0
        first = max((p.round for p in phones), default=0)
        token = await form_token(organiser, base, event_id)
        for number in range(first + 1, first + rounds + 1):
            await asyncio.sleep(0.5)  # let the previous round's messages drain
            cpu = cpu_seconds(server), time.process_time()
            pressed = time.perf_counter()
            await press(organiser, base, event_id, "next" if number > 1 else "start", token)
            deadline = pressed + WAIT
            while time.perf_counter() < deadline:
                if all(number in p.seen or p.error for p in phones):
                    break
                await asyncio.sleep(0.01)
            server_cpu.append(cpu_seconds(server) - cpu[0])
            client_cpu.append(time.process_time() - cpu[1])
            this_round = []
            for p in phones:
                if number in p.seen:
                    this_round.append(p.seen[number] - pressed)
                else:
                    missed += 1
            delays += this_round
            per_round.append(pct(this_round, 0.95))
        stop.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    errors = missed + sum(1 for p in phones if p.error)
    return Result(
        len(keys), connected, errors, delays, connect_seconds, per_round, server_cpu, client_cpu
    )


def quiet_collector() -> None:
    """Keep this process's garbage collector from pausing the phones mid-measurement: what is
    loaded now is frozen, and the young generations are collected less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


def run_case(
    url: str, workers: int, phones: int, rounds: int, client_kind: str
) -> tuple[Result, Result]:
    with tempfile.TemporaryDirectory() as folder:
        event_id, keys = prepare(url, phones, 2 * rounds + 1, Path(folder))
        process, base = start_server(url, workers)
        quiet_collector()
        try:
            # Warm-up and baseline: one phone alone, through the same rounds.
            baseline = asyncio.run(
                measure(base, event_id, keys[:1], rounds, client_kind, process.pid)
            )
            loaded = asyncio.run(measure(base, event_id, keys, rounds, client_kind, process.pid))
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    return baseline, loaded


def postgres_schema() -> tuple[str, str]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(POSTGRES)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    url = make_url(POSTGRES).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), schema


def drop_schema(schema: str) -> None:
    engine = create_engine(POSTGRES)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3, help="round changes measured")
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument(
        "--client",
        choices=["raw", "httpx"],
        default="raw",
        help="phones as bare asyncio sockets (default) or as httpx streams",
    )
    args = parser.parse_args()
    cases = []
    if args.only != "postgres":
        cases.append(("SQLite", 1))
    if args.only != "sqlite":
        cases.append(("PostgreSQL", 2))
    print(
        "| client | database | workers | phones | connected | errors | connect s | p50 ms | p95 ms | "
        "max ms | 1 phone p95 ms | p95 × 1 phone | server CPU ms | phones CPU ms |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, workers in cases:
        schema = ""
        if name == "SQLite":
            folder = tempfile.mkdtemp()
            url = sqlite_url(Path(folder) / "bench.db")
        else:
            url, schema = postgres_schema()
        try:
            base, loaded = run_case(url, workers, args.phones, args.rounds, args.client)
        finally:
            if schema:
                drop_schema(schema)
        p95, alone = pct(loaded.delays, 0.95), pct(base.delays, 0.95)
        print(
            f"| {args.client} | {name} | {workers} | {loaded.phones} | {loaded.connected} | {loaded.errors} | "
            f"{loaded.connect_seconds:.1f} | {pct(loaded.delays, 0.5):.0f} | {p95:.0f} | "
            f"{max(loaded.delays, default=float('nan')) * 1000:.0f} | {alone:.0f} | "
            f"{p95 / alone:.1f} | {1000 * statistics.median(loaded.server_cpu):.0f} | "
            f"{1000 * statistics.median(loaded.client_cpu):.0f} |",
            flush=True,
        )
        if loaded.delays:
            print(
                f"<!-- {name}: {len(loaded.delays)} samples, mean {statistics.mean(loaded.delays) * 1000:.0f} ms, "
                f"p95 per round change {', '.join(f'{r:.0f}' for r in loaded.per_round)} ms -->"
            )


if __name__ == "__main__":
    main()
