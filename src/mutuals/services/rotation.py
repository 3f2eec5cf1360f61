"""Planning an event's rotation from a profile CSV: attendees, labels and mutual-interest weights."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from mutuals.domain.profile import Profile
from mutuals.domain.schedule import Schedule
from mutuals.events import plan_rotation, replan
from mutuals.io.errors import ImportFailure

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
    # The similarity models load NumPy and more: a plan without weights does not need them.
    from mutuals.prospecting import get_backend, pair_weights

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
    budget_seconds: float | None = None,
) -> Rotation:
    """Plan a rotation for everyone in a profile CSV; with ``weighted``, the pairs with the most
    mutual interest meet first. The first ``hosts`` attendees stay at their tables.
    ``budget_seconds`` bounds the planning time (the weights are computed before it starts)."""
    from mutuals.services.profiles import read_profiles

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
        budget_seconds=budget_seconds,
    )
    return Rotation(schedule=schedule, labels=attendee_labels(profiles))


def plan_numbered(
    people: int,
    *,
    table_size: int,
    rounds: int,
    hosts: int = 0,
    odd: Literal["trio", "bye"] = "trio",
    seed: int = 0,
    budget_seconds: float | None = None,
) -> Schedule:
    """Plan a rotation for people numbered 0..people-1; the first ``hosts`` stay seated."""
    return plan_rotation(
        list(range(people)),
        table_size=table_size,
        rounds=rounds,
        hosts=list(range(hosts)),
        odd=odd,
        seed=seed,
        budget_seconds=budget_seconds,
    )


def plan_json(
    rotation: Schedule,
    *,
    table_size: int,
    odd: str,
    hosts: Sequence[Hashable],
    labels: Sequence[str] | None = None,
) -> dict[str, Any]:
    """A plan as ``mutuals schedule --json`` prints it, with what ``mutuals replan`` needs to
    continue it: the table size, the odd-count rule and the hosts."""
    data = rotation.to_dict()
    if labels is not None:
        named = Rotation(rotation, list(labels))
        data["rounds"], data["byes"] = named.labelled_rounds(), named.labelled_byes()
        hosts = [labels[int(str(h))] for h in hosts]
    return {
        "rounds": data["rounds"],
        "byes": data["byes"],
        "stats": data["stats"],
        "table_size": table_size,
        "odd": odd,
        "hosts": list(hosts),
    }


@dataclass(frozen=True)
class Continued:
    """A re-plan: the rounds held so far and the new rounds, as one plan to print or continue."""

    held: list[list[list[Any]]]
    held_byes: list[list[Any]]
    schedule: Schedule
    table_size: int
    odd: Literal["trio", "bye"]
    hosts: list[Any]

    def as_json(self) -> dict[str, Any]:
        new = self.schedule.to_dict()
        return {
            "rounds": self.held + new["rounds"],
            "byes": self.held_byes + new["byes"],
            "stats": new["stats"],
            "table_size": self.table_size,
            "odd": self.odd,
            "hosts": self.hosts,
        }


def replan_plan(
    plan: dict[str, Any],
    *,
    path: Path,
    after: int,
    left: Sequence[str] = (),
    arrived: Sequence[str] = (),
    rounds: int | None = None,
    table_size: int | None = None,
    seed: int = 0,
    budget_seconds: float | None = None,
) -> Continued:
    """Plan the rounds after round ``after`` of a plan printed by ``mutuals schedule --json``,
    for the people still here plus latecomers: no pair that met meets again, newcomers sit from
    the next round, and still-valid tables of the old plan are kept."""
    held_all = _rounds_of(plan, path)
    if not 0 <= after <= len(held_all):
        raise ValueError(f"--after must be between 0 and {len(held_all)} (the plan's rounds)")
    size = table_size or plan.get("table_size")
    if not isinstance(size, int) or size < 2:
        raise ImportFailure(
            "the plan has no table_size; give --table-size", path=path, field="table_size"
        )
    everyone = {p for rnd in held_all for table in rnd for p in table}
    numbered = all(isinstance(p, int) for p in everyone)

    def person(text: str) -> Any:
        return int(text) if numbered and text.strip().lstrip("-").isdigit() else text

    gone = [person(p) for p in left]
    new = [person(p) for p in arrived]
    unknown = [p for p in gone if p not in everyone]
    if unknown:
        raise ValueError(f"--left names people who are not in the plan: {unknown}")
    twice = [p for p in new if p in everyone]
    if twice:
        raise ValueError(f"--arrived names people already in the plan: {twice}")
    byes = plan.get("byes") or [[] for _ in held_all]
    # Who is expected now: the people of the next planned round (or of the last one held), so
    # that someone who left at an earlier re-plan stays gone.
    now = min(after, len(held_all) - 1)
    expected = _in_order([held_all[now]]) + [p for p in byes[now] if p in everyone]
    unknown = [p for p in gone if p not in expected]
    if unknown:
        raise ValueError(f"--left names people who are not expected any more: {unknown}")
    present = [p for p in expected if p not in set(gone)] + new
    remaining = rounds if rounds is not None else len(held_all) - after
    if remaining < 1:
        raise ValueError("nothing left to plan: give --rounds N for more rounds")
    odd: Literal["trio", "bye"] = "bye" if plan.get("odd") == "bye" else "trio"
    hosts = [h for h in plan.get("hosts", []) if h in set(present)]
    schedule = replan(
        present,
        table_size=size,
        rounds=remaining,
        held=held_all[:after],
        planned=held_all[after:],
        held_byes=byes[:after],
        hosts=hosts,
        odd=odd,
        seed=seed,
        budget_seconds=budget_seconds,
    )
    return Continued(
        held=held_all[:after],
        held_byes=list(byes[:after]),
        schedule=schedule,
        table_size=size,
        odd=odd,
        hosts=hosts,
    )


def _rounds_of(plan: dict[str, Any], path: Path) -> list[list[list[Any]]]:
    rounds = plan.get("rounds") if isinstance(plan, dict) else None
    valid = isinstance(rounds, list) and all(
        isinstance(rnd, list)
        and all(isinstance(t, list) and all(isinstance(p, int | str) for p in t) for t in rnd)
        for rnd in rounds
    )
    if not valid or not rounds:
        raise ImportFailure(
            "not a plan from `mutuals schedule --json` (rounds of tables of people)",
            path=path,
            field="rounds",
        )
    checked: list[list[list[Any]]] = rounds
    return checked


def _in_order(rounds: list[list[list[Any]]]) -> list[Any]:
    seen: dict[Any, None] = {}
    for rnd in rounds:
        for table in rnd:
            for p in table:
                seen.setdefault(p, None)
    return list(seen)
