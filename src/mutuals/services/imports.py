"""Importing contacts and interactions: merge rules, one transaction, dry runs and the import log."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from mutuals.domain.contact import ContactRecord, InteractionRecord
from mutuals.io.errors import ImportFailure
from mutuals.io.result import ParseResult
from mutuals.services.context import Workspace
from mutuals.services.merge import (
    ContactIndex,
    StoredContact,
    changed_fields,
    new_contact_fields,
)
from mutuals.store import contacts as contact_store
from mutuals.store import interactions as interaction_store
from mutuals.store.database import Database, session_clock
from mutuals.store.models import Base, Contact, ImportRun

Progress = Callable[[int, int], None]


@dataclass
class SkippedRow:
    line: int | None
    reason: str
    field: str | None = None


@dataclass
class ImportSummary:
    """The outcome of one import, as printed to the member and stored in the import log."""

    source: str
    path: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    interactions_added: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        """The summary as adapters print it: counts plus the skipped rows with reasons."""
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": [
                {"line": s.line, "field": s.field, "reason": s.reason} for s in self.skipped
            ],
            "errors": self.errors,
            "interactions_added": self.interactions_added,
            "dry_run": self.dry_run,
        }


class _DryRunRollback(Exception):
    pass


def import_parsed(
    db: Database,
    *,
    owner_id: int,
    parsed: ParseResult,
    source: str,
    path: str,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Merge parsed records into the owner's contacts in one transaction.

    With ``dry_run`` everything is computed and then rolled back, so the summary says what a real
    run would do and nothing is written.
    """
    summary = ImportSummary(source=source, path=path, dry_run=dry_run)
    summary.skipped.extend(
        SkippedRow(line=s.line, reason=s.reason, field=s.field) for s in parsed.skipped
    )
    # Rows skipped for bad values (only with --skip-invalid) are errors too; rows skipped by rule,
    # such as members LinkedIn hides, are not.
    summary.errors.extend(s.describe() for s in parsed.skipped if s.invalid)
    try:
        with db.transaction() as session:
            _merge_contacts(session, owner_id, parsed.contacts, summary, progress)
            _add_interactions(session, owner_id, parsed.interactions, summary)
            session.add(_log_row(owner_id, summary, finished_at=db.clock.now()))
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return summary


def _merge_contacts(
    session: Session,
    owner_id: int,
    records: Sequence[ContactRecord],
    summary: ImportSummary,
    progress: Progress | None,
) -> None:
    # Bulk statements instead of one ORM object per row: a 30,000-row export must import in
    # seconds, and every row still goes through the same merge rules.
    index = ContactIndex.build(_stored_contacts(session, owner_id))
    organisations = contact_store.organisation_ids(session, owner_id=owner_id)
    pending: list[StoredContact] = []
    changed: dict[int, StoredContact] = {}
    seen_unchanged: set[int] = set()
    total = len(records)
    for done, record in enumerate(records, start=1):
        known = index.find(record)
        if known is None:
            stored = StoredContact(values=new_contact_fields(record))
            pending.append(stored)
            index.add(stored)
            summary.added += 1
        else:
            changes = changed_fields(known, record)
            if changes:
                known.values.update(changes)
                index.add(known)
                if known.id is not None:
                    changed[known.id] = known
            elif known.id is not None:
                seen_unchanged.add(known.id)
        if progress is not None and (done % 500 == 0 or done == total):
            progress(done, total)
    # A person listed twice in one file counts once: updated if any of their rows changed them.
    summary.updated = len(changed)
    summary.unchanged = len(seen_unchanged - changed.keys())
    now = session_clock(session).now()
    if pending:
        rows = []
        for stored in pending:
            values = dict(stored.values)
            values.update(
                owner_id=owner_id,
                organisation_id=_organisation_id(session, owner_id, organisations, values),
                created_at=now,
                updated_at=now,
            )
            rows.append(values)
        # Core executemany: the ORM bulk path costs twice as much for the same rows.
        session.execute(insert(Base.metadata.tables["contacts"]), rows)
    if changed:
        updates = []
        for contact_id, stored in changed.items():
            values = {k: v for k, v in stored.values.items() if k in UPDATABLE}
            values.update(
                id=contact_id,
                organisation_id=_organisation_id(session, owner_id, organisations, values),
                updated_at=now,
            )
            updates.append(values)
        session.execute(update(Contact), updates)


UPDATABLE = frozenset(contact_store.EDITABLE_FIELDS)


def _stored_contacts(session: Session, owner_id: int) -> list[StoredContact]:
    columns = [Contact.id, *(getattr(Contact, name) for name in contact_store.EDITABLE_FIELDS)]
    rows = session.execute(
        select(*columns).where(Contact.owner_id == owner_id).order_by(Contact.id)
    ).mappings()
    return [
        StoredContact(id=row["id"], values={k: v for k, v in row.items() if k != "id"})
        for row in rows
    ]


def _organisation_id(
    session: Session, owner_id: int, cache: dict[str, int], values: dict[str, Any]
) -> int | None:
    company = values.get("company") or ""
    if not company:
        return None
    if company not in cache:
        org = contact_store.get_or_create_organisation(session, owner_id=owner_id, name=company)
        cache[company] = org.id
    return cache[company]


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


def _add_interactions(
    session: Session,
    owner_id: int,
    records: Sequence[InteractionRecord],
    summary: ImportSummary,
) -> None:
    if not records:
        return
    contacts = contact_store.all_contacts(session, owner_id=owner_id)
    by_url = {c.linkedin_url: c for c in contacts if c.linkedin_url}
    by_full_name: dict[str, list[Contact]] = {}
    for contact in contacts:
        by_full_name.setdefault(" ".join(contact.full_name.lower().split()), []).append(contact)
    known = interaction_store.fingerprints(session, owner_id=owner_id)
    for record in records:
        fingerprint = interaction_fingerprint(record)
        if fingerprint in known:
            continue
        people = _resolve(record, by_url, by_full_name)
        if not people:
            who = ", ".join(record.counterpart_urls or record.counterpart_names) or "nobody"
            summary.skipped.append(
                SkippedRow(line=record.source_line, reason=f"no matching contact for {who}")
            )
            continue
        occurred = record.occurred_at
        if occurred.tzinfo is None:
            occurred = occurred.replace(tzinfo=UTC)
        interaction_store.create_interaction(
            session,
            owner_id=owner_id,
            contacts=people,
            occurred_at=occurred,
            channel=record.channel,
            direction=record.direction,
            kinds=record.kinds,
            summary=record.summary,
            source=record.source,
            fingerprint=fingerprint,
        )
        known.add(fingerprint)
        summary.interactions_added += 1
    session.flush()


def _resolve(
    record: InteractionRecord, by_url: dict[str, Contact], by_full_name: dict[str, list[Contact]]
) -> list[Contact]:
    people: dict[int, Contact] = {}
    for url in record.counterpart_urls:
        found = by_url.get(url)
        if found is not None:
            people[found.id] = found
    if not people:
        for name in record.counterpart_names:
            matches = by_full_name.get(" ".join(name.lower().split()), [])
            if len(matches) == 1:
                people[matches[0].id] = matches[0]
    return list(people.values())


def _log_row(owner_id: int, summary: ImportSummary, *, finished_at: datetime) -> ImportRun:
    return ImportRun(
        owner_id=owner_id,
        kind=summary.source,
        path=summary.path,
        finished_at=finished_at,
        status="ok",
        added=summary.added,
        updated=summary.updated,
        unchanged=summary.unchanged,
        skipped=len(summary.skipped),
        detail={
            "interactions_added": summary.interactions_added,
            "skipped": [asdict(s) for s in summary.skipped[:1000]],
        },
    )


def log_failure(db: Database, *, owner_id: int, source: str, path: str, error: str) -> None:
    """Record a rejected import in the log (in its own transaction, since the import rolled back)."""
    with db.transaction() as session:
        session.add(
            ImportRun(
                owner_id=owner_id,
                kind=source,
                path=path,
                finished_at=db.clock.now(),
                status="failed",
                detail={"error": error},
            )
        )


PARSERS = ("linkedin", "vcard", "csv")


def parse_file(kind: str, path: Path, *, skip_invalid: bool) -> ParseResult:
    """Read ``path`` with the importer for ``kind`` (one of ``PARSERS``)."""
    if kind == "linkedin":
        from mutuals.io.linkedin import read_linkedin

        return read_linkedin(path, skip_invalid=skip_invalid)
    if kind == "vcard":
        from mutuals.io.vcard import read_vcards

        return read_vcards(path, skip_invalid=skip_invalid)
    if kind == "csv":
        from mutuals.io.contacts_csv import read_contacts_csv

        return read_contacts_csv(path, skip_invalid=skip_invalid)
    raise ValueError(f"unknown import kind '{kind}'; choose one of {', '.join(PARSERS)}")


def import_file(
    ws: Workspace,
    *,
    kind: str,
    path: Path,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Parse and import one file (or LinkedIn export) for the workspace's owner.

    Bad input raises ``ImportFailure`` naming file, line and field; nothing is written then, and
    the failure is recorded in the import log (unless this is a dry run).
    """
    try:
        parsed = parse_file(kind, path, skip_invalid=skip_invalid)
    except ImportFailure as exc:
        if not dry_run:
            log_failure(ws.db, owner_id=ws.owner_id, source=kind, path=str(path), error=str(exc))
        raise
    return import_parsed(
        ws.db,
        owner_id=ws.owner_id,
        parsed=parsed,
        source=kind,
        path=str(path),
        dry_run=dry_run,
        progress=progress,
    )
