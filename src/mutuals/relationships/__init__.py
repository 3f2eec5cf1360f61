"""Relationship building engine: strength, bands, stages, cadence, give-first ledger and digest."""

from mutuals.relationships.bands import (
    BANDS,
    DEFAULT_THRESHOLDS,
    Band,
    BandThresholds,
    band_codes,
    band_of,
    is_cooling,
)
from mutuals.relationships.interactions import (
    CHANNEL_CODES,
    DIRECTION_CODES,
    Interaction,
    InteractionArrays,
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
    "DEFAULT_PARAMS",
    "DEFAULT_THRESHOLDS",
    "DIRECTION_CODES",
    "Band",
    "BandThresholds",
    "Interaction",
    "InteractionArrays",
    "StrengthParams",
    "StrengthReading",
    "StrengthTable",
    "band_codes",
    "band_of",
    "contact_strength",
    "is_cooling",
    "strength_scores",
    "strength_table",
    "strengths",
]
