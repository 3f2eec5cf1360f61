"""A speed-networking rotation as plain data: rounds of tables of people, with its statistics."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import asdict, dataclass, field
from typing import Any

Person = Hashable
Table = tuple[Person, ...]
Round = tuple[Table, ...]


@dataclass(frozen=True, slots=True)
class ScheduleStats:
    """How good a schedule is, as an organiser would judge it.

    ``repeats`` counts extra meetings: a pair that meets three times adds two.
    ``max_meetings`` is the most times any one pair meets. ``new_met_min`` and ``new_met_mean``
    count, per person, the distinct people met for the first time in this schedule.
    ``total_weight`` is the summed weight of the pairs who met (each pair counted once) and
    ``weight_share`` its share of ``weight_bound``; all three are ``None`` without weights.
    ``byes`` is the number of person-rounds spent sitting out and ``max_byes`` the most for one
    person.
    """

    repeats: int
    max_meetings: int
    new_met_min: int
    new_met_mean: float
    byes: int = 0
    max_byes: int = 0
    total_weight: float | None = None
    weight_bound: float | None = None
    weight_share: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Schedule:
    """A rotation: ``rounds[r][t]`` is the people at table ``t`` in round ``r``.

    Table positions are physical: a host keeps the same index in every round. ``byes[r]`` lists the
    people sitting out round ``r`` (empty unless byes were asked for or unavoidable).
    """

    rounds: tuple[Round, ...]
    stats: ScheduleStats
    byes: tuple[tuple[Person, ...], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"rounds": [[[person, ...], ...], ...], "byes": ..., "stats": ...}``."""
        return {
            "rounds": [[list(table) for table in rnd] for rnd in self.rounds],
            "byes": [list(b) for b in self.byes],
            "stats": self.stats.to_dict(),
        }

    def table_of(self, person: Person, round_index: int) -> int | None:
        """The table index of ``person`` in a round, or ``None`` when they sit out or are absent."""
        for t, table in enumerate(self.rounds[round_index]):
            if person in table:
                return t
        return None
