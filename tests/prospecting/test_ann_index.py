"""ANN prospect index: exact re-scores equal score_block; updates and save/load keep answers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from mutuals.domain.profile import Profile
from mutuals.prospecting import TextBackend, ann_index, row_blocks
from mutuals.prospecting.ann_index import AnnProspectIndex
from mutuals.prospecting.phrases import EmbeddedProfiles, embed_profiles
from mutuals.prospecting.score import score_block

WORDS = [
    "tax",
    "payroll",
    "website",
    "design",
    "hiring",
    "sales",
    "coaching",
    "legal",
    "branding",
    "photography",
    "cooking",
    "marketing",
    "funding",
    "software",
    "security",
    "training",
    "export",
    "insurance",
    "printing",
    "research",
]


def members(n: int, seed: int) -> list[Profile]:
    rng = np.random.default_rng(seed)

    def phrase() -> str:
        return " ".join(str(w) for w in rng.choice(WORDS, 2, replace=False))

    out = []
    for i in range(n):
        # some people have no needs, or no topics, to exercise the empty cases
        out.append(
            Profile(
                name=f"p{seed}-{i}",
                headline="Accountant for shops" if i % 7 == 0 else "",
                offers=[phrase() for _ in range(1 + i % 3)],
                needs=[phrase() for _ in range(i % 3)],
                interests=[phrase()] if i % 4 else [],
                goals=[phrase()] if i % 5 else [],
            )
        )
    return out


def as_stored(embedded: EmbeddedProfiles) -> EmbeddedProfiles:
    """The members' vectors at the index's storage precision (float16), widened back."""

    def rounded(v: np.ndarray) -> np.ndarray:
        return v.astype(np.float16).astype(np.float32)

    tables = {
        kind: replace(getattr(embedded, kind), vectors=rounded(getattr(embedded, kind).vectors))
        for kind in ("offers", "needs", "shared")
    }
    return replace(
        embedded,
        **tables,
        whole_offers=rounded(embedded.whole_offers),
        whole_needs=rounded(embedded.whole_needs),
    )


def exact(
    backend: TextBackend, me: Profile, people: list[Profile], *, stored: bool = True
) -> np.ndarray:
    """score_block of ``me`` (as embedded) against ``people`` (as the index stores them, unless
    ``stored`` is false: then at full float32 precision)."""
    mine = embed_profiles([me], backend=backend)
    others = embed_profiles(people, backend=backend)
    if stored:
        others = as_stored(others)
    return score_block(mine, others, floor=backend.floor, ceiling=backend.ceiling).total[0]


def test_scores_equal_score_block(lexical: TextBackend) -> None:
    people = members(60, 0)
    index = AnnProspectIndex.build(people, backend=lexical)
    for me in members(5, 1):
        got = index.scores(me, np.arange(len(people)))
        np.testing.assert_allclose(got, exact(lexical, me, people), atol=1e-5)


def test_vectors_are_stored_in_float16_and_scores_move_little(lexical: TextBackend) -> None:
    # The index scores from float16 vectors: exact over them (above), and close to, but not the
    # same as, the score over float32 vectors.
    people = members(60, 0)
    index = AnnProspectIndex.build(people, backend=lexical)
    assert all(b.dtype == np.float16 for s in index.stores.values() for b in s.vectors.blocks)
    assert all(b.dtype == np.float16 for b in index.whole_offers.blocks)
    askers = members(5, 1)
    got = np.concatenate([index.scores(me, np.arange(len(people))) for me in askers])
    full = np.concatenate([exact(lexical, me, people, stored=False) for me in askers])
    assert np.abs(got - full).max() > 1e-6
    np.testing.assert_allclose(got, full, atol=1e-3)


def test_top_k_is_the_exact_top_k_on_small_inputs(lexical: TextBackend) -> None:
    people = members(80, 2)
    index = AnnProspectIndex.build(people, backend=lexical)
    for me in members(4, 3):
        want = exact(lexical, me, people)
        got = index.top(me, 10)
        assert len(got) == 10
        cut = np.sort(want)[-10]
        assert all(score >= cut - 1e-6 for _, score in got)
        for pos, score in got:
            assert score == pytest.approx(float(want[pos]), abs=1e-5)


def test_with_the_ann_scores_stay_exact(
    lexical: TextBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Force the ANN on a small index: candidates come from faiss, scores stay exact.
    monkeypatch.setattr(ann_index, "ANN_MIN_MEMBERS", 10)
    people = members(400, 4)
    index = AnnProspectIndex.build(people, backend=lexical)
    assert index.members.ann is not None
    me = members(1, 5)[0]
    want = exact(lexical, me, people)
    got = index.top(me, 10, depth=400)
    assert len(got) == 10
    for pos, score in got:
        assert score == pytest.approx(float(want[pos]), abs=1e-5)
    # with every member a neighbour, the ANN finds everyone who scores
    cut = np.sort(want)[-10]
    assert sum(score >= cut - 1e-6 for _, score in got) >= 9


def test_the_member_graph_finds_the_best_among_a_tenth(
    lexical: TextBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Candidates from the graph, 100 of 1,000 members: most of the exact top 10 must be among
    # them (95 of 100 here; a search vector laid out against the members' finds 36).
    monkeypatch.setattr(ann_index, "ANN_MIN_MEMBERS", 10)
    people = members(1000, 4)
    index = AnnProspectIndex.build(people, backend=lexical)
    found = 0
    for me in members(10, 5):
        cut = np.sort(exact(lexical, me, people))[-10]
        found += sum(score >= cut - 1e-6 for _, score in index.top(me, 10, depth=100))
    assert found >= 85


def test_update_save_and_load(
    lexical: TextBackend, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(ann_index, "ANN_MIN_MEMBERS", 10)
    monkeypatch.setattr(row_blocks, "BLOCK_BITS", 6)
    people = members(300, 6)
    index = AnnProspectIndex.build(people, backend=lexical)
    me = Profile(name="me", offers=["tax payroll"], needs=["website design"])
    # someone edits their profile into the perfect match for me
    edited = Profile(name=people[17].name, offers=["website design"], needs=["tax payroll"])
    index.update(edited)
    newcomer = Profile(name="new", offers=["website design"], needs=["payroll tax"])
    index.update(newcomer)
    assert len(index) == 301
    ranked = index.top(me, 5, depth=300)
    # both now score the best there is (others may tie with them)
    assert index.scores(me, np.array([17, 300])) == pytest.approx([ranked[0][1]] * 2)
    want = exact(lexical, me, [*people[:17], edited, *people[18:], newcomer])
    np.testing.assert_allclose(index.scores(me, np.arange(301)), want, atol=1e-5)
    index.save(tmp_path / "idx")
    again = AnnProspectIndex.load(tmp_path / "idx", backend=lexical)
    assert again.top(me, 10, depth=300) == index.top(me, 10, depth=300)
    assert index.memory()["total"] > 0
    # the loaded index maps its vectors (blocks of 64 rows here) and takes edits as the original
    assert again.memory()["mapped"] > 0
    edit = Profile(name=people[40].name, offers=["payroll tax"], needs=["design website"])
    for each in (index, again):
        each.update(edit)
        each.update(Profile(name="later", offers=["tax"], needs=["website"]))
    assert again.top(me, 10, depth=300) == index.top(me, 10, depth=300)
    np.testing.assert_array_equal(
        again.scores(me, np.arange(302)), index.scores(me, np.arange(302))
    )
    with pytest.raises(ValueError, match="already in the index"):
        index._add([newcomer], None)


def test_loading_an_index_without_member_graph_says_rebuild(
    lexical: TextBackend, tmp_path: Path
) -> None:
    index = AnnProspectIndex.build(members(20, 7), backend=lexical)
    index.save(tmp_path / "idx")
    (tmp_path / "idx" / "members.npz").unlink()
    with pytest.raises(ValueError, match="rebuild it"):
        AnnProspectIndex.load(tmp_path / "idx", backend=lexical)


def test_a_community_that_grows_gets_its_graph(
    lexical: TextBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ann_index, "ANN_MIN_MEMBERS", 30)
    people = members(29, 8)
    index = AnnProspectIndex.build(people, backend=lexical)
    assert index.members.ann is None
    index.update(Profile(name=people[3].name, offers=["tax payroll"]))  # an edit: a freed row
    newcomer = Profile(name="new", offers=["website design"], needs=["payroll tax"])
    index.update(newcomer)
    assert index.members.ann is not None
    assert int(index.members.ann.ntotal) == index.members.size == 31
    me = Profile(name="me", offers=["tax payroll"], needs=["website design"])
    want = exact(lexical, me, [*people[:3], index.profiles[3], *people[4:], newcomer])
    got = index.top(me, 5, depth=30)
    # every live member is a candidate: the exact top 5 (scores compared, as ties may reorder)
    np.testing.assert_allclose([score for _, score in got], np.sort(want)[::-1][:5], atol=1e-5)
    assert all(pos != 3 or score == pytest.approx(float(want[3]), abs=1e-5) for pos, score in got)


def test_large_communities_re_score_more_members() -> None:
    assert ann_index.default_depth(100_000) == ann_index.DEPTH == 2_000
    assert ann_index.default_depth(300_000) == 2_000
    assert ann_index.default_depth(1_000_000) == 4_000
