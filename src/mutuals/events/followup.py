"""Double opt-in follow-up as plain data: who met whom, which picks are mutual, and how the
evening went for the organiser."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

Pair = tuple[Any, Any]


def pair(a: Hashable, b: Hashable) -> Pair:
    """The unordered pair ``{a, b}`` as a tuple, smaller first."""
    return (a, b) if a <= b else (b, a)  # type: ignore[operator]


def first_meetings(rounds: Sequence[Sequence[Sequence[Hashable]]]) -> dict[Pair, int]:
    """For every pair who shared a table, the first round (1-based) they did."""
    met: dict[Pair, int] = {}
    for number, tables in enumerate(rounds, start=1):
        for table in tables:
            for i, a in enumerate(table):
                for b in table[i + 1 :]:
                    met.setdefault(pair(a, b), number)
    return met


def partners(rounds: Sequence[Sequence[Sequence[Hashable]]], person: Hashable) -> list[Any]:
    """Everyone ``person`` shared a table with, in the order they met, each once."""
    seen: dict[Any, None] = {}
    for tables in rounds:
        for table in tables:
            if person in table:
                for other in table:
                    if other != person:
                        seen.setdefault(other, None)
    return list(seen)


def mutual_pairs(picks: Iterable[tuple[Hashable, Hashable, bool]]) -> set[Pair]:
    """The pairs in which each said yes to the other. ``picks`` are (picker, picked, yes)."""
    yes = {(a, b) for a, b, said in picks if said}
    return {pair(a, b) for a, b in yes if (b, a) in yes}


@dataclass(frozen=True, slots=True)
class FollowUpStats:
    """How the evening went.

    ``match_rate`` is mutual matches per attendee: each match counts for both people in it, so
    it is ``2 * matches / attended``. ``matches_first_half`` counts the mutual matches whose pair
    first met in the first half of the rounds held (round <= held / 2).
    """

    registered: int
    attended: int
    no_shows: int
    left_early: int
    late: int
    rounds_held: int
    picks: int
    pickers: int
    matches: int
    match_rate: float
    matches_first_half: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def follow_up_stats(
    *,
    registered: int,
    attended: int,
    no_shows: int,
    left_early: int = 0,
    late: int = 0,
    rounds: Sequence[Sequence[Sequence[Hashable]]],
    picks: Iterable[tuple[Hashable, Hashable, bool]],
) -> FollowUpStats:
    """The organiser's figures from attendance, the rounds held and every pick."""
    answers = list(picks)
    yes = [(a, b) for a, b, said in answers if said]
    matches = mutual_pairs(answers)
    met = first_meetings(rounds)
    half = len(rounds) / 2
    early = sum(1 for p in matches if p in met and met[p] <= half)
    return FollowUpStats(
        registered=registered,
        attended=attended,
        no_shows=no_shows,
        left_early=left_early,
        late=late,
        rounds_held=len(rounds),
        picks=len(yes),
        pickers=len({a for a, _ in yes}),
        matches=len(matches),
        match_rate=round(2 * len(matches) / attended, 3) if attended else 0.0,
        matches_first_half=early,
    )
