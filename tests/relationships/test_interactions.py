"""Interaction rows and arrays: validation, and the mapping between contact ids and indexes."""

from __future__ import annotations

from datetime import date

import pytest

from mutuals.relationships.interactions import Interaction, InteractionArrays

DAY = date(2026, 11, 26)


def test_unknown_channel_or_direction_is_rejected() -> None:
    with pytest.raises(ValueError, match="channel"):
        Interaction(1, DAY, "fax", "gave")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="direction"):
        Interaction(1, DAY, "call", "took")  # type: ignore[arg-type]


def test_from_interactions_maps_ids_to_indexes() -> None:
    rows = [Interaction(40, DAY, "call", "gave"), Interaction(7, DAY, "email", "mutual")]
    arrays = InteractionArrays.from_interactions(rows)
    assert arrays.contact_ids.tolist() == [7, 40]
    assert arrays.contact.tolist() == [1, 0]
    assert arrays.day.tolist() == [DAY.toordinal()] * 2
    fixed = InteractionArrays.from_interactions(rows, contact_ids=[40, 99, 7])
    assert fixed.contact.tolist() == [0, 2]
    assert fixed.n_contacts == 3


def test_from_interactions_rejects_unlisted_or_duplicate_ids() -> None:
    rows = [Interaction(40, DAY, "call", "gave")]
    with pytest.raises(ValueError, match="not in contact_ids"):
        InteractionArrays.from_interactions(rows, contact_ids=[1])
    with pytest.raises(ValueError, match="duplicate"):
        InteractionArrays.from_interactions(rows, contact_ids=[40, 40])


def test_from_columns_validates_codes_and_lengths() -> None:
    ok = InteractionArrays.from_columns(
        contact=[0, 2], day=[1, 2], channel=[0, 7], direction=[0, 2]
    )
    assert ok.n_contacts == 3
    with pytest.raises(ValueError, match="channel"):
        InteractionArrays.from_columns(contact=[0], day=[1], channel=[8], direction=[0])
    with pytest.raises(ValueError, match="direction"):
        InteractionArrays.from_columns(contact=[0], day=[1], channel=[0], direction=[3])
    with pytest.raises(ValueError, match="same length"):
        InteractionArrays.from_columns(contact=[0, 1], day=[1], channel=[0], direction=[0])
    with pytest.raises(ValueError, match="outside contact_ids"):
        InteractionArrays.from_columns(
            contact=[5], day=[1], channel=[0], direction=[0], n_contacts=2
        )
