"""The planner's inputs, checked and turned into indices: people, constraints, weights, history."""

from __future__ import annotations

import random
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from mutuals.events.budget import NO_DEADLINE, Deadline
from mutuals.events.costs import CostModel, key
from mutuals.events.layout import Uneven, table_sizes

if TYPE_CHECKING:
    from mutuals.events.weights import PairWeights, WeightsInput

Odd = Literal["trio", "bye"]
Pair = tuple[Hashable, Hashable]


@dataclass(slots=True)
class Problem:
    """Everything a planning strategy needs, over people ``0..n-1``."""

    n: int
    k: int
    rounds: int
    model: CostModel
    rng: random.Random
    odd: Odd = "trio"
    uneven: Uneven = "larger"
    weights: PairWeights | None = None
    hosts: list[int] = field(default_factory=list)
    sides: tuple[list[int], list[int]] | None = None
    bye_counts: list[int] = field(default_factory=list)
    newcomers: set[int] = field(default_factory=set)
    plain: bool = True
    deadline: Deadline = NO_DEADLINE

    def sizes(self, count: int | None = None) -> list[int]:
        return table_sizes(self.n if count is None else count, self.k, self.uneven)


def _pairs(pairs: Iterable[Pair], index: Mapping[Hashable, int], what: str) -> set[tuple[int, int]]:
    out = set()
    for pair in pairs:
        try:
            a, b = pair
        except (TypeError, ValueError) as err:
            raise ValueError(f"{what} must hold pairs of people, got {pair!r}") from err
        if a not in index or b not in index:
            raise ValueError(f"{what} names someone not attending: {pair!r}")
        if a != b:
            out.add(key(index[a], index[b]))
    return out


def build_problem(
    people: Sequence[Hashable],
    *,
    table_size: int,
    rounds: int,
    weights: WeightsInput | None,
    hosts: Sequence[Hashable],
    sides: Mapping[Hashable, Hashable] | None,
    avoid: Iterable[Pair],
    must_meet: Iterable[Pair],
    separate_by: Mapping[Hashable, Hashable] | None,
    history: Sequence[Sequence[Sequence[Hashable]]],
    odd: Odd,
    uneven: Uneven,
    seed: int,
) -> tuple[Problem, dict[tuple[int, int], int]]:
    """Validate the inputs and compile them; also returns the meeting counts of ``history``."""
    people = list(people)
    n = len(people)
    if table_size < 2:
        raise ValueError("table size must be at least 2")
    if rounds < 1:
        raise ValueError("rounds must be at least 1")
    if n < 2:
        raise ValueError("a rotation needs at least two people")
    index = {p: i for i, p in enumerate(people)}
    if len(index) != n:
        raise ValueError("people must be distinct")
    if odd not in ("trio", "bye"):
        raise ValueError("odd must be 'trio' or 'bye'")
    if uneven not in ("larger", "smaller"):
        raise ValueError("uneven must be 'larger' or 'smaller'")
    model = CostModel(n)
    model.forbidden = _pairs(avoid, index, "avoid")
    model.must = _pairs(must_meet, index, "must_meet") - model.forbidden
    for rnd in history:
        for table in rnd:
            present = [index[p] for p in table if p in index]
            model.meet(present)
    held = dict(model.counts)
    host_idx = [index[h] for h in hosts if h in index]
    if len(host_idx) != len(hosts) or len(set(host_idx)) != len(host_idx):
        raise ValueError("hosts must be distinct people who attend")
    pw = None
    if weights is not None:
        # NumPy and SciPy come with weights; a plain plan does without them.
        from mutuals.events.weights import as_pair_weights

        pw = as_pair_weights(weights, people, index)
    if pw is not None:
        model.weight = pw.scaled
        model.weights_of = pw.scaled_many
    if separate_by is not None:
        labels: dict[Hashable, int] = {}
        model.label = [
            labels.setdefault(separate_by[p], len(labels))
            if separate_by.get(p) not in (None, "")
            else -1
            for p in people
        ]
    side_split = None
    if sides is not None:
        side_split = _split_sides(people, sides, host_idx)
        if table_size != 2:
            raise ValueError("two-sided events seat pairs: use table size 2")
        for a in side_split[0]:
            for b in side_split[0]:
                if a < b:
                    model.forbidden.add((a, b))
        for a in side_split[1]:
            for b in side_split[1]:
                if a < b:
                    model.forbidden.add((a, b))
    else:
        count = len(
            table_sizes(
                n if not (table_size == 2 and odd == "bye") else n - n % 2, table_size, uneven
            )
        )
        if len(host_idx) > count:
            raise ValueError(f"{len(host_idx)} hosts but only {count} tables")
        for i, a in enumerate(host_idx):
            for b in host_idx[i + 1 :]:
                model.forbidden.add(key(a, b))
    plain = (
        pw is None
        and not model.forbidden
        and not model.must
        and model.label is None
        and not held
        and len(host_idx) <= (1 if table_size == 2 else 0)
        and side_split is None
    )
    problem = Problem(
        n=n,
        k=table_size,
        rounds=rounds,
        model=model,
        rng=random.Random(seed),
        odd=odd,
        uneven=uneven,
        weights=pw,
        hosts=host_idx,
        sides=side_split,
        bye_counts=[0] * n,
        plain=plain,
    )
    return problem, held


def _split_sides(
    people: Sequence[Hashable], sides: Mapping[Hashable, Hashable], hosts: Sequence[int]
) -> tuple[list[int], list[int]]:
    """(seated, rotating): the smaller side stays seated, host i first at table i.

    A tie seats the hosts' side, or else the first person's side. Hosts never move, so they must
    all be on the seated side.
    """
    labels: list[Hashable] = []
    for p in people:
        if p not in sides:
            raise ValueError(f"sides gives no side for {p!r}")
        if sides[p] not in labels:
            labels.append(sides[p])
    if len(labels) != 2:
        raise ValueError(f"sides must name exactly two sides, got {len(labels)}")
    first = [i for i, p in enumerate(people) if sides[p] == labels[0]]
    second = [i for i, p in enumerate(people) if sides[p] == labels[1]]
    if len(first) > len(second) or (
        len(first) == len(second) and hosts and sides[people[hosts[0]]] == labels[1]
    ):
        first, second = second, first
    if any(h not in first for h in hosts):
        raise ValueError("in a two-sided event all hosts must be on the smaller side, which stays")
    return [*hosts, *(i for i in first if i not in hosts)], second
