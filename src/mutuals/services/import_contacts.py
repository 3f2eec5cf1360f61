"""Merging imported contacts into the store a batch at a time, so memory stays flat at any size.

For each batch, only the stored contacts that could match one of its records are read: the
earliest holder of each of its LinkedIn URLs, emails and name-plus-company keys (indexed columns,
see ``store.contact_keys``). The merge rules then run exactly as over the whole network
(``services.merge``), and the batch is written before the next is read, inside the import's one
transaction, so later batches find what earlier ones added.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from mutuals.domain.contact import ContactRecord
from mutuals.domain.limits import FieldError, check_contact_fields
from mutuals.io.errors import ImportFailure
from mutuals.services.merge import ContactIndex, StoredContact, changed_fields, new_contact_fields
from mutuals.store import contact_keys as keys
from mutuals.store import contacts as contact_store
from mutuals.store.models import Base, Contact, contact_emails

UPDATABLE = tuple(contact_store.EDITABLE_FIELDS)
_CONTACTS = Base.metadata.tables["contacts"]


@dataclass
class MergeCounts:
    """Which contacts an import added, changed and found unchanged (by id)."""

    added: set[int] = field(default_factory=set)
    changed: set[int] = field(default_factory=set)
    unchanged: set[int] = field(default_factory=set)

    @property
    def updated(self) -> int:
        # A person listed twice in one file counts once: updated if any of their rows changed
        # them; one added by this import counts as added only.
        return len(self.changed - self.added)

    @property
    def same(self) -> int:
        return len(self.unchanged - self.changed - self.added)


class ContactMerger:
    """Merges batches of records into one owner's contacts within one session."""

    def __init__(self, session: Session, *, owner_id: int, now: datetime, path: str) -> None:
        self.session = session
        self.owner_id = owner_id
        self.now = now
        self.path = path
        self.counts = MergeCounts()

    def merge(self, records: Sequence[ContactRecord]) -> None:
        """Merge one batch and write it."""
        if not records:
            return
        index = ContactIndex.build(self._candidates(records))
        new: list[StoredContact] = []
        changed: dict[int, StoredContact] = {}
        for record in records:
            known = index.find(record)
            if known is None:
                stored = StoredContact(values=new_contact_fields(record))
                new.append(stored)
                index.add(stored)
                continue
            changes = changed_fields(known, record)
            if not changes:
                if known.id is not None:
                    self.counts.unchanged.add(known.id)
                continue
            self._check(dict(known.values, **changes), record, known)
            known.values.update(changes)
            index.add(known)
            # A contact new in this batch is written with its final values below.
            if known.id is not None:
                changed[known.id] = known
        self._insert(new)
        self._update(changed)

    def _check(self, values: dict[str, Any], record: ContactRecord, known: StoredContact) -> None:
        # Each record was checked when read; merging lists can still outgrow a limit.
        try:
            check_contact_fields(values)
        except FieldError as exc:
            who = f"contact #{known.id}" if known.id is not None else "an earlier row"
            raise ImportFailure(
                f"merged into {who}, {exc.problem}",
                path=self.path,
                line=record.source_line,
                field=exc.field,
            ) from exc

    def _candidates(self, records: Sequence[ContactRecord]) -> list[StoredContact]:
        urls = {r.linkedin_url for r in records if r.linkedin_url}
        emails = {keys.email_key(e) for r in records for e in r.emails}
        # A record with a LinkedIn URL may only be a namesake without one (services.merge).
        named_any: set[str] = set()
        named_without_url: set[str] = set()
        for r in records:
            key = keys.match_key(r.first_name, r.last_name, r.company)
            (named_without_url if r.linkedin_url else named_any).add(key)
        owner = self.owner_id
        ids: set[int] = set()
        ids.update(keys.earliest_by_url(self.session, owner_id=owner, urls=urls).values())
        ids.update(keys.earliest_by_email(self.session, owner_id=owner, emails=emails).values())
        ids.update(
            keys.earliest_by_match_key(self.session, owner_id=owner, keys=named_any).values()
        )
        ids.update(
            keys.earliest_by_match_key(
                self.session, owner_id=owner, keys=named_without_url, without_url=True
            ).values()
        )
        return self._load(sorted(ids))

    def _load(self, ids: list[int]) -> list[StoredContact]:
        columns = [Contact.id, *(getattr(Contact, name) for name in UPDATABLE)]
        loaded: list[StoredContact] = []
        for start in range(0, len(ids), keys.SLICE):
            rows = self.session.execute(
                select(*columns)
                .where(
                    Contact.owner_id == self.owner_id,
                    Contact.id.in_(ids[start : start + keys.SLICE]),
                )
                .order_by(Contact.id)
            ).mappings()
            loaded.extend(
                StoredContact(id=row["id"], values={k: v for k, v in row.items() if k != "id"})
                for row in rows
            )
        # The index takes the earliest contact first, as the merge rules say.
        return sorted(loaded, key=lambda c: c.id or 0)

    def _organisations(self, contacts: Sequence[StoredContact]) -> dict[str, int]:
        return contact_store.organisation_ids_for(
            self.session,
            owner_id=self.owner_id,
            names={c.values.get("company") or "" for c in contacts},
        )

    def _insert(self, new: list[StoredContact]) -> None:
        if not new:
            return
        organisations = self._organisations(new)
        ids = keys.reserve_ids(self.session, "contacts", len(new))
        rows = []
        for stored, contact_id in zip(new, ids, strict=True):
            values = dict(stored.values)
            values.update(keys.derived_columns(values))
            values.update(
                id=contact_id,
                owner_id=self.owner_id,
                organisation_id=organisations.get(values.get("company") or ""),
                created_at=self.now,
                updated_at=self.now,
            )
            rows.append(values)
        self.session.execute(insert(_CONTACTS), rows)
        email_rows = []
        for stored, contact_id in zip(new, ids, strict=True):
            stored.id = contact_id
            self.counts.added.add(contact_id)
            email_rows.extend(
                keys.email_rows(self.owner_id, contact_id, stored.values.get("emails") or ())
            )
        keys.add_emails(self.session, email_rows)

    def _update(self, changed: dict[int, StoredContact]) -> None:
        if not changed:
            return
        organisations = self._organisations(list(changed.values()))
        updates = []
        email_rows = []
        for contact_id, stored in changed.items():
            values = {k: v for k, v in stored.values.items() if k in UPDATABLE}
            values.update(keys.derived_columns(values))
            values.update(
                id=contact_id,
                organisation_id=organisations.get(values.get("company") or ""),
                updated_at=self.now,
            )
            updates.append(values)
            email_rows.extend(
                keys.email_rows(self.owner_id, contact_id, stored.values.get("emails") or ())
            )
            self.counts.changed.add(contact_id)
        self.session.execute(update(Contact), updates)
        ids = list(changed)
        for start in range(0, len(ids), keys.SLICE):
            self.session.execute(
                delete(contact_emails).where(
                    contact_emails.c.contact_id.in_(ids[start : start + keys.SLICE])
                )
            )
        keys.add_emails(self.session, email_rows)
