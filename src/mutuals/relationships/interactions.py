"""Interactions as the relationship engine sees them: one row per contact, as objects or arrays."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from mutuals.domain.vocab import CHANNELS, DIRECTIONS, Channel, Direction, Kind

CHANNEL_CODES: dict[str, int] = {name: code for code, name in enumerate(CHANNELS)}
DIRECTION_CODES: dict[str, int] = {name: code for code, name in enumerate(DIRECTIONS)}


@dataclass(frozen=True, slots=True)
class Interaction:
    """One exchange with one contact on one day.

    An exchange with several people is several ``Interaction`` rows, one per contact, so that each
    contact's strength, ledger and clock see it.
    """

    contact_id: int
    on: date
    channel: Channel
    direction: Direction
    kinds: tuple[Kind, ...] = ()

    def __post_init__(self) -> None:
        if self.channel not in CHANNEL_CODES:
            raise ValueError(f"unknown channel {self.channel!r}; expected one of {CHANNELS}")
        if self.direction not in DIRECTION_CODES:
            raise ValueError(f"unknown direction {self.direction!r}; expected one of {DIRECTIONS}")


@dataclass(frozen=True, slots=True)
class InteractionArrays:
    """Interactions as parallel NumPy columns, for recomputing many contacts at once.

    ``contact`` indexes ``contact_ids`` (position ``i`` is the contact with id ``contact_ids[i]``),
    ``day`` is ``date.toordinal()``, and ``channel``/``direction`` index ``CHANNELS`` and
    ``DIRECTIONS``.
    """

    contact: NDArray[np.intp]
    day: NDArray[np.int64]
    channel: NDArray[np.int8]
    direction: NDArray[np.int8]
    contact_ids: NDArray[np.int64]

    def __post_init__(self) -> None:
        n = len(self.contact)
        if not (len(self.day) == len(self.channel) == len(self.direction) == n):
            raise ValueError("interaction columns must have the same length")
        if n and (self.contact.min() < 0 or self.contact.max() >= len(self.contact_ids)):
            raise ValueError("a contact index falls outside contact_ids")

    @property
    def n_contacts(self) -> int:
        return len(self.contact_ids)

    @classmethod
    def from_columns(
        cls,
        *,
        contact: Sequence[int] | NDArray[np.integer],
        day: Sequence[int] | NDArray[np.integer],
        channel: Sequence[int] | NDArray[np.integer],
        direction: Sequence[int] | NDArray[np.integer],
        n_contacts: int | None = None,
        contact_ids: Sequence[int] | NDArray[np.integer] | None = None,
    ) -> InteractionArrays:
        """Build from integer columns; ids default to ``0..n_contacts-1``."""
        contact_arr = np.asarray(contact, dtype=np.intp)
        if contact_ids is None:
            count = n_contacts if n_contacts is not None else int(contact_arr.max(initial=-1)) + 1
            ids = np.arange(count, dtype=np.int64)
        else:
            ids = np.asarray(contact_ids, dtype=np.int64)
        channel_arr = np.asarray(channel, dtype=np.int8)
        direction_arr = np.asarray(direction, dtype=np.int8)
        if channel_arr.size and (channel_arr.min() < 0 or channel_arr.max() >= len(CHANNELS)):
            raise ValueError("a channel code falls outside CHANNELS")
        if direction_arr.size and (
            direction_arr.min() < 0 or direction_arr.max() >= len(DIRECTIONS)
        ):
            raise ValueError("a direction code falls outside DIRECTIONS")
        return cls(
            contact=contact_arr,
            day=np.asarray(day, dtype=np.int64),
            channel=channel_arr,
            direction=direction_arr,
            contact_ids=ids,
        )

    @classmethod
    def from_interactions(
        cls, interactions: Iterable[Interaction], contact_ids: Iterable[int] | None = None
    ) -> InteractionArrays:
        """Build from interaction objects.

        ``contact_ids`` fixes the contacts and their order (contacts without interactions included);
        by default it is the sorted ids that appear in ``interactions``.
        """
        rows = list(interactions)
        ids = sorted({row.contact_id for row in rows}) if contact_ids is None else list(contact_ids)
        position = {contact_id: index for index, contact_id in enumerate(ids)}
        if len(position) != len(ids):
            raise ValueError("contact_ids holds a duplicate id")
        try:
            contact = [position[row.contact_id] for row in rows]
        except KeyError as missing:
            raise ValueError(f"interaction with contact {missing} not in contact_ids") from None
        return cls.from_columns(
            contact=contact,
            day=[row.on.toordinal() for row in rows],
            channel=[CHANNEL_CODES[row.channel] for row in rows],
            direction=[DIRECTION_CODES[row.direction] for row in rows],
            contact_ids=ids,
        )
