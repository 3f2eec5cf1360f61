"""Ties from an event as one attendee saw it: tablemates, meetings at their tables, matches."""

from __future__ import annotations

from mutuals.connecting.met import MET_TIE, MUTUAL_YES_TIE, event_ties

# Me (1) with 2 and 3 at a table of three, then with 4; 5 and 6 only ever meet elsewhere.
ROUNDS = [[[1, 2, 3], [4, 5]], [[1, 4], [2, 5], [3, 6]]]


def test_tablemates_and_meetings_at_my_tables_only() -> None:
    assert event_ties(ROUNDS, 1, matched=set()) == {
        (1, 2): MET_TIE,
        (1, 3): MET_TIE,
        (2, 3): MET_TIE,
        (1, 4): MET_TIE,
    }


def test_a_match_makes_the_tie_stronger_and_adds_no_one() -> None:
    ties = event_ties(ROUNDS, 1, matched={4})
    assert ties[(1, 4)] == MUTUAL_YES_TIE > MET_TIE
    assert len(ties) == 4
    # A match with someone never met (a stale or forged row) is no tie at all.
    assert event_ties(ROUNDS, 1, matched={6}) == event_ties(ROUNDS, 1, matched=set())


def test_someone_who_sat_no_round_has_no_ties() -> None:
    assert event_ties(ROUNDS, 7, matched=set()) == {}
    assert event_ties([], 1, matched={2}) == {}
