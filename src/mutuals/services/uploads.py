"""Imports from the browser: an uploaded file, imported like ``mutuals import``, and the log of
past imports to show afterwards."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, Final

from sqlalchemy import select

from mutuals.domain.contact import InteractionRecord
from mutuals.io.errors import ImportFailure
from mutuals.io.result import ImportStream, Item, Skip
from mutuals.services.context import Workspace
from mutuals.services.imports import (
    ImportSummary,
    Progress,
    import_limits,
    import_stream,
    log_failure,
    parse_stream,
)
from mutuals.store.models import ImportRun

# How often, in rows read, an upload's progress is reported.
PROGRESS_EVERY: Final = 100
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


def safe_name(filename: str, kind: str) -> str:
    """The uploaded file's own name, without folders or odd characters, for messages and logs."""
    name = _UNSAFE.sub("_", Path(filename.replace("\\", "/")).name).strip(" .")
    return name or {"linkedin": "export.zip", "vcard": "contacts.vcf"}.get(kind, "contacts.csv")


def import_upload(
    ws: Workspace,
    *,
    kind: str,
    filename: str,
    data: bytes,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> tuple[ImportSummary, int | None]:
    """Import an uploaded file as ``mutuals import KIND`` would, with the same dry run, skipping,
    limits and errors; messages name the file as uploaded. ``progress`` hears how many rows were
    read so far every ``PROGRESS_EVERY`` rows, and the total at the end. Returns the summary and
    the import log entry's id (None for a dry run).

    Raises ``ImportFailure`` (naming file, line and field) for bad input; nothing is written.
    """
    name = safe_name(filename, kind)
    with tempfile.TemporaryDirectory(prefix="mutuals-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            stream = parse_stream(kind, path, skip_invalid=skip_invalid, limits=import_limits(ws))
            shown = ImportStream(stream.source, _shown_items(stream.items, folder, progress))
            summary = import_stream(
                ws.db,
                owner_id=ws.owner_id,
                stream=shown,
                source=kind,
                path=name,
                dry_run=dry_run,
                progress=_final_only(progress),
            )
        except ImportFailure as exc:
            # Name the file as the member knows it, not the temporary copy.
            failure = ImportFailure(
                exc.message,
                path=_shown(exc.path, folder),
                line=exc.line,
                field=exc.field,
            )
            if not dry_run:
                log_failure(
                    ws.settings.data_dir,
                    owner_id=ws.owner_id,
                    source=kind,
                    path=name,
                    error=str(failure),
                    at=ws.clock.now(),
                )
            raise failure from None
    return summary, None if dry_run else latest_run_id(ws)


def _shown_items(items: Iterator[Item], folder: str, progress: Progress | None) -> Iterator[Item]:
    """The stream's items naming files as uploaded, counted for ``progress`` as they are read."""
    for done, item in enumerate(items, start=1):
        if isinstance(item, Skip):
            item = replace(item, path=_shown(item.path, folder) or "")
        elif isinstance(item, InteractionRecord):
            item.source_path = _shown(item.source_path, folder) or ""
        yield item
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, None)


def _final_only(progress: Progress | None) -> Progress | None:
    # The rows are counted as they are read (``_shown_items``); from the import itself only its
    # last word, with the total, is news.
    if progress is None:
        return None

    def final(done: int, total: int | None) -> None:
        if total is not None:
            progress(done, total)

    return final


def _shown(path: str | None, folder: str) -> str | None:
    if path is None:
        return None
    return path.replace(folder + "/", "").replace(folder, "")


def latest_run_id(ws: Workspace) -> int | None:
    """The id of the owner's latest import log entry."""
    with ws.db.transaction() as session:
        return session.scalar(
            select(ImportRun.id)
            .where(ImportRun.owner_id == ws.owner_id)
            .order_by(ImportRun.id.desc())
            .limit(1)
        )


def _run_dict(run: ImportRun) -> dict[str, Any]:
    detail = run.detail or {}
    return {
        "id": run.id,
        "kind": run.kind,
        "path": Path(run.path).name,
        "status": run.status,
        "added": run.added,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "skipped": run.skipped,
        "interactions_added": detail.get("interactions_added", 0),
        "skipped_rows": detail.get("skipped", []),
        "error": detail.get("error", ""),
        "finished_at": run.finished_at.date().isoformat() if run.finished_at else "",
    }


def recent_runs(ws: Workspace, limit: int = 10) -> list[dict[str, Any]]:
    """The owner's latest imports, newest first."""
    with ws.db.transaction() as session:
        runs = session.scalars(
            select(ImportRun)
            .where(ImportRun.owner_id == ws.owner_id)
            .order_by(ImportRun.id.desc())
            .limit(limit)
        ).all()
        return [_run_dict(run) for run in runs]


def import_run(ws: Workspace, run_id: int) -> dict[str, Any] | None:
    """One of the owner's imports, or None (also for another owner's)."""
    with ws.db.transaction() as session:
        run = session.scalars(
            select(ImportRun).where(ImportRun.owner_id == ws.owner_id, ImportRun.id == run_id)
        ).first()
        return None if run is None else _run_dict(run)
