""" "Why you two": the prospecting explanation for chosen pairs of a group, embedded once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mutuals.domain.profile import Profile
from mutuals.prospecting.backends import TextBackend
from mutuals.prospecting.cache import EmbeddingCache
from mutuals.prospecting.explain import mention_level
from mutuals.prospecting.phrases import embed_profiles
from mutuals.prospecting.ranking import explain_pair, resolve_backend
from mutuals.prospecting.score import DEFAULT_WEIGHTS, ScoreWeights, resolve_calibration


def explain_pairs(
    profiles: Sequence[Profile],
    pairs: Iterable[tuple[int, int]],
    *,
    backend: TextBackend | str | None = None,
    cache: EmbeddingCache | None = None,
    weights: ScoreWeights = DEFAULT_WEIGHTS,
) -> dict[tuple[int, int], str]:
    """For each ``(i, j)`` (indices into ``profiles``), why ``i`` should talk to ``j``, from
    ``i``'s point of view. Every profile is embedded once, whatever the number of pairs."""
    wanted = list(dict.fromkeys(pairs))
    if not wanted:
        return {}
    model = resolve_backend(backend)
    every = embed_profiles(profiles, backend=model, cache=cache)
    lo, hi = resolve_calibration(weights, floor=model.floor, ceiling=model.ceiling)
    mention = mention_level(floor=lo, ceiling=hi, match=model.match)
    return {
        (i, j): explain_pair(
            every, i, every, j, floor=lo, ceiling=hi, mention=mention, backend=model
        )
        for i, j in wanted
    }
