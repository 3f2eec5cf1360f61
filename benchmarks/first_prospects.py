"""The first People-to-meet page after the server starts: with the model loading in the
background at start-up (``create_app(warm=True)``, as ``mutuals serve`` does) and without.

Each run is a fresh process (the model is loaded once per process) on a seeded demo database.
"Warm" waits for a person's first click, ``--delay`` seconds after start, then loads the page.

Usage: python benchmarks/first_prospects.py [--runs 3] [--delay 5] [--people 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, sys, time
from pathlib import Path
from fastapi.testclient import TestClient
from mutuals.services.context import open_workspace
from mutuals.settings import Settings, sqlite_url
from mutuals.web.app import create_app

folder, warm, delay = Path(sys.argv[1]), sys.argv[2] == "1", float(sys.argv[3])
ws = open_workspace(Settings(data_dir=folder, database_url=sqlite_url(folder / "demo.db")))
app = create_app(ws, warm=warm)
with TestClient(app) as client:
    time.sleep(delay)
    start = time.perf_counter()
    page = client.get("/prospects")
    took = time.perf_counter() - start
    assert page.status_code == 200 and 'id="prospects"' in page.text
print(json.dumps({"seconds": took}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--delay", type=float, default=5.0)
    parser.add_argument("--people", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seed = (
            "from pathlib import Path; from mutuals.services.context import open_workspace;"
            "from mutuals.services.demo import seed_demo;"
            "from mutuals.settings import Settings, sqlite_url;"
            f"f = Path({str(folder)!r});"
            "ws = open_workspace(Settings(data_dir=f, database_url=sqlite_url(f / 'demo.db')));"
            f"seed_demo(ws, people={args.people}); ws.close()"
        )
        subprocess.run([sys.executable, "-c", seed], check=True)
        # One untimed run fills the database's embedding cache, so both variants start equal:
        # what differs is only whether the model is already loaded.
        subprocess.run(
            [sys.executable, "-c", CHILD, str(folder), "0", "0"], check=True, capture_output=True
        )
        results: dict[str, list[float]] = {"cold start (no warm-up)": [], "warmed at start": []}
        for _ in range(args.runs):
            for label, warm in (("cold start (no warm-up)", "0"), ("warmed at start", "1")):
                out = subprocess.run(
                    [sys.executable, "-c", CHILD, str(folder), warm, str(args.delay)],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                results[label].append(json.loads(out.stdout.strip().splitlines()[-1])["seconds"])
    baseline = statistics.median(results["cold start (no warm-up)"])
    print(f"first GET /prospects, {args.people} demo contacts, {args.delay:.0f} s after start")
    print(f"{'':26} {'median':>8} {'runs':>24} {'x cold':>7}")
    for label, times in results.items():
        median = statistics.median(times)
        runs = ", ".join(f"{t:.2f}" for t in times)
        print(f"{label:26} {median:7.2f}s {runs:>24} {median / baseline:7.2f}")


if __name__ == "__main__":
    main()
