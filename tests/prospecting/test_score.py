"""The mutual score: reciprocity, symmetry, range, and graceful handling of empty profiles."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutuals.prospecting import (
    LexicalBackend,
    Profile,
    ScoreWeights,
    TextBackend,
    embed_profiles,
    mutual_score,
    score_block,
)
from mutuals.prospecting.score import combine

ACCOUNTANT = Profile(
    name="Priya",
    headline="Chartered accountant",
    offers=["bookkeeping and year-end tax returns"],
    needs=["a website that brings in customers"],
)
DESIGNER = Profile(
    name="Tom",
    headline="Web designer",
    offers=["building websites for small businesses"],
    needs=["someone to sort out my VAT and receipts"],
)
ONE_SIDED = Profile(
    name="Gareth",
    headline="Bookkeeper",
    offers=["tax filings and bookkeeping for sole traders"],
    needs=["crew for summer sailing trips"],
)


def test_a_mutual_pair_beats_a_one_sided_pair(wordllama: TextBackend) -> None:
    mutual = mutual_score(DESIGNER, ACCOUNTANT, backend=wordllama)
    one_sided = mutual_score(DESIGNER, ONE_SIDED, backend=wordllama)
    # Strength grows with the cosine up to 1 (no saturation), so a clear one-way match is small.
    assert one_sided.gets > 0.05 and one_sided.gives == 0.0
    assert mutual.score > one_sided.score


def test_shared_topics_do_not_lift_a_one_sided_pair() -> None:
    # The typical decoy: they meet my need well, I meet none of theirs, and we share hobbies.
    strong, weak, none = np.float32([[0.6]]), np.float32([[0.3]]), np.float32([[0.0]])
    topics = np.float32([[1.0]])
    w = ScoreWeights()
    assert float(combine(strong, none, topics, none, w)[0, 0]) == 0.0

    def lift(gives: np.ndarray, gets: np.ndarray) -> float:
        with_topics = combine(gives, gets, topics, none, w)
        return float((with_topics - combine(gives, gets, none, none, w))[0, 0])

    # The same topics lift a pair that meets both ways evenly more than a lopsided one.
    assert lift(weak, weak) == pytest.approx(w.shared * (1 - w.whole))
    assert lift(strong, weak) == pytest.approx(lift(weak, weak) * 0.5**w.shared_balance)
    # Without the balance, topics count in full for any pair.
    full = ScoreWeights(shared_balance=0.0)
    assert float(combine(strong, none, topics, none, full)[0, 0]) == pytest.approx(
        full.shared * (1 - full.whole)
    )


def test_combination_needs_both_directions() -> None:
    one = np.float32([[1.0]])
    zero = np.float32([[0.0]])
    half = np.float32([[0.5]])
    w = ScoreWeights()
    # By default one direction alone is worth nothing: only the whole-text view can add to it.
    assert float(combine(one, zero, zero, zero, w)[0, 0]) == 0.0
    assert float(combine(half, half, zero, zero, w)[0, 0]) > 0.0
    assert float(combine(one, one, one, one, w)[0, 0]) == 1.0
    # With a share of the arithmetic mean it is a soft minimum instead.
    soft = ScoreWeights(one_sided=0.25)
    strong_one_way = float(combine(one, zero, zero, zero, soft)[0, 0])
    balanced = float(combine(half, half, zero, zero, soft)[0, 0])
    assert 0.0 < strong_one_way < balanced


def test_empty_and_missing_fields_score_zero_without_error(wordllama: TextBackend) -> None:
    empty = Profile(name="Nobody")
    assert mutual_score(empty, DESIGNER, backend=wordllama).score == 0.0
    no_needs = Profile(name="Giver", offers=["bookkeeping and tax returns"])
    match = mutual_score(DESIGNER, no_needs, backend=wordllama)
    # They meet the designer's need, but need nothing: one-sided, so no mutual score.
    assert match.gives == 0.0 and match.gets > 0.1
    assert match.score == 0.0 < mutual_score(DESIGNER, ACCOUNTANT, backend=wordllama).score


PHRASES = [
    "tax returns",
    "web design",
    "hiring engineers",
    "a website",
    "legal advice",
    "chess",
    "sailing",
    "fundraising",
    "",
]
profiles = st.builds(
    Profile,
    name=st.text(min_size=1, max_size=5),
    headline=st.sampled_from(PHRASES),
    offers=st.lists(st.sampled_from(PHRASES), max_size=3),
    needs=st.lists(st.sampled_from(PHRASES), max_size=3),
    interests=st.lists(st.sampled_from(PHRASES), max_size=2),
    goals=st.lists(st.sampled_from(PHRASES), max_size=2),
)
LEXICAL = LexicalBackend(dim=128)


@settings(max_examples=60, deadline=None)
@given(a=profiles, b=profiles)
def test_score_is_symmetric_and_in_unit_range(a: Profile, b: Profile) -> None:
    ab = mutual_score(a, b, backend=LEXICAL)
    ba = mutual_score(b, a, backend=LEXICAL)
    assert ab.score == ba.score
    assert ab.gives == ba.gets and ab.gets == ba.gives
    assert 0.0 <= ab.score <= 1.0


@settings(max_examples=25, deadline=None)
@given(people=st.lists(profiles, min_size=1, max_size=6))
def test_block_scores_are_a_symmetric_matrix(people: list[Profile]) -> None:
    e = embed_profiles(people, backend=LEXICAL)
    parts = score_block(e, e, floor=LEXICAL.floor, ceiling=LEXICAL.ceiling)
    np.testing.assert_array_equal(parts.total, parts.total.T)
    np.testing.assert_array_equal(parts.gives, parts.gets.T)
    assert parts.total.min() >= 0.0 and parts.total.max() <= 1.0


@pytest.mark.parametrize(
    "knobs",
    [
        {"shared": -1.0},
        {"shared": 2.0},
        {"best_need": 1.5},
        {"one_sided": float("nan")},
        {"floor": float("nan")},
        {"ceiling": float("inf")},
    ],
)
def test_score_weights_outside_their_range_are_refused(knobs: dict[str, float]) -> None:
    # a share outside [0, 1] would push the score out of [0, 1]
    with pytest.raises(ValueError, match=next(iter(knobs))):
        ScoreWeights(**knobs)
