"""Checks shared by the rotation tests: seating, table sizes and pair counts of a schedule."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from itertools import combinations

from mutuals.domain.schedule import Schedule


def pair_counts(schedule: Schedule) -> Counter[frozenset[Hashable]]:
    counts: Counter[frozenset[Hashable]] = Counter()
    for rnd in schedule.rounds:
        for table in rnd:
            for a, b in combinations(table, 2):
                counts[frozenset((a, b))] += 1
    return counts


def assert_seated_once(schedule: Schedule, people: Iterable[Hashable]) -> None:
    everyone = sorted(people, key=repr)
    for r, rnd in enumerate(schedule.rounds):
        seated = [p for table in rnd for p in table]
        resting = list(schedule.byes[r]) if schedule.byes else []
        assert sorted(seated + resting, key=repr) == everyone, f"round {r}"
        assert len(set(seated + resting)) == len(everyone)
