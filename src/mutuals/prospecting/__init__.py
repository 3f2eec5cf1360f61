"""Prospecting: find people with mutual interests, score and explain matches, learn outcomes."""

from mutuals.domain.profile import Profile
from mutuals.prospecting.backends import (
    DEFAULT_BACKEND,
    BackendUnavailable,
    LexicalBackend,
    TextBackend,
    backend_names,
    get_backend,
    minilm_available,
)
from mutuals.prospecting.cache import EmbeddingCache, InMemoryEmbeddingCache, embed_texts, text_key
from mutuals.prospecting.e5 import BlendBackend, E5Backend, e5_available
from mutuals.prospecting.index import ProspectIndex, pair_weights
from mutuals.prospecting.outcomes import MATCH_FEATURES, OutcomeModel, match_features
from mutuals.prospecting.phrases import EmbeddedProfiles, embed_profiles
from mutuals.prospecting.propensity import (
    PropensityModel,
    cross_fitted,
    mutual_probability,
)
from mutuals.prospecting.ranking import Match, mutual_score, rank_prospects
from mutuals.prospecting.score import DEFAULT_WEIGHTS, ScoreParts, ScoreWeights, score_block

__all__ = [
    "DEFAULT_BACKEND",
    "DEFAULT_WEIGHTS",
    "MATCH_FEATURES",
    "BackendUnavailable",
    "BlendBackend",
    "E5Backend",
    "EmbeddedProfiles",
    "EmbeddingCache",
    "InMemoryEmbeddingCache",
    "LexicalBackend",
    "Match",
    "OutcomeModel",
    "Profile",
    "PropensityModel",
    "ProspectIndex",
    "ScoreParts",
    "ScoreWeights",
    "TextBackend",
    "backend_names",
    "cross_fitted",
    "e5_available",
    "embed_profiles",
    "embed_texts",
    "get_backend",
    "match_features",
    "minilm_available",
    "mutual_probability",
    "mutual_score",
    "pair_weights",
    "rank_prospects",
    "score_block",
    "text_key",
]
