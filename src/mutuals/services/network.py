"""Loading the owner's network from the store into the relationship engine's plain data.

Rows are read once, as columns, and turned into ``ContactState`` objects and NumPy interaction
columns (``InteractionArrays``), so that tens of thousands of contacts stay quick.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, cast

import numpy as np
from sqlalchemy.orm import Session

from mutuals.domain.vocab import Channel, Direction, Kind
from mutuals.relationships import (
    CHANNEL_CODES,
    DIRECTION_CODES,
    BandThresholds,
    Cadence,
    ContactState,
    Interaction,
    InteractionArrays,
    RelationshipSettings,
    Stage,
    StrengthParams,
)
from mutuals.services.context import Workspace
from mutuals.store import relationships as store

_EPOCH = date(1970, 1, 1).toordinal()


def day_of(moment: datetime) -> date:
    """The UTC calendar day of a stored timestamp (SQLite returns naive UTC datetimes)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.date()


def engine_settings(ws: Workspace) -> RelationshipSettings:
    """The engine's rules with the workspace's settings applied (the strength half-life)."""
    return RelationshipSettings(
        strength=StrengthParams(half_life_days=ws.settings.strength_half_life_days),
        bands=BandThresholds(),
    )


def full_name(first: str, last: str) -> str:
    return " ".join(part for part in (first, last) if part)


def contact_state(row: Any) -> ContactState:
    """A ``store.contact_columns`` row as the engine's ``ContactState``.

    The stay-in-touch clock of a contact never interacted with starts when the member connected
    with them, else when the contact was added.
    """
    cadence = (
        Cadence(row.cadence_every_days, row.cadence_max_days)
        if row.cadence_every_days is not None and row.cadence_max_days is not None
        else None
    )
    added = row.connected_on or (day_of(row.created_at) if row.created_at else None)
    return ContactState(
        contact_id=row.id,
        name=full_name(row.first_name, row.last_name),
        tags=tuple(row.tags or ()),
        cadence=cadence,
        snoozed_until=row.snoozed_until,
        stage=cast(Stage, row.stage),
        added_on=added,
    )


def tag_cadence_map(session: Session, owner_id: int) -> dict[str, Cadence]:
    """The owner's tag cadences as the engine's ``{tag: Cadence}`` mapping."""
    return {
        row.tag: Cadence(row.every_days, row.max_days)
        for row in store.tag_cadences(session, owner_id=owner_id)
    }


@dataclass(frozen=True)
class Network:
    """The owner's contacts, their interactions as columns, and the tag cadences.

    ``arrays`` indexes ``contacts`` (position ``i`` of ``arrays.contact_ids`` is ``contacts[i]``).
    ``kinds`` holds each interaction row's kinds when loaded with kinds, else is empty.
    """

    contacts: list[ContactState]
    arrays: InteractionArrays
    kinds: list[tuple[str, ...]]
    tag_cadences: dict[str, Cadence]

    def interactions(self) -> list[Interaction]:
        """The interaction rows as engine objects (needs the network loaded with kinds)."""
        channels = list(CHANNEL_CODES)
        directions = list(DIRECTION_CODES)
        ids = self.arrays.contact_ids.tolist()
        rows = zip(
            self.arrays.contact.tolist(),
            self.arrays.day.tolist(),
            self.arrays.channel.tolist(),
            self.arrays.direction.tolist(),
            self.kinds or [()] * len(self.arrays.contact),
            strict=True,
        )
        return [
            Interaction(
                ids[index],
                date.fromordinal(day),
                cast(Channel, channels[channel]),
                cast(Direction, directions[direction]),
                cast(tuple[Kind, ...], kinds),
            )
            for index, day, channel, direction, kinds in rows
        ]


def _decode_kinds(texts: Iterable[str | None]) -> list[tuple[str, ...]]:
    """JSON lists of kinds as tuples, decoding each distinct text once."""
    seen: dict[str | None, tuple[str, ...]] = {}
    decoded = []
    for text in texts:
        kinds = seen.get(text)
        if kinds is None:
            kinds = seen[text] = tuple(json.loads(text)) if text else ()
        decoded.append(kinds)
    return decoded


def load_network(
    ws: Workspace, *, with_kinds: bool = False, contact_ids: Sequence[int] | None = None
) -> Network:
    """Read the owner's contacts (or only ``contact_ids``) and their interactions in one go."""
    with ws.db.transaction() as session:
        contact_rows = store.contact_columns(session, owner_id=ws.owner_id)
        if contact_ids is not None:
            wanted = set(contact_ids)
            contact_rows = [row for row in contact_rows if row.id in wanted]
        rows = store.interaction_columns(
            session,
            owner_id=ws.owner_id,
            contact_ids=contact_ids,
            with_kinds=with_kinds,
        )
        tags = tag_cadence_map(session, ws.owner_id)
    contacts = [contact_state(row) for row in contact_rows]
    ids = np.fromiter((c.contact_id for c in contacts), dtype=np.int64, count=len(contacts))
    row_contact = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    position = np.searchsorted(ids, row_contact)
    found = position < len(ids)
    found[found] = ids[position[found]] == row_contact[found]
    if not found.all():
        # A link to a contact the owner does not have (another owner's, written outside
        # mutuals) must not count for whichever contact sorts next to it.
        rows = [row for row, keep in zip(rows, found.tolist(), strict=True) if keep]
        position = position[found]
    n = len(rows)
    # NumPy parses the ISO days in bulk; day 0 of datetime64 is 1970-01-01.
    day = np.array([row[1] for row in rows], dtype="datetime64[D]").astype(np.int64) + _EPOCH
    # Values outside the vocabulary cannot come from mutuals itself; count them as the lightest
    # touch rather than refuse to compute anything.
    channel = np.fromiter(
        (CHANNEL_CODES.get(row[2], CHANNEL_CODES["social"]) for row in rows), np.int8, count=n
    )
    direction = np.fromiter(
        (DIRECTION_CODES.get(row[3], DIRECTION_CODES["mutual"]) for row in rows), np.int8, count=n
    )
    arrays = InteractionArrays.from_columns(
        contact=position,
        day=day,
        channel=channel,
        direction=direction,
        contact_ids=ids,
    )
    kinds = _decode_kinds(row[4] for row in rows) if with_kinds else []
    return Network(contacts=contacts, arrays=arrays, kinds=kinds, tag_cadences=tags)
