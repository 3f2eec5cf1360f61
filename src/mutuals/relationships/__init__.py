"""Relationship building engine: strength, bands, stages, cadence, give-first ledger and digest.

Pure: no database, file, socket or clock. Every "as of" is a ``today: date`` argument.

How a service calls it (rows loaded from the store):

1. Turn each interaction row into ``Interaction(contact_id, on, channel, direction, kinds)``; an
   interaction with several contacts becomes one ``Interaction`` per contact.
2. Turn each contact row into ``ContactState(contact_id, name, tags, cadence, snoozed_until, stage,
   added_on)``; tag cadences are a ``{tag: Cadence}`` mapping.
3. Call what the use case needs:

   - ``assess_contact(contact, interactions, today=..., tag_cadences=...) -> ContactStanding``
     for ``contacts show``: ``.strength.score``, ``.strength.band``, ``.stage``,
     ``.ledger.given``/``.received``, ``.follow_up``, ``.stage_suggestion``;
   - ``assess(contacts, interactions, today=...) -> dict[id, ContactStanding]`` for lists sorted
     by strength;
   - ``build_digest(contacts, interactions, today=..., tag_cadences=...) -> Digest`` for
     ``digest`` and ``due`` (``Digest.follow_ups`` holds name, status, days_since, strength);
   - ``follow_ups(...)`` then ``upcoming(...)`` for the iCalendar export
     (``mutuals.io.ics.CalendarFollowUp(f.contact_id, name, f.action_on, f.status, f.days_since)``);
   - ``snooze_until(today, days)`` for ``snooze --days N``; ``Cadence.every(days, max_days)`` for
     ``cadence --every D [--max M]``; ``record_stage(history, stage, on=...)`` when the member
     confirms a suggested move.

For many contacts at once, skip the objects: build ``InteractionArrays.from_columns(...)`` straight
from query columns and call ``strength_table`` (30,000 contacts / 300,000 interactions in about
10 ms). The formula and rules are written out in docs/relationships.md.
"""

from mutuals.relationships.bands import (
    BANDS,
    DEFAULT_THRESHOLDS,
    Band,
    BandThresholds,
    band_codes,
    band_of,
    is_cooling,
)
from mutuals.relationships.cadence import (
    Cadence,
    CadenceResolver,
    ResolvedCadence,
    resolve_cadence,
)
from mutuals.relationships.contacts import ContactState
from mutuals.relationships.digest import (
    CoolingRelationship,
    Digest,
    DigestFollowUp,
    DigestNudge,
    DigestStageMove,
    build_digest,
    by_value,
    digest_from_standings,
)
from mutuals.relationships.follow_ups import (
    FOLLOW_UP_STATUSES,
    FollowUp,
    FollowUpStatus,
    follow_up_status,
    follow_ups,
    last_interactions,
    snooze_until,
    upcoming,
)
from mutuals.relationships.interactions import (
    CHANNEL_CODES,
    DIRECTION_CODES,
    Interaction,
    InteractionArrays,
)
from mutuals.relationships.ledger import (
    DEFAULT_NUDGE_RULES,
    Ledger,
    LedgerNudge,
    NudgeRules,
    ledger_nudge,
    ledger_nudges,
    ledgers,
    overall,
    tally,
)
from mutuals.relationships.limits import (
    EARLIEST_DAY,
    LATEST_DAY,
    MAX_CADENCE_DAYS,
    MAX_HORIZON_DAYS,
    MAX_OVERDUE_DAYS,
    MAX_SNOOZE_DAYS,
    check_day,
)
from mutuals.relationships.stages import (
    DEFAULT_STAGE_RULES,
    STAGES,
    Stage,
    StageChange,
    StageRules,
    StageSuggestion,
    record_stage,
    stage_history,
    stage_on,
    suggest_stage,
    suggest_stages,
)
from mutuals.relationships.standing import (
    DEFAULT_SETTINGS,
    STAGE_VALUE,
    ContactStanding,
    RelationshipSettings,
    assess,
    assess_contact,
    follow_up_value,
)
from mutuals.relationships.strength import (
    DEFAULT_CHANNEL_DEPTH,
    DEFAULT_PARAMS,
    StrengthParams,
    StrengthReading,
    StrengthTable,
    contact_strength,
    strength_scores,
    strength_table,
    strengths,
)

__all__ = [
    "BANDS",
    "CHANNEL_CODES",
    "DEFAULT_CHANNEL_DEPTH",
    "DEFAULT_NUDGE_RULES",
    "DEFAULT_PARAMS",
    "DEFAULT_SETTINGS",
    "DEFAULT_STAGE_RULES",
    "DEFAULT_THRESHOLDS",
    "DIRECTION_CODES",
    "EARLIEST_DAY",
    "FOLLOW_UP_STATUSES",
    "LATEST_DAY",
    "MAX_CADENCE_DAYS",
    "MAX_HORIZON_DAYS",
    "MAX_OVERDUE_DAYS",
    "MAX_SNOOZE_DAYS",
    "STAGES",
    "STAGE_VALUE",
    "Band",
    "BandThresholds",
    "Cadence",
    "CadenceResolver",
    "ContactStanding",
    "ContactState",
    "CoolingRelationship",
    "Digest",
    "DigestFollowUp",
    "DigestNudge",
    "DigestStageMove",
    "FollowUp",
    "FollowUpStatus",
    "Interaction",
    "InteractionArrays",
    "Ledger",
    "LedgerNudge",
    "NudgeRules",
    "RelationshipSettings",
    "ResolvedCadence",
    "Stage",
    "StageChange",
    "StageRules",
    "StageSuggestion",
    "StrengthParams",
    "StrengthReading",
    "StrengthTable",
    "assess",
    "assess_contact",
    "band_codes",
    "band_of",
    "build_digest",
    "by_value",
    "check_day",
    "contact_strength",
    "digest_from_standings",
    "follow_up_status",
    "follow_up_value",
    "follow_ups",
    "is_cooling",
    "last_interactions",
    "ledger_nudge",
    "ledger_nudges",
    "ledgers",
    "overall",
    "record_stage",
    "resolve_cadence",
    "snooze_until",
    "stage_history",
    "stage_on",
    "strength_scores",
    "strength_table",
    "strengths",
    "suggest_stage",
    "suggest_stages",
    "tally",
    "upcoming",
]
