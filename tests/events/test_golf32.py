"""The stored 8-4-10 social golfer schedule: 10 rounds of 8 tables of 4, no pair twice."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from hypothesis import given
from hypothesis import strategies as st

from mutuals.events.golf32 import SEATS, golf32, golf32_rounds


def meetings(rounds: list[list[list[int]]]) -> Counter[tuple[int, int]]:
    counts: Counter[tuple[int, int]] = Counter()
    for tables in rounds:
        for table in tables:
            counts.update(combinations(sorted(table), 2))
    return counts


def test_ten_rounds_seat_everyone_once_at_tables_of_four() -> None:
    rounds = golf32_rounds()
    assert len(rounds) == 10
    for tables in rounds:
        assert len(tables) == 8
        assert all(len(table) == 4 for table in tables)
        assert sorted(p for table in tables for p in table) == list(range(32))


def test_no_pair_meets_twice() -> None:
    counts = meetings(golf32_rounds())
    assert max(counts.values()) == 1
    assert len(counts) == 480


def test_only_the_sixteen_partner_pairs_never_meet() -> None:
    met = set(meetings(golf32_rounds()))
    missed = {pair for pair in combinations(range(32), 2) if pair not in met}
    assert missed == {(2 * g, 2 * g + 1) for g in range(16)}


def test_a_moved_seat_is_caught() -> None:
    rounds = golf32_rounds()
    # swap person 0 with the first person of another table in the last round: a repeat appears
    last = rounds[-1]
    last[0][0], last[1][0] = last[1][0], last[0][0]
    assert max(meetings(rounds).values()) == 2


def test_each_call_returns_a_fresh_copy() -> None:
    first = golf32(32, 4)
    assert first is not None
    first[0][0][0] = 99
    assert golf32_rounds()[0][0][0] == 0
    assert len(SEATS) == 10


@given(st.integers(0, 200), st.integers(0, 40))
def test_declines_every_other_size(n: int, k: int) -> None:
    design = golf32(n, k)
    assert (design is not None) == (n == 32 and k == 4)
