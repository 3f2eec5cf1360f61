"""A stored no-repeat rotation for 32 people at 8 tables of 4 for 10 rounds (social golfer 8-4-10).

No algebraic construction in :mod:`mutuals.events.designs` reaches 10 rounds here (the transversal
design gives 8), so the schedule is kept as data. It was computed by
``benchmarks/search_golf_32_4_10.py``, which explains how it is built and can rebuild it.
"""

from __future__ import annotations

PEOPLE = 32
TABLE_SIZE = 4

# One string per round; character p is the table (0-7) of person p. Persons 2g and 2g+1 are the
# only pairs who never meet: every other pair meets in exactly one round.
SEATS: tuple[str, ...] = (
    "01010101232323234545454567676767",
    "01234567012345670123456701324576",
    "01234567230176455467103276453201",
    "01234567547610236745320132017645",
    "01234567675423102310675454671023",
    "01231032456732545445237610670176",
    "01234567764554321054017667102332",
    "01234567103201543276544523766710",
    "01102332455467762301541076674532",
    "01233210321045015467764567235476",
)


def golf32_rounds() -> list[list[list[int]]]:
    """The 10 stored rounds, each 8 tables of 4 people numbered ``0..31``, tables sorted."""
    rounds = []
    for seats in SEATS:
        tables: list[list[int]] = [[] for _ in range(PEOPLE // TABLE_SIZE)]
        for person, table in enumerate(seats):
            tables[int(table)].append(person)
        rounds.append(tables)
    return rounds


def golf32(n: int, k: int) -> list[list[list[int]]] | None:
    """The stored 10-round design when ``n == 32`` and ``k == 4``, else ``None``.

    >>> len(golf32(32, 4) or []), golf32(32, 8)
    (10, None)
    """
    if n != PEOPLE or k != TABLE_SIZE:
        return None
    return golf32_rounds()
