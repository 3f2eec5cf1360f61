"""Tag normalisation stays linear: thousands of tags in one request must not stall a server.

Run: python benchmarks/tags.py [--repeat 5]

Times ``normalise_tags`` (the service's code) on 20,000 to 200,000 comma-joined values against
the earlier approach as the in-run baseline: each tag checked against a list of those kept, which
is quadratic. Linear code takes about 10 times as long for 10 times the tags; the baseline about
100 times (it is measured up to 20,000 only). The check moved here from the test suite, which now
checks the result at 200,000 tags without a clock.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence

from mutuals.services.contacts import normalise_tags


def list_based(tags: Sequence[str]) -> list[str]:
    """The earlier normalisation: repeats found by scanning the list of kept tags."""
    kept: list[str] = []
    for value in tags:
        for tag in value.split(","):
            tag = " ".join(tag.lower().split())
            if tag and tag not in kept:
                kept.append(tag)
    return kept


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'tags':>9} {'normalise_tags s':>17} {'list-based (baseline) s':>24}")
    ours: dict[int, float] = {}
    base: dict[int, float] = {}
    for n in (2_000, 20_000, 200_000):
        tags = [f"Tag {i}, tag {i}" for i in range(n)]
        ours[n] = best_of(args.repeat, lambda tags=tags: normalise_tags(tags))
        # The baseline is quadratic: 200,000 tags would take minutes.
        base[n] = best_of(1, lambda tags=tags: list_based(tags)) if n <= 20_000 else float("nan")
        print(f"{n:>9,} {ours[n]:>17.4f} {base[n]:>24.3f}")
    print(
        "growth from 2,000 to 20,000 tags: "
        f"normalise_tags {ours[20_000] / ours[2_000]:.1f}x, "
        f"baseline {base[20_000] / base[2_000]:.1f}x"
    )


if __name__ == "__main__":
    main()
