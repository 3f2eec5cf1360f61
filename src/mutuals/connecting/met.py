"""Ties from a speed-networking event as one attendee saw it: whom they sat with, whom those
tablemates sat with at the same table, and whom they matched with (both said yes).

Only what that attendee witnessed or was told goes in. A pick is private to its picker, so a
one-sided yes (theirs or mine) never appears here: the caller passes only the mutual matches.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from itertools import combinations
from typing import Final

# A few minutes at one table: more than sharing an employer (0.1), less than an introduction
# (0.3), since nobody vouched for anyone.
MET_TIE: Final = 0.2
# Both asked to follow up after meeting: a stronger tie than a friend's introduction, though
# short of a relationship built over time (the contact's own strength counts when higher).
MUTUAL_YES_TIE: Final = 0.5


def event_ties(
    rounds: Iterable[Sequence[Sequence[int]]],
    me: int,
    matched: Collection[int],
) -> dict[tuple[int, int], float]:
    """The ties ``me`` knows of from the rounds held: ``{(a, b): strength}``, each pair once.

    - ``me`` and each tablemate: ``MET_TIE``;
    - two others who sat at ``me``'s table in the same round: ``MET_TIE`` (``me`` saw them meet);
    - ``me`` and each person of ``matched`` who sat with ``me``: ``MUTUAL_YES_TIE``.

    ``rounds`` are the rounds held, each a list of tables of attendee ids. Tables ``me`` did not
    sit at are ignored: what happened there is not ``me``'s to know. A pair with ``me`` has
    ``me`` first; any other pair has the smaller id first.
    """
    ties: dict[tuple[int, int], float] = {}
    for tables in rounds:
        for table in tables:
            if me not in table:
                continue
            others = [p for p in table if p != me]
            for other in others:
                ties.setdefault((me, other), MET_TIE)
            for a, b in combinations(others, 2):
                ties.setdefault((min(a, b), max(a, b)), MET_TIE)
    for other in matched:
        # A match with someone never seen at a table cannot be: both picks need a meeting.
        if (me, other) in ties:
            ties[(me, other)] = MUTUAL_YES_TIE
    return ties
