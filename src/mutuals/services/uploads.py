"""Imports from the browser: an uploaded file, imported like ``mutuals import``, and the log of
past imports to show afterwards."""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from mutuals.io.errors import ImportFailure
from mutuals.services.context import Workspace
from mutuals.services.imports import ImportSummary, import_parsed, log_failure, parse_file
from mutuals.store.models import ImportRun

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
) -> tuple[ImportSummary, int | None]:
    """Import an uploaded file as ``mutuals import KIND`` would, with the same dry run, skipping
    and errors; messages name the file as uploaded. Returns the summary and the import log
    entry's id (None for a dry run).

    Raises ``ImportFailure`` (naming file, line and field) for bad input; nothing is written.
    """
    name = safe_name(filename, kind)
    with tempfile.TemporaryDirectory(prefix="mutuals-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            parsed = parse_file(kind, path, skip_invalid=skip_invalid)
        except ImportFailure as exc:
            # Name the file as the member knows it, not the temporary copy.
            shown = ImportFailure(
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
                    error=str(shown),
                    at=ws.clock.now(),
                )
            raise shown from None
    parsed.skipped = [replace(s, path=_shown(s.path, folder) or "") for s in parsed.skipped]
    for record in parsed.interactions:
        record.source_path = _shown(record.source_path, folder) or ""
    summary = import_parsed(
        ws.db, owner_id=ws.owner_id, parsed=parsed, source=kind, path=name, dry_run=dry_run
    )
    return summary, None if dry_run else latest_run_id(ws)


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
