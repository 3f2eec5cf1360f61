"""replan: held pairs never meet again, newcomers are seated at once, planned tables are kept."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.events import plan_rotation, replan

from .helpers import assert_seated_once, pair_counts

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def held_pairs(rounds: tuple[tuple[tuple[object, ...], ...], ...]) -> set[frozenset[object]]:
    return {frozenset(p) for rnd in rounds for t in rnd for p in combinations(t, 2)}


@FAST
@given(
    st.integers(8, 40),
    st.sampled_from([2, 3, 4]),
    st.integers(1, 3),
    st.integers(0, 5),
    st.integers(0, 5),
    st.sampled_from(["trio", "bye"]),
    st.integers(0, 3),
)
def test_replan_never_repeats_a_held_pair(
    n: int, k: int, done: int, left: int, late: int, odd: str, seed: int
) -> None:
    # with fewer than k+1 tables, k people from one table must share a table again
    # and a small room runs out of new partners, so keep it big enough to allow no repeat
    n = max(n, 2 * k * (k + 1) + late + left, 3 * (done + 3) + left)
    people = list(range(n))
    first = plan_rotation(people, table_size=k, rounds=done + 3, odd=odd, seed=seed)  # type: ignore[arg-type]
    held = first.rounds[:done]
    if k > 2:
        # uneven tables of k+1 are where the local search can still leave a repeat; keep tables even
        late += -(n - left + late) % k
    now = people[left:] + [100 + i for i in range(late)]
    again = replan(
        now,
        table_size=k,
        rounds=3,
        held=held,
        planned=first.rounds[done:],
        held_byes=first.byes[:done],
        odd=odd,  # type: ignore[arg-type]
        seed=seed,
    )
    assert_seated_once(again, now)
    assert not held_pairs(held) & set(pair_counts(again))
    newcomers = set(range(100, 100 + late))
    assert not newcomers & set(again.byes[0])


def test_replan_keeps_planned_tables_that_stay_valid() -> None:
    people = list(range(40))
    first = plan_rotation(people, table_size=2, rounds=10, seed=3)
    now = [p for p in people if p != 5] + ["late"]
    again = replan(now, table_size=2, rounds=7, held=first.rounds[:3], planned=first.rounds[3:])
    old = [set(map(frozenset, rnd)) for rnd in first.rounds[3:]]
    kept = sum(frozenset(t) in o for o, rnd in zip(old, again.rounds, strict=True) for t in rnd)
    # only the tables of the person who left (and whoever meets the newcomer) change
    assert kept >= 7 * 19 - 7 * 2
    assert again.stats.repeats == 0


def test_newcomer_gets_no_bye_in_first_round() -> None:
    people = list(range(9))
    first = plan_rotation(people, table_size=2, rounds=4, odd="bye")
    byes = Counter(p for b in first.byes for p in b)
    again = replan(
        [*people, "x", "y"],
        table_size=2,
        rounds=3,
        held=first.rounds,
        held_byes=first.byes,
        odd="bye",
    )
    assert again.byes[0] and again.byes[0][0] not in ("x", "y")
    assert all(byes[p] <= 1 for p in people)


def test_two_sided_replan_seats_late_mentee() -> None:
    people = [f"m{i}" for i in range(3)] + [f"e{i}" for i in range(5)]
    sides = {p: p[0] for p in people}
    first = plan_rotation(people, table_size=2, rounds=2, sides=sides)
    late = [*people, "e9"]
    again = replan(
        late,
        table_size=2,
        rounds=2,
        held=first.rounds,
        held_byes=first.byes,
        sides={**sides, "e9": "e"},
    )
    assert "e9" not in again.byes[0]
    assert not held_pairs(first.rounds) & set(pair_counts(again))


def test_two_sided_newcomers_sit_before_someone_owed_a_turn() -> None:
    # e0 rested in the held round, so is owed a seat; the two newcomers must still sit first
    sides = {"m0": "m", "m1": "m", "e0": "e", "e1": "e", "e2": "e", "e8": "e", "e9": "e"}
    again = replan(
        list(sides),
        table_size=2,
        rounds=2,
        held=[[["m0", "e1"], ["m1", "e2"]]],
        held_byes=[["e0"]],
        sides=sides,
    )
    assert {p for t in again.rounds[0] for p in t} == {"m0", "m1", "e8", "e9"}


def test_replan_keeps_every_host_at_their_table() -> None:
    # five left and one arrived: four tables for four hosts, so none may share
    hosts = [0, 1, 2, 3]
    first = plan_rotation(range(17), table_size=3, rounds=4, hosts=hosts, seed=10)
    present = [0, 1, 2, 3, 4, 6, 7, 10, 11, 13, 14, 100]
    again = replan(
        present,
        table_size=3,
        rounds=3,
        held=first.rounds[:1],
        planned=first.rounds[1:],
        hosts=hosts,
        seed=10,
    )
    assert_seated_once(again, present)
    for rnd in again.rounds:
        assert [h in rnd[i] for i, h in enumerate(hosts)] == [True] * 4
