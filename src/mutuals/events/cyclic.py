"""Resolvable designs given by base blocks over Z_n, and the table of those mutuals knows.

Points are ``Z_n × {0..parts-1}`` plus ``fixed`` points that never move; point ``(x, i)`` has the
code ``i*n + x`` and fixed point ``j`` the code ``parts*n + j``. Each base class is a parallel
class (a round); adding ``g`` to every moving point, for ``g`` in ``range(steps)``, gives ``steps``
rounds.
Each orbit block, developed over all of ``Z_n``, is one more round on its own. The base blocks are
the output of ``benchmarks/search_cyclic_designs.py`` (an annealing search over base blocks that
counts repeated differences; ``--check`` rebuilds this table with its default seed). The
40-people design, developed over 13 of the 39 shifts, is the first relative difference family of
``Z_39`` over ``{0, 13, 26}`` that the script's exact search finds, with its translates. The
tests check every design: no pair meets twice.
"""

from __future__ import annotations

from dataclasses import dataclass

Blocks = tuple[tuple[int, ...], ...]


@dataclass(frozen=True, slots=True)
class CyclicDesign:
    """A resolvable design (or packing) developed from base classes over ``Z_n``."""

    n: int
    parts: int
    fixed: int
    steps: int
    classes: tuple[Blocks, ...]
    orbits: tuple[tuple[int, ...], ...] = ()

    @property
    def points(self) -> int:
        return self.n * self.parts + self.fixed

    def shift(self, code: int, g: int) -> int:
        if code >= self.n * self.parts:
            return code
        part, x = divmod(code, self.n)
        return part * self.n + (x + g) % self.n

    def rounds(self) -> list[list[list[int]]]:
        """Every round of the design: orbit rounds first, then each base class developed."""
        out: list[list[list[int]]] = []
        for block in self.orbits:
            out.append([sorted(self.shift(c, g) for c in block) for g in range(self.n)])
        for base in self.classes:
            for g in range(self.steps):
                out.append([sorted(self.shift(c, g) for c in block) for block in base])
        return out


# Keyed by (people, table size). Kirkman and nearly Kirkman triple systems, resolvable (v,4,1)
# designs and the best known packings for sizes without a plain algebraic construction.
KNOWN: dict[tuple[int, int], CyclicDesign] = {
    (12, 3): CyclicDesign(
        n=4,
        parts=3,
        fixed=0,
        steps=4,
        classes=(((0, 4, 11), (1, 2, 7), (3, 8, 9), (5, 6, 10)),),
        orbits=(),
    ),
    (15, 3): CyclicDesign(
        n=7,
        parts=2,
        fixed=1,
        steps=7,
        classes=(((0, 4, 11), (1, 2, 10), (3, 5, 8), (6, 12, 14), (7, 9, 13)),),
        orbits=(),
    ),
    (18, 3): CyclicDesign(
        n=4,
        parts=4,
        fixed=2,
        steps=4,
        classes=(
            ((0, 10, 14), (1, 8, 13), (2, 5, 15), (3, 11, 17), (4, 12, 16), (6, 7, 9)),
            ((0, 6, 15), (1, 10, 16), (2, 3, 7), (4, 8, 9), (5, 12, 17), (11, 13, 14)),
        ),
        orbits=(),
    ),
    (20, 4): CyclicDesign(
        n=5,
        parts=4,
        fixed=0,
        steps=5,
        classes=(((0, 3, 11, 19), (1, 2, 5, 7), (4, 6, 13, 14), (8, 9, 15, 18), (10, 12, 16, 17)),),
        orbits=(),
    ),
    (21, 3): CyclicDesign(
        n=7,
        parts=3,
        fixed=0,
        steps=7,
        classes=(
            (
                (0, 13, 19),
                (1, 10, 17),
                (2, 7, 15),
                (3, 5, 6),
                (4, 8, 18),
                (9, 11, 12),
                (14, 16, 20),
            ),
        ),
        orbits=((1, 11, 16), (3, 10, 14), (3, 11, 20)),
    ),
    (24, 3): CyclicDesign(
        n=11,
        parts=2,
        fixed=2,
        steps=11,
        classes=(
            (
                (0, 3, 18),
                (1, 11, 22),
                (2, 14, 19),
                (4, 13, 15),
                (5, 6, 10),
                (7, 9, 12),
                (8, 21, 23),
                (16, 17, 20),
            ),
        ),
        orbits=(),
    ),
    (24, 4): CyclicDesign(
        n=7,
        parts=3,
        fixed=3,
        steps=7,
        classes=(
            (
                (0, 11, 15, 23),
                (1, 3, 4, 10),
                (2, 12, 19, 22),
                (5, 14, 16, 17),
                (6, 7, 20, 21),
                (8, 9, 13, 18),
            ),
        ),
        orbits=(),
    ),
    (27, 3): CyclicDesign(
        n=13,
        parts=2,
        fixed=1,
        steps=13,
        classes=(
            (
                (0, 2, 12),
                (1, 7, 16),
                (3, 8, 14),
                (4, 17, 24),
                (5, 22, 23),
                (6, 10, 20),
                (9, 21, 25),
                (11, 19, 26),
                (13, 15, 18),
            ),
        ),
        orbits=(),
    ),
    (28, 4): CyclicDesign(
        n=9,
        parts=3,
        fixed=1,
        steps=9,
        classes=(
            (
                (0, 6, 8, 20),
                (1, 5, 14, 23),
                (2, 16, 18, 26),
                (3, 9, 22, 27),
                (4, 11, 12, 15),
                (7, 10, 17, 24),
                (13, 19, 21, 25),
            ),
        ),
        orbits=(),
    ),
    (40, 4): CyclicDesign(
        n=39,
        parts=1,
        fixed=1,
        steps=13,
        classes=(
            (
                (0, 13, 26, 39),
                (1, 5, 8, 25),
                (2, 3, 11, 36),
                (4, 6, 22, 33),
                (7, 17, 19, 35),
                (9, 20, 30, 32),
                (10, 15, 16, 24),
                (12, 27, 31, 34),
                (14, 18, 21, 38),
                (23, 28, 29, 37),
            ),
        ),
        orbits=(),
    ),
}
