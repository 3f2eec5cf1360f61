"""Relationship stages with dated history, and suggested moves drawn from the interaction evidence.

The engine only suggests; the member confirms a move, and the service records it with
``record_stage``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from mutuals.domain.vocab import STAGES as STAGES
from mutuals.domain.vocab import Stage as Stage
from mutuals.relationships.interactions import Interaction

# Dormant sits outside the ladder: any rung can fall silent, and silence can end.
_LADDER: Final[dict[Stage, int]] = {
    "prospect": 0,
    "connected": 1,
    "relationship": 2,
    "referral-partner": 3,
}


@dataclass(frozen=True, slots=True)
class StageChange:
    """The contact entered ``stage`` on ``on``."""

    stage: Stage
    on: date
    note: str = ""


@dataclass(frozen=True, slots=True)
class StageRules:
    """Evidence needed for each suggestion.

    ``relationship_two_way`` counts two-way exchanges: each mutual interaction, plus the pairs of a
    gave and a received one. ``dormant_after_days`` of silence suggest dormant.
    """

    relationship_two_way: int = 2
    dormant_after_days: int = 180

    def __post_init__(self) -> None:
        if self.relationship_two_way < 1 or self.dormant_after_days < 1:
            raise ValueError("stage rules need positive thresholds")


DEFAULT_STAGE_RULES: Final = StageRules()


@dataclass(frozen=True, slots=True)
class StageSuggestion:
    """A proposed move for the member to confirm, with the evidence behind it."""

    current: Stage
    suggested: Stage
    reason: str
    evidence_on: date


def stage_history(changes: Iterable[StageChange]) -> tuple[StageChange, ...]:
    """Changes in date order; changes on the same day keep their given order."""
    return tuple(sorted(changes, key=lambda change: change.on))


def stage_on(changes: Iterable[StageChange], day: date, *, default: Stage = "prospect") -> Stage:
    """The stage in force on ``day``: the latest change on or before it, else ``default``."""
    current = default
    for change in stage_history(changes):
        if change.on > day:
            break
        current = change.stage
    return current


def record_stage(
    changes: Iterable[StageChange], stage: Stage, *, on: date, note: str = ""
) -> tuple[StageChange, ...]:
    """A new history with the move to ``stage`` on ``on`` added (the input is left unchanged)."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; expected one of {STAGES}")
    return stage_history([*changes, StageChange(stage, on, note)])


def _evidence_stage(rows: Sequence[Interaction], rules: StageRules) -> tuple[Stage, date] | None:
    """The highest rung the interactions support, with the date that earned it."""
    referrals = [row.on for row in rows if "referral" in row.kinds]
    if referrals:
        return "referral-partner", min(referrals)
    # Walk the exchanges in time order so the suggestion can say when the threshold was reached.
    given = got = two_way = 0
    for day, side in sorted((row.on, row.direction) for row in rows):
        if side == "mutual":
            two_way += 1
        elif side == "gave":
            given += 1
            two_way += given <= got
        else:
            got += 1
            two_way += got <= given
        if two_way >= rules.relationship_two_way:
            return "relationship", day
    answers = [row.on for row in rows if row.direction != "gave"]
    if answers:
        return "connected", min(answers)
    return None


def suggest_stage(
    current: Stage,
    interactions: Iterable[Interaction],
    *,
    today: date,
    rules: StageRules = DEFAULT_STAGE_RULES,
) -> StageSuggestion | None:
    """Propose a move for one contact, or ``None`` when the evidence supports the current stage.

    - No interaction for ``dormant_after_days`` (and at least one ever): suggest ``dormant``.
    - A referral given or received: suggest ``referral-partner``.
    - Enough two-way exchanges: suggest ``relationship``.
    - Any reply (received or mutual): suggest ``connected``.

    Moves only go up the ladder, except into dormant, and out of dormant once contact resumes.
    Interactions after ``today`` are ignored.
    """
    rows = [row for row in interactions if row.on <= today]
    if not rows:
        return None
    last = max(row.on for row in rows)
    silent_days = (today - last).days
    if silent_days >= rules.dormant_after_days:
        if current == "dormant":
            return None
        reason = f"no interaction for {silent_days} days"
        return StageSuggestion(current, "dormant", reason, last)
    evidence = _evidence_stage(rows, rules)
    if evidence is None:
        return None
    target, evidence_on = evidence
    if current != "dormant" and _LADDER[target] <= _LADDER[current]:
        return None
    reasons: dict[Stage, str] = {
        "referral-partner": "a referral was exchanged",
        "relationship": f"{rules.relationship_two_way} or more two-way exchanges",
        "connected": "they replied or met you",
    }
    reason = reasons[target]
    if current == "dormant":
        reason = f"back in touch on {last.isoformat()}; {reason}"
        evidence_on = last
    return StageSuggestion(current, target, reason, evidence_on)


def suggest_stages(
    current: Mapping[int, Stage],
    interactions: Iterable[Interaction],
    *,
    today: date,
    rules: StageRules = DEFAULT_STAGE_RULES,
) -> dict[int, StageSuggestion]:
    """``suggest_stage`` for each contact in ``current``; contacts with none are left out."""
    by_contact: dict[int, list[Interaction]] = {contact_id: [] for contact_id in current}
    for row in interactions:
        if row.contact_id in by_contact:
            by_contact[row.contact_id].append(row)
    suggestions: dict[int, StageSuggestion] = {}
    for contact_id, rows in by_contact.items():
        suggestion = suggest_stage(current[contact_id], rows, today=today, rules=rules)
        if suggestion is not None:
            suggestions[contact_id] = suggestion
    return suggestions
