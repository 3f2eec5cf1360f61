"""Direct constructions of no-repeat rotations: affine planes, transversal designs, cyclic designs.

Each function returns rounds of tables of point indices ``0..n-1``, or ``None`` when it does not
apply. :func:`best_design` picks the construction with the most rounds for ``n`` people at tables
of ``k``.
"""

from __future__ import annotations

from mutuals.events.cyclic import KNOWN
from mutuals.events.galois import galois_field, prime_power
from mutuals.events.golf32 import golf32

Rounds = list[list[list[int]]]

# GF(q) tables are built on demand; beyond this the construction cost outweighs the benefit.
MAX_FIELD = 128


def affine_plane(n: int, k: int) -> Rounds | None:
    """AG(2, q) for ``n == q*q``, ``k == q``, q a prime power: q+1 rounds, every pair once."""
    q = k
    if n != q * q or q > MAX_FIELD or prime_power(q) is None:
        return None
    f = galois_field(q)
    rounds: Rounds = [[[x * q + y for y in range(q)] for x in range(q)]]
    for m in range(q):
        # lines y = m*x + b
        rounds.append([sorted(x * q + f.add[f.mul[m][x]][b] for x in range(q)) for b in range(q)])
    return rounds


def transversal(n: int, k: int) -> Rounds | None:
    """A resolvable transversal design: ``n == k*t``, t a prime power >= k; t rounds.

    People form k groups of t; in round r table s seats, from group c, the one at position
    ``s + c*r`` (in GF(t)). Two people of different groups meet in exactly one round, two of the
    same group never, so every round is new. When t == k the groups themselves make one more round.
    """
    if k < 2 or n % k:
        return None
    t = n // k
    if t < k or t > MAX_FIELD or prime_power(t) is None:
        return None
    f = galois_field(t)
    rounds: Rounds = []
    for r in range(t):
        rounds.append([sorted(c * t + f.add[s][f.mul[c][r]] for c in range(k)) for s in range(t)])
    if t == k:
        rounds.append([[c * t + s for s in range(t)] for c in range(k)])
    return rounds


def latin_square(n: int, k: int) -> Rounds | None:
    """Rows, columns and the symbols of the cyclic Latin square for ``n == k*k``: 3 rounds."""
    if n != k * k or k < 3:
        return None
    return [
        [[r * k + c for c in range(k)] for r in range(k)],
        [[r * k + c for r in range(k)] for c in range(k)],
        [sorted(r * k + (s - r) % k for r in range(k)) for s in range(k)],
    ]


def cyclic(n: int, k: int) -> Rounds | None:
    """The stored base-block design for ``(n, k)``, developed, if mutuals has one."""
    design = KNOWN.get((n, k))
    return design.rounds() if design is not None else None


def best_design(n: int, k: int) -> Rounds | None:
    """The construction with the most no-repeat rounds for n people at tables of exactly k."""
    if k < 2 or n % k or n <= k:
        return None
    found = [
        d
        for d in (
            affine_plane(n, k),
            cyclic(n, k),
            golf32(n, k),
            transversal(n, k),
            latin_square(n, k),
        )
        if d is not None
    ]
    return max(found, key=len) if found else None
