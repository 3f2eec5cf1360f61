"""Search for the social golfer schedule 8-4-10: 32 people, 8 tables of 4, 10 rounds, no pair twice.

Run: ``python benchmarks/search_golf_32_4_10.py [--seed N] [--check]``. With the default seed it
finds, in about a second on the recording machine, the schedule stored in
``mutuals.events.golf32``; ``--check`` asserts that it is the same one, table for table.

Why the search is small
-----------------------
Each person meets 3 new people a round, 30 in 10 rounds, out of 31: everyone misses exactly one
person. Call the 16 pairs who never meet *groups* and number them so that group ``g`` is the
people ``2g`` and ``2g + 1``. A round then seats every group at two tables (one member at each),
and every two groups ``G, H`` share tables exactly 4 times over the event, one for each of the 4
pairs between them.

The schedule searched for is invariant under swapping the two members of every group. Then each
round is 4 group quadruples, each seated twice: once as chosen and once with every member swapped.
The quadruples of a round split the 16 groups, so the 10 rounds form a *resolvable* design on the
16 groups with blocks of 4 in which every two groups share exactly 2 blocks. Seating a quadruple
with member bits ``x`` and its swap ``1 - x`` meets, for groups ``G, H`` in it, the two pairs of
parity ``x[G] xor x[H]``; the other two pairs of ``G, H`` must come from the other block holding
both, so its parity must differ. The whole schedule comes from:

1. the group design: the 5 parallel classes of the affine plane AG(2, 4) plus the same plane with
   its groups permuted by ``pi``; the search wants ``pi`` such that no block of one meets a block of
   the other in 3 or more groups (found by random restarts and hill climbing on swaps of ``pi``);
2. the member bits: one linear equation over GF(2) per pair of groups,
   ``x[B1][G] + x[B1][H] + x[B2][G] + x[B2][H] = 1`` for the two blocks ``B1, B2`` holding ``G, H``,
   120 equations in 160 unknowns, solved by Gaussian elimination (free unknowns set to 0).

A ``pi`` whose blocks share 3 groups with the plane's makes the equations inconsistent (the three
equations of that triangle add up to 0 = 1); some others are inconsistent too, so the search tries
the next ``pi`` until the equations solve. The result is checked pair by pair before it is printed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from itertools import combinations
from pathlib import Path

GROUPS = 16
Block = tuple[int, ...]
Rounds = list[list[list[int]]]


def gf4_mul(a: int, b: int) -> int:
    """Product in GF(4) = GF(2)[t] / (t^2 + t + 1), elements as 2-bit integers."""
    r = 0
    for i in range(2):
        if b >> i & 1:
            r ^= a << i
    return r ^ 0b111 if r & 0b100 else r


def affine_plane_classes() -> list[list[Block]]:
    """The 5 parallel classes of AG(2, 4) on the groups 0..15, group ``4x + y`` being point (x, y)."""
    classes = [[tuple(4 * c + y for y in range(4)) for c in range(4)]]
    for m in range(4):
        classes.append(
            [tuple(sorted(4 * x + (gf4_mul(m, x) ^ b) for x in range(4))) for b in range(4)]
        )
    return classes


def mask(block: Block) -> int:
    return sum(1 << g for g in block)


def clashes(plane: list[int], pi: list[int], lines: list[Block]) -> int:
    """How many (plane line, permuted line) pairs share 3 or more groups."""
    moved = [sum(1 << pi[g] for g in line) for line in lines]
    return sum((a & b).bit_count() >= 3 for a in plane for b in moved)


def find_permutation(rng: random.Random, lines: list[Block], max_steps: int = 4000) -> list[int]:
    """A permutation of the groups after which no line meets a permuted line in 3 groups."""
    plane = [mask(line) for line in lines]
    while True:
        pi = list(range(GROUPS))
        rng.shuffle(pi)
        cost = clashes(plane, pi, lines)
        for _ in range(max_steps):
            if cost == 0:
                return pi
            i, j = rng.sample(range(GROUPS), 2)
            pi[i], pi[j] = pi[j], pi[i]
            new = clashes(plane, pi, lines)
            if new <= cost:  # sideways moves too, to walk across plateaus
                cost = new
            else:
                pi[i], pi[j] = pi[j], pi[i]


def solve_member_bits(blocks: list[Block]) -> list[int] | None:
    """Member bits ``x[4*b + j]`` meeting each cross pair once, or ``None`` if inconsistent."""
    holders: dict[tuple[int, int], list[int]] = {}
    for b, block in enumerate(blocks):
        for pair in combinations(block, 2):
            holders.setdefault(pair, []).append(b)
    unknowns = 4 * len(blocks)
    rhs = 1 << unknowns
    pivots: dict[int, int] = {}
    for (g, h), (b1, b2) in holders.items():
        row = rhs
        for b in (b1, b2):
            row ^= 1 << (4 * b + blocks[b].index(g)) | 1 << (4 * b + blocks[b].index(h))
        for col in sorted(pivots, reverse=True):
            if row >> col & 1:
                row ^= pivots[col]
        lead = (row & (rhs - 1)).bit_length() - 1
        if lead < 0:
            if row & rhs:
                return None
            continue
        for col, other in pivots.items():
            if other >> lead & 1:
                pivots[col] = other ^ row
        pivots[lead] = row
    bits = [0] * unknowns
    for col, row in pivots.items():
        bits[col] = row >> unknowns & 1
    return bits


def lift(classes: list[list[Block]], bits: list[int]) -> Rounds:
    """People's tables: each block seated as its bits say and once more with members swapped."""
    rounds: Rounds = []
    b = 0
    for cls in classes:
        tables = []
        for block in cls:
            x = bits[4 * b : 4 * b + 4]
            tables.append(sorted(2 * g + s for g, s in zip(block, x, strict=True)))
            tables.append(sorted(2 * g + 1 - s for g, s in zip(block, x, strict=True)))
            b += 1
        rounds.append(sorted(tables))
    return rounds


def verify(rounds: Rounds) -> None:
    """Raise unless: 10 rounds, everyone seated once a round, tables of 4, no pair twice."""
    if len(rounds) != 10:
        raise AssertionError(f"{len(rounds)} rounds")
    seen: set[tuple[int, int]] = set()
    for r, tables in enumerate(rounds):
        if sorted(p for t in tables for p in t) != list(range(32)):
            raise AssertionError(f"round {r} does not seat everyone once")
        for t in tables:
            if len(t) != 4:
                raise AssertionError(f"round {r} has a table of {len(t)}")
            for pair in combinations(sorted(t), 2):
                if pair in seen:
                    raise AssertionError(f"pair {pair} meets twice")
                seen.add(pair)
    if len(seen) != 480:
        raise AssertionError(f"{len(seen)} pairs met, expected 480")


def search(seed: int) -> tuple[Rounds, int, int]:
    """The schedule for ``seed``, the permutations tried and those whose equations were unsolvable."""
    rng = random.Random(seed)
    plane = affine_plane_classes()
    lines = [line for cls in plane for line in cls]
    tried = inconsistent = 0
    while True:
        tried += 1
        pi = find_permutation(rng, lines)
        second = [[tuple(sorted(pi[g] for g in line)) for line in cls] for cls in plane]
        classes = plane + second
        bits = solve_member_bits([block for cls in classes for block in cls])
        if bits is None:
            inconsistent += 1
            continue
        rounds = lift(classes, bits)
        verify(rounds)
        return rounds, tried, inconsistent


def as_seat_strings(rounds: Rounds) -> list[str]:
    """Each round as 32 characters: character ``p`` is the table (0-7) of person ``p``."""
    out = []
    for tables in rounds:
        seat = [0] * 32
        for t, table in enumerate(tables):
            for p in table:
                seat[p] = t
        out.append("".join(str(s) for s in seat))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--check", action="store_true", help="assert it equals the stored one")
    args = parser.parse_args()
    start = time.perf_counter()
    rounds, tried, inconsistent = search(args.seed)
    elapsed = time.perf_counter() - start
    print(f"{'seed':>6} {'permutations':>13} {'unsolvable':>11} {'seconds':>8}")
    print(f"{args.seed:>6} {tried:>13} {inconsistent:>11} {elapsed:>8.2f}")
    print("verified: 10 rounds, 8 tables of 4, 480 pairs, none twice")
    for line in as_seat_strings(rounds):
        print(f'    "{line}",')
    if args.check:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
        from mutuals.events.golf32 import golf32_rounds

        if golf32_rounds() != rounds:
            print("differs from mutuals.events.golf32")
            return 1
        print("same as mutuals.events.golf32")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
