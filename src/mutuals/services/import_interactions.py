"""Adding imported interactions a batch at a time: matched to contacts by LinkedIn URL, else by a
full name that only one contact has; a fingerprint keeps a re-import from adding any twice."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from mutuals.domain.contact import InteractionRecord
from mutuals.store import contact_keys as keys
from mutuals.store.models import Base, Interaction, interaction_contacts

_INTERACTIONS = Base.metadata.tables["interactions"]
Unmatched = Callable[[InteractionRecord, str], None]


def interaction_fingerprint(record: InteractionRecord) -> str:
    """A stable identity for an imported interaction, so re-importing adds nothing."""
    parts = [
        record.source,
        record.occurred_at.isoformat(),
        record.channel,
        record.direction,
        "|".join(sorted(record.counterpart_urls)),
        "|".join(sorted(n.lower() for n in record.counterpart_names)),
        record.summary,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class InteractionAdder:
    """Adds batches of interaction records for one owner within one session."""

    def __init__(
        self, session: Session, *, owner_id: int, now: datetime, unmatched: Unmatched
    ) -> None:
        self.session = session
        self.owner_id = owner_id
        self.now = now
        self.unmatched = unmatched
        self.added = 0

    def add(self, records: Sequence[InteractionRecord]) -> None:
        """Add one batch (contacts must already be merged and written)."""
        if not records:
            return
        prints = [interaction_fingerprint(r) for r in records]
        known = self._known(prints)
        by_url = keys.earliest_by_url(
            self.session,
            owner_id=self.owner_id,
            urls={u for r in records for u in r.counterpart_urls},
        )
        by_name = keys.people_by_name_key(
            self.session,
            owner_id=self.owner_id,
            keys={keys.name_key(n, "") for r in records for n in r.counterpart_names},
        )
        rows = []
        people: list[list[int]] = []
        for record, fingerprint in zip(records, prints, strict=True):
            if fingerprint in known:
                continue
            found = _resolve(record, by_url, by_name)
            if not found:
                who = ", ".join(record.counterpart_urls or record.counterpart_names) or "nobody"
                self.unmatched(record, f"no matching contact for {who}")
                continue
            known.add(fingerprint)
            occurred = record.occurred_at
            if occurred.tzinfo is None:
                occurred = occurred.replace(tzinfo=UTC)
            rows.append(
                {
                    "owner_id": self.owner_id,
                    "occurred_at": occurred,
                    "channel": record.channel,
                    "direction": record.direction,
                    "kinds": list(record.kinds),
                    "summary": record.summary,
                    "source": record.source,
                    "fingerprint": fingerprint,
                    "created_at": self.now,
                }
            )
            people.append(found)
        if not rows:
            return
        ids = keys.reserve_ids(self.session, "interactions", len(rows))
        for row, interaction_id in zip(rows, ids, strict=True):
            row["id"] = interaction_id
        self.session.execute(insert(_INTERACTIONS), rows)
        links = [
            {"interaction_id": interaction_id, "contact_id": contact_id}
            for interaction_id, found in zip(ids, people, strict=True)
            for contact_id in found
        ]
        self.session.execute(insert(interaction_contacts), links)
        self.added += len(rows)

    def _known(self, prints: list[str]) -> set[str]:
        known: set[str] = set()
        unique = sorted(set(prints))
        for start in range(0, len(unique), keys.SLICE):
            rows = self.session.scalars(
                select(Interaction.fingerprint).where(
                    Interaction.owner_id == self.owner_id,
                    Interaction.fingerprint.in_(unique[start : start + keys.SLICE]),
                )
            )
            known.update(f for f in rows if f)
        return known


def _resolve(
    record: InteractionRecord, by_url: dict[str, int], by_name: dict[str, tuple[int, int]]
) -> list[int]:
    people: dict[int, None] = {}
    for url in record.counterpart_urls:
        found = by_url.get(url)
        if found is not None:
            people[found] = None
    if not people:
        for name in record.counterpart_names:
            contact_id, count = by_name.get(keys.name_key(name, ""), (0, 0))
            # A name that several contacts share names none of them.
            if count == 1:
                people[contact_id] = None
    return list(people)
