"""Planning an event's rotation from a profile CSV: attendees, labels and mutual-interest weights."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from mutuals.domain.profile import Profile
from mutuals.domain.schedule import Schedule
from mutuals.events import plan_rotation
from mutuals.prospecting import get_backend, pair_weights
from mutuals.services.profiles import read_profiles

# Beyond this many people a dense weight matrix is wasteful: keep each person's best partners.
DENSE_LIMIT = 2000
TOP_PARTNERS = 60


@dataclass(frozen=True)
class Rotation:
    """A planned rotation with the attendees' display labels (people are seat indices 0..n-1)."""

    schedule: Schedule
    labels: list[str]

    def _names(self) -> dict[Hashable, str]:
        return dict(enumerate(self.labels))

    def labelled_rounds(self) -> list[list[list[str]]]:
        names = self._names()
        return [[[names[p] for p in table] for table in rnd] for rnd in self.schedule.rounds]

    def labelled_byes(self) -> list[list[str]]:
        names = self._names()
        return [[names[p] for p in bye] for bye in self.schedule.byes]


def attendee_labels(profiles: Sequence[Profile]) -> list[str]:
    """Names, with the email added where two attendees share a name."""
    counts = Counter(p.name for p in profiles)
    return [p.name if counts[p.name] == 1 else f"{p.name} <{p.id}>" for p in profiles]


def mutual_weights(profiles: Sequence[Profile], *, backend: str) -> Any:
    """Mutual-interest weights for every pair: dense for small events, sparse top-k for large."""
    model = get_backend(backend)
    top_k = None if len(profiles) <= DENSE_LIMIT else TOP_PARTNERS
    return pair_weights(list(profiles), backend=model, top_k=top_k)


def plan_for_attendees(
    path: Path,
    *,
    table_size: int,
    rounds: int,
    weighted: bool,
    hosts: int = 0,
    odd: Literal["trio", "bye"] = "trio",
    seed: int = 0,
    backend: str = "wordllama",
) -> Rotation:
    """Plan a rotation for everyone in a profile CSV; with ``weighted``, the pairs with the most
    mutual interest meet first. The first ``hosts`` attendees stay at their tables."""
    profiles = read_profiles(path)
    if hosts > len(profiles):
        raise ValueError(f"--hosts {hosts} is more than the {len(profiles)} attendees")
    weights = mutual_weights(profiles, backend=backend) if weighted else None
    schedule = plan_rotation(
        list(range(len(profiles))),
        table_size=table_size,
        rounds=rounds,
        weights=weights,
        hosts=list(range(hosts)),
        odd=odd,
        seed=seed,
    )
    return Rotation(schedule=schedule, labels=attendee_labels(profiles))
