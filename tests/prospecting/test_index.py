"""The prospect index and the event pair-weight matrix agree with the exact pairwise score."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from mutuals.prospecting import (
    InMemoryEmbeddingCache,
    Profile,
    ProspectIndex,
    TextBackend,
    embed_profiles,
    pair_weights,
    rank_prospects,
    score_block,
)
from mutuals.prospecting.event_matrix import segment_parts, slot_parts, slots_fit


def test_query_with_everyone_shortlisted_equals_exact_ranking(
    quality_profiles: list[Profile], wordllama: TextBackend
) -> None:
    index = ProspectIndex.build(quality_profiles, backend=wordllama)
    me = quality_profiles[3]
    exact = rank_prospects(me, quality_profiles, backend=wordllama, top=5)
    fast = index.query(me, top=5, shortlist=len(index))
    assert [m.candidate.name for m in fast] == [m.candidate.name for m in exact]
    np.testing.assert_allclose([m.score for m in fast], [m.score for m in exact], atol=1e-5)


def test_a_short_shortlist_still_finds_the_partner(
    quality_profiles: list[Profile], wordllama: TextBackend
) -> None:
    index = ProspectIndex.build(quality_profiles, backend=wordllama)
    found = index.query(quality_profiles[0], top=1, shortlist=10)
    assert found[0].candidate.name == "Tom Becker"


def test_index_build_reuses_the_cache(
    quality_profiles: list[Profile], wordllama: TextBackend
) -> None:
    cache = InMemoryEmbeddingCache()
    ProspectIndex.build(quality_profiles, backend=wordllama, cache=cache)
    stored = len(cache)
    ProspectIndex.build(quality_profiles[:5], backend=wordllama, cache=cache)
    assert stored > 0 and len(cache) == stored


def test_pair_weights_is_the_symmetric_score_matrix(
    quality_profiles: list[Profile], wordllama: TextBackend
) -> None:
    weights = pair_weights(quality_profiles, backend=wordllama, block=7)
    assert isinstance(weights, np.ndarray)
    np.testing.assert_array_equal(weights, weights.T)
    assert np.all(np.diag(weights) == 0)
    e = embed_profiles(quality_profiles, backend=wordllama)
    exact = score_block(e, e, floor=wordllama.floor, ceiling=wordllama.ceiling).total
    off = ~np.eye(len(quality_profiles), dtype=bool)
    np.testing.assert_allclose(weights[off], exact[off], atol=1e-5)


def test_sparse_top_k_keeps_each_persons_best_and_stays_symmetric(
    quality_profiles: list[Profile], wordllama: TextBackend
) -> None:
    dense = pair_weights(quality_profiles, backend=wordllama)
    top = pair_weights(quality_profiles, backend=wordllama, top_k=3)
    assert isinstance(top, sparse.csr_array) and isinstance(dense, np.ndarray)
    assert (abs(top - top.T)).max() == 0
    assert top.diagonal().sum() == 0
    for i in range(len(quality_profiles)):
        best = np.argsort(-dense[i])[:3]
        row = top[[i], :].toarray()[0]
        np.testing.assert_allclose(row[best], dense[i, best])
    assert top.nnz <= 2 * 3 * len(quality_profiles)


def test_no_profiles_gives_empty_weights(wordllama: TextBackend) -> None:
    assert pair_weights([], backend=wordllama).shape == (0, 0)
    assert pair_weights([Profile(name="Solo")], backend=wordllama, top_k=2).nnz == 0


def test_slot_layout_and_segment_fallback_agree(
    quality_profiles: list[Profile], wordllama: TextBackend
) -> None:
    # One person with many offers makes slots wasteful, so the segment path takes over.
    many = Profile(name="Busy", offers=[f"help with topic {i}" for i in range(40)], needs=["tax"])
    people = [*quality_profiles[:12], many]
    e = embed_profiles(people, backend=wordllama)
    assert slots_fit(e.needs) and not slots_fit(e.offers)
    args = (e.offers, e.needs, e.shared, wordllama.floor, wordllama.ceiling, 0.5, 5)
    for got, want in zip(slot_parts(*args), segment_parts(*args), strict=True):
        np.testing.assert_allclose(got, want, atol=1e-5)


def test_distinct_phrase_scores_equal_the_exact_scores(
    quality_profiles: list[Profile], wordllama: TextBackend
) -> None:
    # Repeated phrases and an empty profile exercise deduplication and the zero rules.
    people = [*quality_profiles, quality_profiles[0], Profile(name="Blank")]
    index = ProspectIndex.build(people, backend=wordllama)
    e = index.embedded
    for i in (0, 5, len(people) - 1):
        me = e.take([i])
        got = index.phrases.scores(
            me, floor=wordllama.floor, ceiling=wordllama.ceiling, weights=index.weights
        )
        want = score_block(me, e, floor=wordllama.floor, ceiling=wordllama.ceiling).total[0]
        np.testing.assert_allclose(got, want, atol=1e-5)
