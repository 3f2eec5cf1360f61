"""Every row of the shared anchors file reaches its best-known rounds with no repeat."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from mutuals.events import plan_rotation

ANCHORS = Path(__file__).resolve().parents[2] / ".." / "shared" / "anchors" / "no-repeat-rounds.csv"


def rows() -> list[dict[str, str]]:
    if not ANCHORS.exists():
        return []
    with ANCHORS.open(newline="") as fh:
        return list(csv.DictReader(fh))


def test_anchor_file_present() -> None:
    if not ANCHORS.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{ANCHORS} is missing, and CI must have ../shared")
        pytest.skip(f"{ANCHORS} is absent")
    assert len(rows()) >= 22


@pytest.mark.parametrize(
    "row", rows(), ids=lambda r: f"{r['people']}-{r['table_size']}-{r['best_known']}"
)
def test_anchor_reaches_best_known(row: dict[str, str]) -> None:
    n, k, best = int(row["people"]), int(row["table_size"]), int(row["best_known"])
    schedule = plan_rotation(range(n), table_size=k, rounds=best, seed=1)
    assert len(schedule.rounds) == best
    assert schedule.stats.repeats == 0
    assert schedule.stats.new_met_min == best * (k - 1)
    assert all(len(t) == k for rnd in schedule.rounds for t in rnd)
