"""Live re-planning between rounds: new attendance, same promises (no pair meets twice)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from mutuals.domain.schedule import Schedule
from mutuals.events.budget import Deadline
from mutuals.events.costs import REPEAT
from mutuals.events.layout import Uneven, host_order
from mutuals.events.localsearch import greedy_round, improve_round, repair
from mutuals.events.planner import gc_paused, run, to_schedule
from mutuals.events.problem import Odd, Pair, Problem, build_problem

if TYPE_CHECKING:
    from mutuals.events.weights import WeightsInput

Tables = list[list[int]]
HeldRounds = Sequence[Sequence[Sequence[Hashable]]]


def replan(
    people: Sequence[Hashable],
    *,
    table_size: int,
    rounds: int,
    held: HeldRounds = (),
    planned: Schedule | HeldRounds | None = None,
    held_byes: Sequence[Sequence[Hashable]] = (),
    weights: WeightsInput | None = None,
    hosts: Sequence[Hashable] = (),
    sides: Mapping[Hashable, Hashable] | None = None,
    avoid: Iterable[Pair] = (),
    must_meet: Iterable[Pair] = (),
    separate_by: Mapping[Hashable, Hashable] | None = None,
    odd: Odd = "trio",
    uneven: Uneven = "larger",
    seed: int = 0,
    budget_seconds: float | None = None,
) -> Schedule:
    """Plan the ``rounds`` rounds still to come for the people present now.

    - ``people``: everyone attending from the next round on: late arrivals included, no-shows and
      people who left excluded.
    - ``held``: the rounds already held (tables of ids, anyone may have left since). No pair in
      them meets again.
    - ``planned``: the previous plan's remaining rounds (a Schedule or rounds of tables). Tables
      whose people are all still here and still new to each other are kept as they were.
    - ``held_byes``: who sat out in each held round, so that byes stay fair.
    - Someone in ``people`` who appears in no held round is a newcomer: seated from the next
      round, and never given a bye (or a rest, in a two-sided event) in that round.

    Other options, ``budget_seconds`` included, are those of
    :func:`mutuals.events.plan_rotation`. The result's statistics
    count repeats against the held rounds too.
    """
    pb, held_counts = build_problem(
        people,
        table_size=table_size,
        rounds=rounds,
        weights=weights,
        hosts=hosts,
        sides=sides,
        avoid=avoid,
        must_meet=must_meet,
        separate_by=separate_by,
        history=held,
        odd=odd,
        uneven=uneven,
        seed=seed,
    )
    pb.deadline = Deadline(budget_seconds)
    index = {p: i for i, p in enumerate(people)}
    seen = {p for rnd in held for t in rnd for p in t} | {p for b in held_byes for p in b}
    pb.newcomers = {index[p] for p in people if p not in seen} if held else set()
    for b in held_byes:
        for p in b:
            if p in index:
                pb.bye_counts[index[p]] += 1
    old_rounds = planned.rounds if isinstance(planned, Schedule) else (planned or ())
    old = [[[index[p] for p in t if p in index] for t in rnd] for rnd in old_rounds]
    everyone = list(range(pb.n))
    with gc_paused():
        if pb.sides is not None or not old:
            plan, byes = run(pb, everyone)
        else:
            plan, byes = _keep_and_fill(pb, everyone, old)
        return to_schedule(pb, list(people), plan, byes, held_counts, everyone)


def _valid(pb: Problem, table: list[int]) -> bool:
    return len(table) >= 2 and all(
        pb.model.add_cost(a, b) < REPEAT / 2 for i, a in enumerate(table) for b in table[i + 1 :]
    )


def _keep_and_fill(
    pb: Problem, present: list[int], old: list[Tables]
) -> tuple[list[Tables], list[list[int]]]:
    plan: list[Tables] = []
    byes: list[list[int]] = []
    pinned = {h: i for i, h in enumerate(pb.hosts)}
    for r in range(pb.rounds):
        previous = old[r] if r < len(old) else []
        out: list[int] = []
        seated = list(present)
        if pb.k == 2 and len(seated) % 2 and pb.odd == "bye":
            from mutuals.events.pairs import _pick_bye

            b = _pick_bye(pb, seated, r)
            seated.remove(b)
            out = [b]
            pb.bye_counts[b] += 1
        here = set(seated)
        sizes = pb.sizes(len(seated))
        kept: Tables = []
        room = sorted(sizes, reverse=True)
        for t in previous:
            t = [p for p in t if p in here]
            if len(t) in room and _valid(pb, t) and sum(h in pinned for h in t) <= 1:
                kept.append(t)
                room.remove(len(t))
        # hosts not at a kept table each need a table of their own among those still to fill
        loose = [h for h in pb.hosts if not any(h in t for t in kept)]
        while len(loose) > len(room):
            dropped = next(i for i, t in enumerate(kept) if not any(h in pinned for h in t))
            room.append(len(kept.pop(dropped)))
        room.sort(reverse=True)
        rest = [p for p in seated if not any(p in t for t in kept)]
        if pb.k == 2:
            from mutuals.events.matching import match_round

            tables = kept + (match_round(pb.model, rest, None, pb.rng) if rest else [])
        else:
            fill = greedy_round(pb.model, room, rest, {h: i for i, h in enumerate(loose)}, pb.rng)
            tables = kept + fill
            improve_round(pb.model, tables, set(rest) - set(pinned), pb.rng, passes=3)
        tables = host_order(tables, pb.hosts)
        for t in tables:
            pb.model.meet(t)
        plan.append(tables)
        byes.append(out)
        pb.newcomers.clear()
    movable = set(present) - set(pinned)
    plan = repair(
        pb.model,
        plan,
        [movable] * len(plan),
        pb.rng,
        iterations=20 * len(present),
        deadline=pb.deadline,
    )
    return plan, byes
