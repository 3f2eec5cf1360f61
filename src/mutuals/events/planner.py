"""plan_rotation: the public entry point that turns people and wishes into a Schedule."""

from __future__ import annotations

import gc
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from mutuals.domain.schedule import Schedule
from mutuals.events.budget import Deadline
from mutuals.events.layout import Uneven, table_sizes
from mutuals.events.problem import Odd, Pair, Problem, build_problem
from mutuals.events.stats import plan_stats
from mutuals.events.tables import plan_tables

if TYPE_CHECKING:
    from mutuals.events.weights import WeightsInput

Tables = list[list[int]]


def plan_rotation(
    people: Sequence[Hashable],
    *,
    table_size: int,
    rounds: int,
    weights: WeightsInput | None = None,
    hosts: Sequence[Hashable] = (),
    sides: Mapping[Hashable, Hashable] | None = None,
    avoid: Iterable[Pair] = (),
    must_meet: Iterable[Pair] = (),
    separate_by: Mapping[Hashable, Hashable] | None = None,
    history: Sequence[Sequence[Sequence[Hashable]]] = (),
    odd: Odd = "trio",
    uneven: Uneven | None = None,
    seed: int = 0,
    budget_seconds: float | None = None,
) -> Schedule:
    """Plan ``rounds`` rounds of speed networking for ``people`` at tables of ``table_size``.

    - ``people``: distinct hashable ids (ints, strings, ...), in any order.
    - ``table_size``: 2 for pairs. When it does not divide the head count some tables seat one
      more (``uneven="larger"``) or one fewer (``"smaller"``); never a table of one. Left as
      ``None``, both layouts are planned and the one with fewer repeats is kept (on a tie, more
      weight met, then the larger tables).
    - ``weights``: mutual interest per pair (see :mod:`mutuals.events.weights` for the accepted
      forms). The plan then maximises the weight of pairs who meet, best meetings first.
    - ``hosts``: people who stay at one table all event: host i sits at table i in every round,
      and hosts never meet each other.
    - ``sides``: person -> side (exactly two sides), for mentors/mentees or buyers/sellers. Only
      cross-side pairs meet; the smaller side stays seated and the larger side takes turns resting.
      Needs ``table_size=2``; any ``hosts`` must be on the seated side.
    - ``avoid``: pairs who must never share a table. ``must_meet``: pairs seated as early as
      possible. ``separate_by``: person -> attribute (say, company); people sharing one are kept
      at different tables whenever possible.
    - ``history``: rounds already held (tables of ids); their pairs are not planned again.
    - ``odd``: with pairs and an odd head count, ``"trio"`` seats one table of three, ``"bye"``
      lets one person sit out per round, in turn.
    - ``seed``: the same inputs and seed always give the same schedule.
    - ``budget_seconds``: stop improving the plan after this long and return the best found so
      far (a complete plan, built quickly, then improved while time remains). Without a budget
      the searches run a fixed number of steps, so the plan does not depend on the machine.

    Without weights or constraints, pairs follow the circle method (n-1 rounds, every pair once)
    and tables use a known design when one exists (Kirkman triple systems, affine planes,
    resolvable designs); anything else is planned round by round and repaired by tabu search, so
    that repeats are as few and as spread as possible.

    >>> s = plan_rotation(range(9), table_size=3, rounds=4)
    >>> s.stats.repeats, len(s.rounds)
    (0, 4)
    """
    if uneven is None:
        layouts: list[Uneven] = ["larger"]
        if (
            len(people) >= 2
            and table_size >= 2
            and table_sizes(len(people), table_size, "smaller")
            != table_sizes(len(people), table_size, "larger")
        ):
            layouts.append("smaller")
        plans = [
            plan_rotation(
                people,
                table_size=table_size,
                rounds=rounds,
                weights=weights,
                hosts=hosts,
                sides=sides,
                avoid=avoid,
                must_meet=must_meet,
                separate_by=separate_by,
                history=history,
                odd=odd,
                uneven=layout,
                seed=seed,
                # Both layouts share the time the organiser allowed.
                budget_seconds=None if budget_seconds is None else budget_seconds / len(layouts),
            )
            for layout in layouts
        ]
        # min() keeps the first of equals: the larger tables, as before this choice existed.
        return min(plans, key=lambda s: (s.stats.repeats, -(s.stats.weight_share or 0.0)))
    pb, held = build_problem(
        people,
        table_size=table_size,
        rounds=rounds,
        weights=weights,
        hosts=hosts,
        sides=sides,
        avoid=avoid,
        must_meet=must_meet,
        separate_by=separate_by,
        history=history,
        odd=odd,
        uneven=uneven,
        seed=seed,
    )
    pb.deadline = Deadline(budget_seconds)
    with gc_paused():
        plan, byes = run(pb, list(range(pb.n)))
        return to_schedule(pb, list(people), plan, byes, held, list(range(pb.n)))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a plan is built.

    A large plan is hundreds of thousands of small lists; the collector would rescan them many
    times over (it tripled the time for 1,000 people in pairs). Nothing here creates cycles.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def run(
    pb: Problem, present: list[int], keep: list[Tables] | None = None
) -> tuple[list[Tables], list[list[int]]]:
    """Dispatch to the strategy for the problem's shape."""
    # Pairs and two-sided events are planned with NumPy: loaded only for them.
    if pb.sides is not None:
        from mutuals.events.sides import plan_sides

        return plan_sides(pb, present)
    if pb.k == 2:
        from mutuals.events.pairs import plan_pairs

        return plan_pairs(pb, present)
    return plan_tables(pb, present, keep), [[] for _ in range(pb.rounds)]


def to_schedule(
    pb: Problem,
    people: list[Hashable],
    plan: list[Tables],
    byes: list[list[int]],
    held: dict[tuple[int, int], int],
    present: list[int],
) -> Schedule:
    """Map indices back to ids and attach statistics."""
    # partners per round: the largest table decides (a trio member meets two)
    widest = max((len(t) for tables in plan for t in tables), default=pb.k)
    stats = plan_stats(pb.n, plan, byes, held, pb.weights, pb.rounds, widest - 1, present=present)
    return Schedule(
        rounds=tuple(tuple(tuple(people[p] for p in t) for t in tables) for tables in plan),
        stats=stats,
        byes=tuple(tuple(people[p] for p in b) for b in byes),
    )
