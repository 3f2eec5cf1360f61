"""Everything the engine says about each contact at once: strength, stage, ledger and follow-up."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

import numpy as np

from mutuals.relationships.bands import DEFAULT_THRESHOLDS, BandThresholds
from mutuals.relationships.cadence import Cadence, CadenceResolver
from mutuals.relationships.contacts import ContactState
from mutuals.relationships.follow_ups import FollowUp, follow_up_status
from mutuals.relationships.interactions import Interaction, InteractionArrays
from mutuals.relationships.ledger import DEFAULT_NUDGE_RULES, Ledger, NudgeRules, ledgers
from mutuals.relationships.stages import (
    DEFAULT_STAGE_RULES,
    Stage,
    StageRules,
    StageSuggestion,
    suggest_stage,
)
from mutuals.relationships.strength import (
    DEFAULT_PARAMS,
    StrengthParams,
    StrengthReading,
    strength_table,
)

# Points added to strength when ranking follow-ups: a referral partner is worth more of the
# member's time than a prospect of equal strength.
STAGE_VALUE: Final[Mapping[Stage, float]] = {
    "referral-partner": 30.0,
    "relationship": 20.0,
    "connected": 10.0,
    "prospect": 5.0,
    "dormant": 0.0,
}


@dataclass(frozen=True, slots=True)
class RelationshipSettings:
    """All tunable rules in one place; ``ledger_window_days=None`` counts the whole history."""

    strength: StrengthParams = DEFAULT_PARAMS
    bands: BandThresholds = DEFAULT_THRESHOLDS
    stages: StageRules = DEFAULT_STAGE_RULES
    nudges: NudgeRules = DEFAULT_NUDGE_RULES
    ledger_window_days: int | None = None


DEFAULT_SETTINGS: Final = RelationshipSettings()


def follow_up_value(strength: float, stage: Stage) -> float:
    """How valuable a follow-up is: strength (0-100) plus the stage's bonus (``STAGE_VALUE``)."""
    return strength + STAGE_VALUE[stage]


@dataclass(frozen=True, slots=True)
class ContactStanding:
    """One contact as of a date: what ``contacts show`` and the digest need."""

    contact_id: int
    name: str
    stage: Stage
    strength: StrengthReading
    ledger: Ledger
    follow_up: FollowUp
    stage_suggestion: StageSuggestion | None
    value: float


def assess(
    contacts: Iterable[ContactState],
    interactions: Iterable[Interaction],
    *,
    today: date,
    tag_cadences: Mapping[str, Cadence] | None = None,
    settings: RelationshipSettings = DEFAULT_SETTINGS,
) -> dict[int, ContactStanding]:
    """Standing of every contact as of ``today``, keyed by contact id (in ``contacts`` order).

    Interactions of contacts not in ``contacts`` are ignored, as are those after ``today``.
    """
    people = list(contacts)
    known = {contact.contact_id for contact in people}
    rows = [row for row in interactions if row.contact_id in known and row.on <= today]
    ids = [contact.contact_id for contact in people]
    arrays = InteractionArrays.from_interactions(rows, contact_ids=ids)
    table = strength_table(
        arrays,
        today=today,
        params=settings.strength,
        thresholds=settings.bands,
    )
    since = (
        None
        if settings.ledger_window_days is None
        else today - timedelta(days=settings.ledger_window_days)
    )
    per_ledger = ledgers(rows, today=today, since=since)
    last_day = np.full(len(ids), -1, dtype=np.int64)
    np.maximum.at(last_day, arrays.contact, arrays.day)
    resolver = CadenceResolver(tag_cadences or {})
    by_contact: dict[int, list[Interaction]] = {cid: [] for cid in ids}
    for row in rows:
        by_contact[row.contact_id].append(row)

    standings: dict[int, ContactStanding] = {}
    for index, contact in enumerate(people):
        reading = table.reading(index)
        cid = contact.contact_id
        last = date.fromordinal(int(last_day[index])) if last_day[index] > 0 else None
        standings[cid] = ContactStanding(
            contact_id=cid,
            name=contact.name,
            stage=contact.stage,
            strength=reading,
            ledger=per_ledger.get(cid, Ledger()),
            follow_up=follow_up_status(contact, last, today=today, tag_cadences=resolver),
            stage_suggestion=suggest_stage(
                contact.stage, by_contact[cid], today=today, rules=settings.stages
            ),
            value=follow_up_value(reading.score, contact.stage),
        )
    return standings


def assess_contact(
    contact: ContactState,
    interactions: Iterable[Interaction],
    *,
    today: date,
    tag_cadences: Mapping[str, Cadence] | None = None,
    settings: RelationshipSettings = DEFAULT_SETTINGS,
) -> ContactStanding:
    """Standing of one contact; interactions with other contacts are ignored."""
    return assess(
        [contact], interactions, today=today, tag_cadences=tag_cadences, settings=settings
    )[contact.contact_id]
