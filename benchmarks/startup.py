"""Benchmark: how long `mutuals` commands take to start, as a user feels it, against `import typer`.

Run as ``python benchmarks/startup.py [--runs 5] [--before OTHER/bin/mutuals]``. Each round runs
the baseline (``python -c "import typer"``) and then each command once, interleaved, so that a busy
machine slows all of them alike; the table shows medians and each command's ratio to the baseline's
median, with the goal beside it. The database command runs on a demo database seeded before timing
starts. ``--before`` adds the same commands run by another installation (another branch's
checkout), in the same rounds and against the same baseline, to compare before and after.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
MUTUALS = str(BIN / "mutuals")


def timed(argv: list[str]) -> float:
    """Wall-clock seconds for one run of ``argv``, start-up included."""
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="Interleaved rounds (default 5).")
    parser.add_argument(
        "--before", metavar="MUTUALS", help="Another installation's mutuals, timed alongside."
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "demo.db")
        subprocess.run([MUTUALS, "--db", db, "demo"], check=True, stdout=subprocess.DEVNULL)
        commands: dict[str, tuple[list[str], float | None]] = {
            'python -c "import typer"': ([sys.executable, "-c", "import typer"], None)
        }
        installs = [("", MUTUALS)]
        if args.before:
            installs.append((" (before)", args.before))
        for label, mutuals in installs:
            commands |= {
                f"mutuals --help{label}": ([mutuals, "--help"], 1.5),
                f"mutuals schedule --people 20 --table-size 4 --rounds 5{label}": (
                    [mutuals, "schedule", "--people", "20", "--table-size", "4", "--rounds", "5"],
                    3.0,
                ),
                f"mutuals contacts list (demo database){label}": (
                    [mutuals, "--db", db, "contacts", "list", "--limit", "20"],
                    4.0,
                ),
            }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for argv, _ in commands.values():
            timed(argv)  # warm the file cache once
        for _ in range(args.runs):
            for name, (argv, _) in commands.items():
                times[name].append(timed(argv))
    baseline = statistics.median(times['python -c "import typer"'])
    print(f"{'command':<67} {'median':>8} {'× typer':>8} {'goal':>6}")
    failed = False
    for name, (_, goal) in commands.items():
        median = statistics.median(times[name])
        ratio = median / baseline
        mark = ""
        if goal is not None and not name.endswith("(before)"):
            ok = ratio <= goal
            failed |= not ok
            mark = f"≤{goal:g}" + ("" if ok else " MISSED")
        print(f"{name:<67} {median:>7.3f}s {ratio:>8.2f} {mark:>6}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
