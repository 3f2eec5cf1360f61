"""Importing contacts and interactions: one transaction under the owner's write lock, merged a
batch at a time as the file streams in; dry runs; and the import log.

A refused import writes nothing to the member's data: the transaction rolls back, and the refusal
is noted in a log file in the data folder (``import-failures.log``), never in the database, so
the next backup is the same as the last.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from mutuals.domain.contact import ContactRecord, InteractionRecord
from mutuals.io.errors import ImportFailure
from mutuals.io.limits import DEFAULT_LIMITS, ImportLimits
from mutuals.io.result import ImportStream, Item, ParseResult, Skip
from mutuals.services.context import Workspace
from mutuals.services.import_contacts import ContactMerger
from mutuals.services.import_interactions import InteractionAdder, interaction_fingerprint
from mutuals.store.database import Database, session_clock
from mutuals.store.models import ImportRun

__all__ = [
    "FAILURE_LOG",
    "PARSERS",
    "ImportSummary",
    "SkippedRow",
    "import_file",
    "import_parsed",
    "import_stream",
    "interaction_fingerprint",
    "parse_file",
    "parse_stream",
]

# done, and the total when known (a streamed file's is not).
Progress = Callable[[int, int | None], None]
BATCH: Final = 1000
# A summary lists this many skipped rows and errors in full, and counts the rest.
LISTED: Final = 1000
FAILURE_LOG: Final = "import-failures.log"
PARSERS = ("linkedin", "vcard", "csv")


@dataclass
class SkippedRow:
    line: int | None
    reason: str
    field: str | None = None
    # The file the line is in (a ZIP's member is named inside the ZIP: export.zip/messages.csv).
    file: str = ""


@dataclass
class ImportSummary:
    """The outcome of one import, as printed to the member and stored in the import log.

    ``skipped`` and ``errors`` hold the first ``LISTED`` entries; ``skipped_count`` and
    ``skip_reasons`` count them all.
    """

    source: str
    path: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    interactions_added: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dry_run: bool = False
    skipped_count: int = 0
    skip_reasons: Counter[str] = field(default_factory=Counter)

    def skip(self, line: int | None, reason: str, field: str | None = None, file: str = "") -> None:
        self.skipped_count += 1
        self.skip_reasons[reason] += 1
        if len(self.skipped) < LISTED:
            self.skipped.append(SkippedRow(line=line, reason=reason, field=field, file=file))

    def note(self, skip: Skip) -> None:
        """Count a row the reader left out; one with a bad value is an error too."""
        self.skip(skip.line, skip.reason, skip.field, skip.path)
        # Rows skipped for bad values (only with --skip-invalid) are errors too; rows skipped
        # by rule, such as members LinkedIn hides, are not.
        if skip.invalid and len(self.errors) < LISTED:
            self.errors.append(skip.describe())

    def as_json(self) -> dict[str, Any]:
        """The summary as adapters print it: counts plus the skipped rows with reasons."""
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": [
                {"file": s.file, "line": s.line, "field": s.field, "reason": s.reason}
                for s in self.skipped
            ],
            "skipped_count": self.skipped_count,
            "errors": self.errors,
            "interactions_added": self.interactions_added,
            "dry_run": self.dry_run,
        }


class _DryRunRollback(Exception):
    pass


def import_stream(
    db: Database,
    *,
    owner_id: int,
    stream: ImportStream,
    source: str,
    path: str,
    dry_run: bool = False,
    progress: Progress | None = None,
    batch: int = BATCH,
) -> ImportSummary:
    """Merge a stream of records into the owner's contacts in one transaction.

    The transaction holds the owner's write lock from before the first read (another import of
    the same network waits for it, saying so through ``db.on_wait``). Records are merged and
    written ``batch`` at a time, so memory does not grow with the file. Contacts are merged before
    any interaction is matched to them. With ``dry_run`` everything is computed and then rolled
    back, so the summary says what a real run would do and nothing is written.
    """
    summary = ImportSummary(source=source, path=path, dry_run=dry_run)
    try:
        with db.writing(owner_id) as session:
            now = session_clock(session).now()
            contacts = ContactMerger(session, owner_id=owner_id, now=now, path=path)
            interactions = InteractionAdder(
                session,
                owner_id=owner_id,
                now=now,
                unmatched=lambda record, why: summary.skip(
                    record.source_line, why, file=record.source_path
                ),
            )
            pending_contacts: list[ContactRecord] = []
            pending_interactions: list[InteractionRecord] = []
            done = 0
            for item in stream.items:
                done += 1
                if isinstance(item, ContactRecord):
                    pending_contacts.append(item)
                    if len(pending_contacts) >= batch:
                        contacts.merge(pending_contacts)
                        pending_contacts = []
                elif isinstance(item, InteractionRecord):
                    if pending_contacts:
                        contacts.merge(pending_contacts)
                        pending_contacts = []
                    pending_interactions.append(item)
                    if len(pending_interactions) >= batch:
                        interactions.add(pending_interactions)
                        pending_interactions = []
                else:
                    summary.note(item)
                if progress is not None and done % 500 == 0:
                    progress(done, None)
            contacts.merge(pending_contacts)
            interactions.add(pending_interactions)
            if progress is not None:
                progress(done, done)
            summary.added = len(contacts.counts.added)
            summary.updated = contacts.counts.updated
            summary.unchanged = contacts.counts.same
            summary.interactions_added = interactions.added
            session.add(_log_row(owner_id, summary, finished_at=db.clock.now()))
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return summary


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
    """``import_stream`` over records already read whole (see ``ParseResult``)."""
    items: Iterable[Item] = [*parsed.skipped, *parsed.contacts, *parsed.interactions]
    return import_stream(
        db,
        owner_id=owner_id,
        stream=ImportStream(parsed.source, iter(items)),
        source=source,
        path=path,
        dry_run=dry_run,
        progress=progress,
    )


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
        skipped=summary.skipped_count,
        detail={
            "interactions_added": summary.interactions_added,
            "skipped": [asdict(s) for s in summary.skipped],
        },
    )


def log_failure(
    data_dir: Path, *, owner_id: int, source: str, path: str, error: str, at: datetime
) -> None:
    """Note a refused import in the data folder's failure log (one JSON object a line).

    The member's data stays exactly as it was; a log that cannot be written is no reason to hide
    the refusal itself, so that is ignored.
    """
    entry = {
        "at": at.isoformat(),
        "owner_id": owner_id,
        "kind": source,
        "path": path,
        "error": error,
    }
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with (data_dir / FAILURE_LOG).open("a", encoding="utf-8") as log:
            log.write(json.dumps(entry, ensure_ascii=False) + "\n")
    except OSError:
        pass


def parse_stream(
    kind: str, path: Path, *, skip_invalid: bool, limits: ImportLimits = DEFAULT_LIMITS
) -> ImportStream:
    """The records of ``path`` read by the importer for ``kind`` (one of ``PARSERS``)."""
    if kind == "linkedin":
        from mutuals.io.linkedin import iter_linkedin

        return iter_linkedin(path, skip_invalid=skip_invalid, limits=limits)
    if kind == "vcard":
        from mutuals.io.vcard import iter_vcards

        return iter_vcards(path, skip_invalid=skip_invalid, limits=limits)
    if kind == "csv":
        from mutuals.io.contacts_csv import iter_contacts_csv

        return iter_contacts_csv(path, skip_invalid=skip_invalid, limits=limits)
    raise ValueError(f"unknown import kind '{kind}'; choose one of {', '.join(PARSERS)}")


def parse_file(
    kind: str, path: Path, *, skip_invalid: bool, limits: ImportLimits = DEFAULT_LIMITS
) -> ParseResult:
    """Read all of ``path`` with the importer for ``kind`` (for small files and tests)."""
    return parse_stream(kind, path, skip_invalid=skip_invalid, limits=limits).collect()


def import_limits(ws: Workspace) -> ImportLimits:
    """The workspace's caps on one import, with today (from its clock) as the last day of history."""
    settings = ws.settings
    return ImportLimits.as_of(
        ws.clock.today(),
        max_bytes=settings.import_max_bytes,
        max_rows=settings.import_max_rows,
        max_cell_chars=settings.import_max_cell_chars,
    )


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
    the refusal is noted in the data folder's failure log (unless this is a dry run).
    """
    try:
        stream = parse_stream(kind, path, skip_invalid=skip_invalid, limits=import_limits(ws))
        return import_stream(
            ws.db,
            owner_id=ws.owner_id,
            stream=stream,
            source=kind,
            path=str(path),
            dry_run=dry_run,
            progress=progress,
        )
    except ImportFailure as exc:
        if not dry_run:
            log_failure(
                ws.settings.data_dir,
                owner_id=ws.owner_id,
                source=kind,
                path=str(path),
                error=str(exc),
                at=ws.clock.now(),
            )
        raise
