"""Double opt-in: only pairs who both said yes match, and the organiser's figures."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mutuals.events.followup import first_meetings, follow_up_stats, mutual_pairs, partners

ROUNDS = [[[1, 2], [3, 4]], [[1, 3], [2, 4]], [[1, 4], [2, 3]], [[1, 2], [3, 4]]]


def test_first_meetings_and_partners_follow_the_rounds() -> None:
    met = first_meetings(ROUNDS)
    assert met[(1, 2)] == 1 and met[(1, 3)] == 2 and met[(2, 3)] == 3
    assert partners(ROUNDS, 1) == [2, 3, 4]


def test_only_both_yes_is_a_match() -> None:
    picks = [(1, 2, True), (2, 1, True), (1, 3, True), (3, 1, False), (4, 2, True)]
    assert mutual_pairs(picks) == {(1, 2)}


def test_stats_count_matches_per_attendee_and_those_met_early() -> None:
    picks = [(1, 2, True), (2, 1, True), (1, 4, True), (4, 1, True), (3, 4, True)]
    stats = follow_up_stats(
        registered=5, attended=4, no_shows=1, rounds=ROUNDS[:3], picks=picks
    ).as_dict()
    assert stats["matches"] == 2 and stats["picks"] == 5 and stats["pickers"] == 4
    assert stats["match_rate"] == 1.0  # two matches, each good for two of the four people
    assert stats["matches_first_half"] == 1  # (1,2) met in round 1; (1,4) only in round 3


@given(
    st.lists(
        st.tuples(st.integers(0, 6), st.integers(0, 6), st.booleans()).filter(
            lambda p: p[0] != p[1]
        )
    )
)
def test_a_match_needs_the_latest_yes_from_both_sides(picks: list[tuple[int, int, bool]]) -> None:
    latest = {(a, b): yes for a, b, yes in picks}
    expected = {
        (min(a, b), max(a, b))
        for (a, b), yes in latest.items()
        if yes and latest.get((b, a), False)
    }
    assert mutual_pairs(list(latest_items(latest))) == expected


def latest_items(latest: dict[tuple[int, int], bool]) -> list[tuple[int, int, bool]]:
    return [(a, b, yes) for (a, b), yes in latest.items()]
