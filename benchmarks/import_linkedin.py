"""Import a generated 30,000-row Connections.csv (LinkedIn's cap) into a fresh SQLite database.

Run: python benchmarks/import_linkedin.py [--rows N]
Target: under 3 s for 30,000 rows on the reference machine. The parse step alone is reported as
the same-run baseline, so the merge and write cost can be read as a ratio.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from mutuals.io.linkedin import read_linkedin
from mutuals.services.context import open_workspace
from mutuals.services.imports import import_file
from mutuals.settings import Settings, sqlite_url

FIRST = ["Ada", "Grace", "Alan", "Zoë", "José", "Søren", "Aiko", "Chidi", "Ließchen", "Олег", "明"]
LAST = ["Lovelace", "Hopper", "Turing", "Müller", "García", "Kierkegaard", "Tanaka", "Okafor", "李"]
COMPANIES = ["Acme, Inc.", "Globex", 'The "Best" Company', "Initech", "Umbrella", "Hooli"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def quote(cell: str) -> str:
    if any(ch in cell for ch in ',"\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def generate(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    lines = [
        "Notes:",
        '"When exporting your connection data, you may notice that some of the email addresses are missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for i in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        url = f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{i:06d}"
        email = f"p{i}@example.org" if rng.random() < 0.2 else ""
        date = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2008, 2025)}"
        cells = [first, last, url, email, rng.choice(COMPANIES), "Engineer", date]
        lines.append(",".join(quote(c) for c in cells))
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument(
        "--url", help="Database URL to import into instead of a fresh SQLite file (must be empty)."
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path = folder / "Connections.csv"
        generate(csv_path, args.rows)

        started = time.perf_counter()
        parsed = read_linkedin(csv_path)
        parse_s = time.perf_counter() - started
        assert len(parsed.contacts) == args.rows

        url = args.url or sqlite_url(folder / "bench.db")
        ws = open_workspace(Settings(data_dir=folder, database_url=url))
        started = time.perf_counter()
        summary = import_file(ws, kind="linkedin", path=csv_path)
        import_s = time.perf_counter() - started
        assert summary.added == args.rows, summary

        started = time.perf_counter()
        again = import_file(ws, kind="linkedin", path=csv_path)
        reimport_s = time.perf_counter() - started
        assert again.added == 0 and again.unchanged == args.rows
        ws.close()

    print(f"{'step':<34}{'seconds':>10}{'x parse':>10}")
    for label, seconds in (
        (f"parse only ({args.rows:,} rows)", parse_s),
        (f"import into fresh {ws.db.engine.dialect.name}", import_s),
        ("re-import (all unchanged)", reimport_s),
    ):
        print(f"{label:<34}{seconds:>10.2f}{seconds / parse_s:>10.1f}")
    verdict = "meets" if import_s < 3.0 else "MISSES"
    print(f"target: fresh import under 3 s -> {verdict} ({import_s:.2f} s)")


if __name__ == "__main__":
    main()
