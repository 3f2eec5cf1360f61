"""Benchmark what accounts cost a request: login and authenticated calls, on loopback.

Two real servers (`mutuals serve` subprocesses on 127.0.0.1) hold the same seeded demo network:
one in local mode (no accounts: the baseline, no auth at all), one with an account. The client
is the standard library's keep-alive HTTP connection, so it adds little of its own. Rows:

- ``GET /api/v1/contacts?limit=20`` without auth (baseline) and with ``Authorization: Bearer``;
- ``GET /contacts`` (a page) in local mode and with a session cookie;
- ``POST /login`` (argon2id verify, throttle check, new session) and login followed by the first
  authenticated call, which is what a member waits for after typing the password.

Requests alternate between the servers so that machine noise hits both alike. The argon2
parameters and a hash/verify timing in this process are printed too.

    python benchmarks/auth.py [--requests 300] [--logins 60] [--people 200]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from http.cookies import SimpleCookie
from pathlib import Path

from mutuals.services.accounts import add_account
from mutuals.services.context import open_workspace
from mutuals.services.demo import seed_demo
from mutuals.services.passwords import hash_password, parameters, verify_password
from mutuals.services.signin import issue_token
from mutuals.settings import Settings, sqlite_url

EMAIL = "bench@example.org"
PASSWORD = "benchmark passphrase"
API = "/api/v1/contacts?limit=20"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def prepare(path: Path, people: int, *, account: bool) -> str | None:
    """Seed a database with the demo network; with ``account``, make it a login's, with a token."""
    ws = open_workspace(Settings(data_dir=path.parent, database_url=sqlite_url(path)))
    try:
        seed_demo(ws, people=people)
        if not account:
            return None
        add_account(ws, email=EMAIL, name="Bench", password=PASSWORD)
        return issue_token(ws, EMAIL, label="bench")
    finally:
        ws.close()


def start(path: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mutuals", "--db", str(path), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "MUTUALS_DATA_DIR": str(path.parent)},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"the server on port {port} did not start")


class Client:
    """A keep-alive HTTP/1.1 connection with a cookie jar."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, *, headers: dict[str, str] | None = None, body: str = ""
    ) -> tuple[int, str]:
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body or None, headers=sent)
        response = self.conn.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("set-cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, text


def timed(call: Callable[[], int], expect: int) -> float:
    start = time.perf_counter()
    status = call()
    elapsed = time.perf_counter() - start
    if status != expect:
        raise SystemExit(f"unexpected status {status} (expected {expect})")
    return elapsed


def login_form(client: Client) -> str:
    _, text = client.request("GET", "/login")
    found = re.search(r'name="csrf_token" value="([^"]+)"', text)
    assert found, "the login page carries no form token"
    return found.group(1)


def log_in(client: Client, token: str) -> int:
    body = f"email={EMAIL}&password={PASSWORD.replace(' ', '+')}&csrf_token={token}"
    status, _ = client.request("POST", "/login", body=body)
    return status


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="calls per API/page row")
    parser.add_argument("--logins", type=int, default=60, help="logins per login row")
    parser.add_argument("--people", type=int, default=200, help="contacts in the network")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="mutuals-auth-bench-"))
    prepare(folder / "local.db", args.people, account=False)
    token = prepare(folder / "accounts.db", args.people, account=True)
    assert token is not None
    (local_server, local_port), (auth_server, auth_port) = (
        start(folder / "local.db"),
        start(folder / "accounts.db"),
    )
    rows: dict[str, list[float]] = {}
    try:
        local, bearer, browser = Client(local_port), Client(auth_port), Client(auth_port)
        browser.cookies.clear()
        assert log_in(browser, login_form(browser)) == 303
        bearer_header = {"Authorization": f"Bearer {token}"}
        for _ in range(20):  # warm both servers up
            local.request("GET", API)
            bearer.request("GET", API, headers=bearer_header)
        for _ in range(args.requests):
            rows.setdefault("API GET, no auth (local mode) [baseline]", []).append(
                timed(lambda: local.request("GET", API)[0], 200)
            )
            rows.setdefault("API GET, Authorization: Bearer", []).append(
                timed(lambda: bearer.request("GET", API, headers=bearer_header)[0], 200)
            )
            rows.setdefault("page GET /contacts, local mode", []).append(
                timed(lambda: local.request("GET", "/contacts")[0], 200)
            )
            rows.setdefault("page GET /contacts, session cookie", []).append(
                timed(lambda: browser.request("GET", "/contacts")[0], 200)
            )
        for _ in range(args.logins):
            fresh = Client(auth_port)
            csrf = login_form(fresh)
            start_at = time.perf_counter()
            assert log_in(fresh, csrf) == 303
            logged = time.perf_counter()
            status, _ = fresh.request("GET", API)
            assert status == 200
            done = time.perf_counter()
            rows.setdefault("POST /login (argon2id verify + session)", []).append(logged - start_at)
            rows.setdefault("login + first authenticated API GET", []).append(done - start_at)
            fresh.conn.close()
    finally:
        for process in (local_server, auth_server):
            process.terminate()
            process.wait(timeout=10)

    salted = hash_password(PASSWORD)
    verify = []
    for _ in range(20):
        start_at = time.perf_counter()
        verify_password(salted, PASSWORD)
        verify.append(time.perf_counter() - start_at)

    baseline = p95(rows["API GET, no auth (local mode) [baseline]"])
    print(f"argon2 parameters: {parameters()}")
    print(f"argon2id verify in process: median {statistics.median(verify) * 1000:.1f} ms")
    print(f"network: {args.people} contacts; loopback; {os.cpu_count()} cores\n")
    print(f"{'request':<44} {'n':>5} {'median ms':>10} {'p95 ms':>8} {'p95 / baseline':>15}")
    for name, values in rows.items():
        print(
            f"{name:<44} {len(values):>5} {statistics.median(values) * 1000:>10.2f} "
            f"{p95(values) * 1000:>8.2f} {p95(values) / baseline:>15.1f}"
        )


if __name__ == "__main__":
    main()
