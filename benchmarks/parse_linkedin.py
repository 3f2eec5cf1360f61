"""Benchmark: parsing a LinkedIn Connections.csv of 30,000 rows (LinkedIn's cap) into records.

Compares read_linkedin with a bare csv.reader pass over the same file, measured in the same run.
Run: python benchmarks/parse_linkedin.py [--quick]
"""

from __future__ import annotations

import csv
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mutuals.io import read_linkedin

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
PREAMBLE = (
    '\ufeffNotes:\r\n"When exporting your connection data, some emails may be missing."\r\n\r\n'
)


def make_export(rows: int) -> bytes:
    """A Connections.csv with LinkedIn's preamble, BOM, CRLF and quoted fields."""
    body = "".join(
        f'Person{i},"Name, {i}",https://www.linkedin.com/in/person-{i}/?trk=x,'
        f'p{i}@example.org,"Company {i % 700}, Inc.",Engineer,{i % 28 + 1} Mar 2021\r\n'
        if i % 50
        else ",,,,,,01 Sep 2026\r\n"
        for i in range(rows)
    )
    return (PREAMBLE + HEADER + body).encode("utf-8")


def best_of(repeats: int, action: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    rows = 3_000 if "--quick" in sys.argv else 30_000
    repeats = 5
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Connections.csv"
        path.write_bytes(make_export(rows))
        baseline = best_of(
            repeats,
            lambda: list(
                csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""))
            ),
        )
        parsed = best_of(repeats, lambda: read_linkedin(path))
        result = read_linkedin(path)
    print(f"{'step':<34}{'rows':>8}{'best of ' + str(repeats):>14}{'ratio':>8}")
    print(f"{'csv.reader only (baseline)':<34}{rows:>8}{baseline * 1000:>11.0f} ms{1:>8.1f}")
    print(
        f"{'read_linkedin -> ContactRecords':<34}{rows:>8}{parsed * 1000:>11.0f} ms"
        f"{parsed / baseline:>8.1f}"
    )
    print(f"contacts {len(result.contacts)}, skipped {len(result.skipped)}")


if __name__ == "__main__":
    main()
