"""Search for the base blocks of the cyclic designs stored in ``mutuals.events.cyclic``.

Run: ``python benchmarks/search_cyclic_designs.py [--only PEOPLE,TABLE] [--seed N] [--check]``.
For every stored design it keeps the shape (``n``, ``parts``, ``fixed`` points, ``steps``, the
number of base classes and of orbit blocks) and searches for base blocks whose development meets
no pair twice. With the default seed it finds the blocks stored in ``KNOWN``; ``--check`` asserts
that they are the same, block for block, so the stored table can be rebuilt from this script.

How the search works
--------------------
A base class is a partition of the points ``Z_n × {0..parts-1}`` plus the fixed points into
blocks of the table size; developing it (adding ``g`` to every moving point for ``g`` in
``range(steps)``) gives ``steps`` rounds. An orbit block holds one point of each part and,
developed over all of ``Z_n``, is a round on its own. Every pair in a base block stands for the
``steps`` pairs of its development, so the cost of a candidate is the number of developed pairs
met more than once. When ``steps == n`` the development of a pair is its whole orbit under
``Z_n``, so the search counts orbits (differences) instead of pairs: one count per base pair. A
pair whose orbit is shorter than ``n`` (two points ``n/2`` apart, or two fixed points) meets
itself again within its own development and always costs. The search is simulated annealing on that cost: a move swaps two points
between two blocks of one base class, or moves one point of an orbit block along ``Z_n``, and the
cost is updated from the pairs of the two blocks touched. It restarts from a new random start
(from a generator seeded by the design and ``--seed``) until the cost reaches 0. The result is
checked pair by pair, by the same code the planner uses, before it is printed.

A design developed over fewer shifts than ``n`` (40 people at tables of 4: ``Z_39`` and one fixed
point, 13 shifts) is found another way, exactly and without chance. Its base class holds the
standard block, the fixed point with the subgroup ``H = {0, 13, 26}`` (whose 13 shifts meet the
fixed point with everyone and cover the differences in ``H``), and is itself made invariant under
adding 13: the other 36 points form three base blocks ``B`` and their translates ``B + 13`` and
``B + 26``. Developed over the 13 shifts, each base block's difference ``b - a`` then meets every
pair of points that far apart exactly once. So the base class is right when (a) the 12 points of
the three base blocks have the residues 1..12 mod 13, one each (the translates then partition the
36 points), and (b) their 36 differences ``±(b - a)`` are distinct and outside ``H``: a relative
difference family of ``Z_39`` over ``H``. A depth-first search over points in increasing order
(each block starting at the smallest residue not yet used) finds the first such family in a
couple of seconds, and the stored blocks are that family with its translates.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mutuals.events.cyclic import KNOWN, CyclicDesign

Block = list[int]


@dataclass
class Shape:
    """What the search keeps of a stored design: everything but the blocks."""

    n: int
    parts: int
    fixed: int
    steps: int
    k: int
    classes: int
    orbits: int

    @property
    def points(self) -> int:
        return self.n * self.parts + self.fixed

    def shift(self, code: int, g: int) -> int:
        if code >= self.n * self.parts:
            return code
        part, x = divmod(code, self.n)
        return part * self.n + (x + g) % self.n


class Search:
    """Annealing state: the base classes, the orbit blocks and how often each pair is met."""

    def __init__(self, shape: Shape, rng: random.Random) -> None:
        self.shape, self.rng = shape, rng
        p = shape.points
        self.count: Counter[int] = Counter()
        self.cost = 0
        # The developed pairs of a base pair, cached: most pairs recur many times in a search.
        self._developed: dict[tuple[int, int, int], list[int]] = {}
        self.classes: list[list[Block]] = []
        self.pinned = pinned_block(shape)
        for _ in range(shape.classes):
            codes = [c for c in range(p) if c not in self.pinned]
            rng.shuffle(codes)
            blocks = [sorted(codes[i : i + shape.k]) for i in range(0, len(codes), shape.k)]
            self.classes.append(blocks)
        self.orbits: list[Block] = [
            [part * shape.n + rng.randrange(shape.n) for part in range(shape.parts)]
            for _ in range(shape.orbits)
        ]
        for blocks in self.classes:
            for block in blocks:
                self._add(block, shape.steps, +1)
        if self.pinned:
            self._add(self.pinned, shape.steps, +1)
        for block in self.orbits:
            self._add(block, shape.n, +1)

    def developed(self, a: int, b: int, steps: int) -> list[int]:
        """The developed pairs of base pair ``a, b`` as keys (an orbit key repeats per lap)."""
        key = (a, b, steps)
        if key not in self._developed:
            p, s = self.shape.points, self.shape
            pairs = []
            for g in range(steps):
                x, y = s.shift(a, g), s.shift(b, g)
                pairs.append(min(x, y) * p + max(x, y))
            if steps == s.n:
                # The whole orbit: one key, its smallest pair, once per time the orbit is walked.
                pairs = [min(pairs)] * (steps // len(set(pairs)))
            self._developed[key] = pairs
        return self._developed[key]

    def _add(self, block: Block, steps: int, sign: int) -> None:
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                for pair in self.developed(a, b, steps):
                    if sign > 0:
                        self.cost += self.count[pair] >= 1
                        self.count[pair] += 1
                    else:
                        self.count[pair] -= 1
                        self.cost -= self.count[pair] >= 1

    def step(self, temperature: float) -> None:
        """Try one random move; keep it when it does not cost too much."""
        before = self.cost
        if self.orbits and self.rng.random() < len(self.orbits) / (len(self.orbits) + 4):
            block = self.rng.choice(self.orbits)
            i = self.rng.randrange(len(block))
            old = block[i]
            self._add(block, self.shape.n, -1)
            part = old // self.shape.n
            block[i] = part * self.shape.n + self.rng.randrange(self.shape.n)
            self._add(block, self.shape.n, +1)
            if not self._accept(self.cost - before, temperature):
                self._add(block, self.shape.n, -1)
                block[i] = old
                self._add(block, self.shape.n, +1)
            return
        blocks = self.rng.choice(self.classes)
        u, v = self.rng.sample(range(len(blocks)), 2)
        i, j = self.rng.randrange(self.shape.k), self.rng.randrange(self.shape.k)
        steps = self.shape.steps
        self._add(blocks[u], steps, -1)
        self._add(blocks[v], steps, -1)
        blocks[u][i], blocks[v][j] = blocks[v][j], blocks[u][i]
        self._add(blocks[u], steps, +1)
        self._add(blocks[v], steps, +1)
        if not self._accept(self.cost - before, temperature):
            self._add(blocks[u], steps, -1)
            self._add(blocks[v], steps, -1)
            blocks[u][i], blocks[v][j] = blocks[v][j], blocks[u][i]
            self._add(blocks[u], steps, +1)
            self._add(blocks[v], steps, +1)

    def _accept(self, delta: int, temperature: float) -> bool:
        return delta <= 0 or self.rng.random() < math.exp(-delta / temperature)


def pinned_block(shape: Shape) -> Block:
    """For a short development (``steps < n``): the fixed point with the subgroup of order
    ``n / steps``, which covers the fixed point's pairs and the subgroup's differences."""
    if shape.steps == shape.n or shape.parts != 1 or shape.fixed != 1:
        return []
    if shape.n % shape.steps or shape.n // shape.steps != shape.k - 1:
        return []
    return [*range(0, shape.n, shape.steps), shape.n]


def canonical(shape: Shape, search: Search) -> CyclicDesign:
    """The found blocks in a fixed order: each block sorted, each class sorted by its blocks."""
    found = [[*blocks, search.pinned] if search.pinned else blocks for blocks in search.classes]
    classes = tuple(tuple(sorted(tuple(sorted(b)) for b in blocks)) for blocks in found)
    orbits = tuple(sorted(tuple(sorted(b)) for b in search.orbits))
    return CyclicDesign(shape.n, shape.parts, shape.fixed, shape.steps, classes, orbits)


def shape_of(design: CyclicDesign) -> Shape:
    k = len(design.classes[0][0])
    return Shape(
        design.n,
        design.parts,
        design.fixed,
        design.steps,
        k,
        len(design.classes),
        len(design.orbits),
    )


def relative_difference_family(n: int, steps: int, k: int) -> list[Block]:
    """The first base blocks, in increasing order of points, of a relative difference family of
    ``Z_n`` over the subgroup of multiples of ``steps``: their points take each nonzero residue
    mod ``steps`` once and their differences are distinct and outside the subgroup."""
    subgroup = set(range(0, n, steps))
    count = (n - len(subgroup)) // (k * len(subgroup))
    residues: set[int] = set()
    differences: set[int] = set(subgroup)
    blocks: list[Block] = []

    def new_differences(block: Block, x: int) -> list[int] | None:
        found: list[int] = []
        for a in block:
            up, down = (x - a) % n, (a - x) % n
            if up in differences or down in differences or up in found or up == down:
                return None
            found += [up, down]
        return found

    def fill(block: Block) -> bool:
        if len(block) == k:
            blocks.append(list(block))
            if place():
                return True
            blocks.pop()
            return False
        for x in range(block[-1] + 1, n):
            r = x % steps
            found = new_differences(block, x) if r and r not in residues else None
            if found is None:
                continue
            residues.add(r)
            differences.update(found)
            if fill([*block, x]):
                return True
            residues.discard(r)
            differences.difference_update(found)
        return False

    def place() -> bool:
        if len(blocks) == count:
            return True
        # A block and its translates by the subgroup give the same rounds: start it at the
        # smallest unused residue itself.
        r = min(set(range(1, steps)) - residues)
        residues.add(r)
        if fill([r]):
            return True
        residues.discard(r)
        return False

    if not place():
        raise RuntimeError(f"no relative difference family of Z_{n} over steps of {steps}")
    return blocks


def search_short(shape: Shape) -> CyclicDesign:
    """A one-class design over fewer shifts than ``n``: the pinned block, then a relative
    difference family and its translates by the subgroup (see the module docstring)."""
    pinned = pinned_block(shape)
    family = relative_difference_family(shape.n, shape.steps, shape.k)
    translates = [[(x + h) % shape.n for x in block] for block in family for h in pinned[:-1]]
    classes = (tuple(sorted(tuple(sorted(b)) for b in [*translates, pinned])),)
    return CyclicDesign(shape.n, shape.parts, shape.fixed, shape.steps, classes, ())


def search(shape: Shape, seed: int, *, moves: int = 200_000) -> tuple[CyclicDesign, int]:
    """Anneal from random starts until no developed pair repeats; returns the design and restarts.
    A one-class design over fewer shifts than ``n`` is built exactly instead (0 restarts)."""
    if pinned_block(shape) and shape.classes == 1 and not shape.orbits:
        return search_short(shape), 0
    for restart in range(10_000):
        rng = random.Random(f"{shape.n}-{shape.parts}-{shape.fixed}-{shape.k}-{seed}-{restart}")
        state = Search(shape, rng)
        for t in range(moves):
            if state.cost == 0:
                return canonical(shape, state), restart
            state.step(max(0.05, 2.0 * (1.0 - t / moves)))
    raise RuntimeError("no design found")


def repeats(design: CyclicDesign) -> int:
    """Pairs met more than once over every round of the design."""
    seen: Counter[tuple[int, int]] = Counter()
    for rnd in design.rounds():
        for table in rnd:
            for i, a in enumerate(table):
                for b in table[i + 1 :]:
                    seen[(a, b)] += 1
    return sum(c - 1 for c in seen.values() if c > 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--only", nargs="*", default=[], help="designs as PEOPLE,TABLE (e.g. 40,4 28,4)"
    )
    parser.add_argument("--check", action="store_true", help="assert the stored blocks match")
    args = parser.parse_args()
    keys = sorted(KNOWN)
    if args.only:
        keys = [(int(a), int(b)) for a, b in (o.split(",") for o in args.only)]
    print(f"{'people':>6} {'table':>5} {'rounds':>6} {'restarts':>8} {'seconds':>8}  stored?")
    failed = []
    for key in keys:
        stored = KNOWN[key]
        t0 = time.perf_counter()
        found, restarts = search(shape_of(stored), args.seed)
        seconds = time.perf_counter() - t0
        assert repeats(found) == 0, key
        same = found == stored
        print(
            f"{key[0]:>6} {key[1]:>5} {len(found.rounds()):>6} {restarts:>8} {seconds:>8.1f}  "
            f"{'same' if same else 'different'}"
        )
        if not same:
            print(f"    {key}: {found!r}")
            failed.append(key)
    if args.check and failed:
        sys.exit(f"stored blocks differ from the search for {failed}")


if __name__ == "__main__":
    main()
