"""Strength: common-sense order, monotone in recency, reciprocity, batch equals per-contact."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutuals.domain.vocab import CHANNELS, DIRECTIONS
from mutuals.relationships.interactions import Interaction, InteractionArrays
from mutuals.relationships.strength import (
    StrengthParams,
    contact_strength,
    strength_scores,
    strength_table,
    strengths,
)

TODAY = date(2026, 11, 26)


def ago(
    days: int, channel: str = "meeting", direction: str = "mutual", cid: int = 1
) -> Interaction:
    return Interaction(cid, TODAY - timedelta(days=days), channel, direction)  # type: ignore[arg-type]


def score(rows: list[Interaction], today: date = TODAY) -> float:
    return contact_strength(rows, today=today).score


def test_common_sense_order_recent_two_way_then_old_two_way_then_old_one_way() -> None:
    recent_two_way = [ago(d) for d in (3, 20, 45)]
    old_two_way = [ago(d) for d in (300, 320, 345)]
    old_one_way = [ago(d, direction="gave") for d in (300, 320, 345)]
    assert score(recent_two_way) > score(old_two_way) > score(old_one_way) > 0


def test_one_way_is_weak_however_frequent() -> None:
    daily_one_way = [ago(d, channel="meeting", direction="gave") for d in range(365)]
    monthly_two_way_calls = [ago(10 + 30 * k, channel="call") for k in range(12)]
    assert score(daily_one_way) < 30 <= score(monthly_two_way_calls)


def test_deeper_channel_scores_higher() -> None:
    by_channel = {ch: score([ago(d, channel=ch) for d in (5, 40)]) for ch in CHANNELS}
    assert by_channel["meeting"] > by_channel["call"] > by_channel["email"] > by_channel["social"]
    assert by_channel["event"] > by_channel["call"]


def test_more_frequent_scores_higher() -> None:
    assert score([ago(d) for d in range(5, 90, 7)]) > score([ago(5), ago(60)])


def test_no_interactions_and_future_interactions_score_zero() -> None:
    assert score([]) == 0.0
    assert score([ago(-10)]) == 0.0


def test_scores_stay_within_0_and_100() -> None:
    rows = [ago(0, ch) for ch in CHANNELS for _ in range(50)]
    assert 99 < score(rows) <= 100


def test_half_life_is_a_setting() -> None:
    rows = [ago(120)]
    short = contact_strength(rows, today=TODAY, params=StrengthParams(half_life_days=30)).score
    long = contact_strength(rows, today=TODAY, params=StrengthParams(half_life_days=365)).score
    assert long > short


def test_params_reject_nonsense() -> None:
    with pytest.raises(ValueError):
        StrengthParams(half_life_days=0)
    with pytest.raises(ValueError):
        StrengthParams(recency_weight=0.9)
    with pytest.raises(ValueError):
        StrengthParams(channel_depth={"meeting": 1.0})


def test_batch_matches_per_contact() -> None:
    rng = np.random.default_rng(7)
    rows = [
        Interaction(
            int(rng.integers(100, 140)),
            TODAY - timedelta(days=int(rng.integers(-5, 700))),
            CHANNELS[int(rng.integers(len(CHANNELS)))],  # type: ignore[arg-type]
            DIRECTIONS[int(rng.integers(len(DIRECTIONS)))],  # type: ignore[arg-type]
        )
        for _ in range(600)
    ]
    batch = strengths(rows, today=TODAY, contact_ids=range(95, 145))
    for cid, reading in batch.items():
        alone = contact_strength([r for r in rows if r.contact_id == cid], today=TODAY)
        assert reading == alone
    assert batch[95].score == 0.0


def test_table_previous_is_the_score_at_lookback() -> None:
    rows = [ago(70 + 30 * k, channel="call") for k in range(12)]
    arrays = InteractionArrays.from_interactions(rows)
    table = strength_table(arrays, today=TODAY)
    earlier = strength_scores(arrays, today=TODAY - timedelta(days=60))
    assert table.previous[0] == earlier[0]
    assert table.reading(0).band == "cooling"
    assert table.reading(0).change < 0


interaction_rows = st.lists(
    st.tuples(
        st.integers(0, 800),
        st.sampled_from(CHANNELS),
        st.sampled_from(DIRECTIONS),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(rows=interaction_rows, shifts=st.lists(st.integers(0, 400), min_size=25, max_size=25))
def test_strength_is_monotone_in_recency(
    rows: list[tuple[int, str, str]], shifts: list[int]
) -> None:
    before = [ago(d, ch, dr) for d, ch, dr in rows]
    after = [ago(max(0, d - s), ch, dr) for (d, ch, dr), s in zip(rows, shifts, strict=False)]
    assert score(after) >= score(before)


@settings(max_examples=150, deadline=None)
@given(
    rows=interaction_rows.map(lambda rs: [(d, ch) for d, ch, _ in rs]),
    side=st.sampled_from(["gave", "received"]),
    flips=st.lists(st.sampled_from(["gave", "received", "mutual"]), min_size=25, max_size=25),
)
def test_one_way_never_outranks_same_contact_made_two_way(
    rows: list[tuple[int, str]], side: str, flips: list[str]
) -> None:
    one_way = [ago(d, ch, side) for d, ch in rows]
    made_two_way = [ago(d, ch, f) for (d, ch), f in zip(rows, flips, strict=False)]
    assert score(made_two_way) >= score(one_way)
    all_mutual = [ago(d, ch, "mutual") for d, ch in rows]
    assert score(all_mutual) >= score(one_way)


@pytest.mark.parametrize(
    ("history", "band"),
    [
        ([ago(3 + 7 * k) for k in range(52)], "strong"),
        ([ago(10 + 30 * k, "call") for k in range(12)], "good"),
        ([ago(1)], "warm"),
        ([ago(7 * k, "email", "gave") for k in range(52)], "at risk"),
        ([ago(63 + 7 * k) for k in range(52)], "cooling"),
        ([ago(365 + 7 * k) for k in range(52)], "at risk"),
    ],
)
def test_documented_examples_fall_in_their_bands(history: list[Interaction], band: str) -> None:
    assert contact_strength(history, today=TODAY).band == band
