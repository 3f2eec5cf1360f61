"""The daily digest as plain data: whom to follow up, which strong bonds cool, where to give."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from mutuals.relationships.bands import Band, BandThresholds, is_cooling
from mutuals.relationships.cadence import Cadence
from mutuals.relationships.contacts import ContactState
from mutuals.relationships.follow_ups import FollowUpStatus
from mutuals.relationships.interactions import Interaction
from mutuals.relationships.ledger import Ledger, ledger_nudge, overall
from mutuals.relationships.stages import Stage, StageSuggestion
from mutuals.relationships.standing import (
    DEFAULT_SETTINGS,
    ContactStanding,
    RelationshipSettings,
    assess,
)


@dataclass(frozen=True, slots=True)
class DigestFollowUp:
    """A contact to get in touch with today (the rows of ``mutuals due``)."""

    contact_id: int
    name: str
    status: FollowUpStatus
    days_since: int | None
    due_on: date | None
    last_interaction: date | None
    strength: float
    band: Band
    stage: Stage
    value: float


@dataclass(frozen=True, slots=True)
class CoolingRelationship:
    """A relationship that was strong ``lookback_days`` ago and has lost ground since."""

    contact_id: int
    name: str
    strength: float
    previous: float
    band: Band
    stage: Stage

    @property
    def drop(self) -> float:
        return self.previous - self.strength


@dataclass(frozen=True, slots=True)
class DigestNudge:
    """A contact the member has received more from than given: a chance to give first."""

    contact_id: int
    name: str
    owed: int
    referrals_owed: int
    introductions_owed: int
    reason: str
    strength: float


@dataclass(frozen=True, slots=True)
class DigestStageMove:
    """A stage move the evidence supports, for the member to confirm."""

    contact_id: int
    name: str
    current: Stage
    suggested: Stage
    reason: str
    evidence_on: date


@dataclass(frozen=True, slots=True)
class Digest:
    """What to do on ``today``.

    ``overdue`` and ``due`` are each ordered most valuable first (``ContactStanding.value``:
    strength plus a stage bonus); ``cooling`` by the largest fall; ``nudges`` by the largest debt;
    ``stage_moves`` lists the stage suggestions.
    """

    today: date
    overdue: tuple[DigestFollowUp, ...]
    due: tuple[DigestFollowUp, ...]
    cooling: tuple[CoolingRelationship, ...]
    nudges: tuple[DigestNudge, ...]
    stage_moves: tuple[DigestStageMove, ...]
    overall: Ledger

    @property
    def follow_ups(self) -> tuple[DigestFollowUp, ...]:
        """Overdue then due follow-ups."""
        return self.overdue + self.due

    @property
    def leans_receiving(self) -> bool:
        """True when, across all contacts, the member has received more than given."""
        return self.overall.balance < 0


def _follow_up_row(s: ContactStanding) -> DigestFollowUp:
    return DigestFollowUp(
        contact_id=s.contact_id,
        name=s.name,
        status=s.follow_up.status,
        days_since=s.follow_up.days_since,
        due_on=s.follow_up.due_on,
        last_interaction=s.follow_up.last_interaction,
        strength=s.strength.score,
        band=s.strength.band,
        stage=s.stage,
        value=s.value,
    )


def _stage_move(contact_id: int, name: str, suggestion: StageSuggestion) -> DigestStageMove:
    return DigestStageMove(
        contact_id,
        name,
        suggestion.current,
        suggestion.suggested,
        suggestion.reason,
        suggestion.evidence_on,
    )


def by_value(rows: Iterable[DigestFollowUp]) -> tuple[DigestFollowUp, ...]:
    """Follow-ups most valuable first, then the longest wait (never in touch counts longest)."""

    def key(row: DigestFollowUp) -> tuple[float, int, int]:
        waited = row.days_since if row.days_since is not None else 1 << 30
        return (-row.value, -waited, row.contact_id)

    return tuple(sorted(rows, key=key))


def digest_from_standings(
    standings: Iterable[ContactStanding],
    *,
    today: date,
    settings: RelationshipSettings = DEFAULT_SETTINGS,
) -> Digest:
    """Assemble the digest from standings already computed with ``assess``."""
    people = list(standings)
    thresholds: BandThresholds = settings.bands
    rows = [_follow_up_row(s) for s in people if s.follow_up.is_due]
    cooling = [
        CoolingRelationship(
            s.contact_id, s.name, s.strength.score, s.strength.previous, s.strength.band, s.stage
        )
        for s in people
        if s.stage != "dormant"
        and s.strength.previous >= thresholds.strong
        and is_cooling(s.strength.score, s.strength.previous, thresholds)
    ]
    cooling.sort(key=lambda c: (-c.drop, -c.previous, c.contact_id))
    nudges = []
    for s in people:
        nudge = ledger_nudge(s.contact_id, s.ledger, settings.nudges)
        if nudge is not None:
            nudges.append(
                DigestNudge(
                    s.contact_id,
                    s.name,
                    nudge.owed,
                    nudge.referrals_owed,
                    nudge.introductions_owed,
                    nudge.reason,
                    s.strength.score,
                )
            )
    nudges.sort(
        key=lambda n: (
            -n.referrals_owed,
            -n.introductions_owed,
            -n.owed,
            -n.strength,
            n.contact_id,
        )
    )
    moves = tuple(
        _stage_move(s.contact_id, s.name, s.stage_suggestion)
        for s in people
        if s.stage_suggestion is not None
    )
    return Digest(
        today=today,
        overdue=by_value(r for r in rows if r.status == "overdue"),
        due=by_value(r for r in rows if r.status == "due"),
        cooling=tuple(cooling),
        nudges=tuple(nudges),
        stage_moves=moves,
        overall=overall(s.ledger for s in people),
    )


def build_digest(
    contacts: Iterable[ContactState],
    interactions: Iterable[Interaction],
    *,
    today: date,
    tag_cadences: Mapping[str, Cadence] | None = None,
    settings: RelationshipSettings = DEFAULT_SETTINGS,
) -> Digest:
    """The digest for ``mutuals digest --today DATE``: ``assess`` then ``digest_from_standings``."""
    standings = assess(
        contacts, interactions, today=today, tag_cadences=tag_cadences, settings=settings
    )
    return digest_from_standings(standings.values(), today=today, settings=settings)
