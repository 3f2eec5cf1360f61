"""Resolvable designs given by base blocks over Z_n, and the table of those mutuals knows.

Points are ``Z_n × {0..parts-1}`` plus ``fixed`` points that never move; point ``(x, i)`` has the
code ``i*n + x`` and fixed point ``j`` the code ``parts*n + j``. Each base class is a parallel
class (a round); adding ``g`` to every moving point, for ``g`` in ``range(steps)``, gives ``steps``
rounds.
Each orbit block, developed over all of ``Z_n``, is one more round on its own. The base blocks were
found by a difference-family search and are checked by the tests: no pair meets twice.
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
    (12, 3): CyclicDesign(4, 3, 0, 4, (((0, 9, 10), (1, 7, 8), (2, 5, 6), (3, 4, 11)),)),
    (15, 3): CyclicDesign(
        7, 2, 1, 7, (((1, 10, 14), (0, 3, 7), (2, 4, 12), (5, 6, 11), (8, 9, 13)),)
    ),
    (18, 3): CyclicDesign(
        4,
        4,
        2,
        4,
        (
            ((1, 13, 16), (4, 8, 17), (0, 3, 5), (2, 6, 11), (7, 14, 15), (9, 10, 12)),
            ((4, 10, 16), (3, 13, 17), (0, 11, 15), (1, 9, 14), (2, 5, 8), (6, 7, 12)),
        ),
    ),
    (21, 3): CyclicDesign(
        7,
        3,
        0,
        7,
        (((0, 1, 5), (2, 10, 17), (3, 12, 14), (4, 7, 20), (6, 11, 19), (8, 9, 13), (15, 16, 18)),),
        ((0, 11, 14), (0, 7, 19), (0, 13, 17)),
    ),
    (24, 3): CyclicDesign(
        11,
        2,
        2,
        11,
        (
            (
                (10, 19, 22),
                (0, 14, 23),
                (1, 6, 8),
                (2, 5, 12),
                (3, 4, 20),
                (7, 15, 18),
                (9, 11, 13),
                (16, 17, 21),
            ),
        ),
    ),
    (27, 3): CyclicDesign(
        13,
        2,
        1,
        13,
        (
            (
                (0, 14, 26),
                (1, 3, 19),
                (2, 10, 22),
                (4, 8, 11),
                (5, 6, 15),
                (7, 13, 18),
                (9, 17, 24),
                (12, 16, 25),
                (20, 21, 23),
            ),
        ),
    ),
    (20, 4): CyclicDesign(
        5,
        4,
        0,
        5,
        (((0, 10, 12, 15), (1, 5, 8, 19), (2, 4, 7, 13), (3, 9, 11, 17), (6, 14, 16, 18)),),
    ),
    (24, 4): CyclicDesign(
        7,
        3,
        3,
        7,
        (
            (
                (4, 9, 18, 21),
                (6, 13, 16, 22),
                (2, 10, 17, 23),
                (0, 1, 5, 11),
                (3, 14, 15, 19),
                (7, 8, 12, 20),
            ),
        ),
    ),
    (28, 4): CyclicDesign(
        9,
        3,
        1,
        9,
        (
            (
                (3, 14, 19, 27),
                (0, 6, 7, 16),
                (1, 5, 13, 23),
                (2, 22, 25, 26),
                (4, 9, 10, 21),
                (8, 12, 18, 20),
                (11, 15, 17, 24),
            ),
        ),
    ),
    (40, 4): CyclicDesign(
        39,
        1,
        1,
        13,
        (
            (
                (0, 13, 26, 39),
                (1, 5, 8, 25),
                (14, 18, 21, 38),
                (12, 27, 31, 34),
                (2, 3, 11, 36),
                (10, 15, 16, 24),
                (23, 28, 29, 37),
                (4, 6, 22, 33),
                (7, 17, 19, 35),
                (9, 20, 30, 32),
            ),
        ),
    ),
}
