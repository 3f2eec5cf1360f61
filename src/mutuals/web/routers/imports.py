"""Importing from the browser: upload a LinkedIn ZIP, a vCard or a CSV, with a dry run and the
same error report as ``mutuals import``; then the import's result page."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Path, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from mutuals.io.errors import ImportFailure
from mutuals.services.imports import PARSERS, ImportSummary
from mutuals.services.uploads import import_run, import_upload, recent_runs
from mutuals.web.deps import MAX_ID, WorkspaceDep
from mutuals.web.flash import redirect
from mutuals.web.templating import templates

router = APIRouter(prefix="/import", include_in_schema=False)

# A LinkedIn export with years of messages is a few megabytes; far more is not a contact list.
MAX_UPLOAD = 50 * 1024 * 1024
KIND_LABELS = {
    "linkedin": "LinkedIn export (.zip or Connections.csv)",
    "vcard": "vCard (.vcf)",
    "csv": "CSV (Google, Outlook or a mutuals profile CSV)",
}


def grouped_reasons(skipped: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """Skip reasons with how often each occurred, most frequent first (as the CLI prints them)."""
    counts: dict[str, int] = {}
    for row in skipped:
        counts[row["reason"]] = counts.get(row["reason"], 0) + 1
    return sorted(counts.items(), key=lambda item: -item[1])


def _page(
    request: Request,
    ws: WorkspaceDep,
    *,
    kind: str = "linkedin",
    errors: dict[str, str] | None = None,
    result: dict[str, Any] | None = None,
    status: int = 200,
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "imports/form.html",
        {
            "kinds": KIND_LABELS,
            "kind": kind,
            "errors": errors or {},
            "result": result,
            "runs": recent_runs(ws),
        },
        status_code=status,
    )


@router.get("", response_class=HTMLResponse)
def import_form(request: Request, ws: WorkspaceDep) -> HTMLResponse:
    return _page(request, ws)


@router.post("", response_model=None)
async def import_submit(
    request: Request,
    ws: WorkspaceDep,
    file: Annotated[UploadFile | None, File()] = None,
    kind: Annotated[str, Form(max_length=20)] = "linkedin",
    dry_run: Annotated[bool, Form()] = False,
    skip_invalid: Annotated[bool, Form()] = False,
) -> Response:
    if kind not in PARSERS:
        return _page(
            request, ws, errors={"kind": f"Choose one of: {', '.join(PARSERS)}."}, status=400
        )
    if file is None or not file.filename:
        return _page(
            request, ws, kind=kind, errors={"file": "Choose a file to import."}, status=400
        )
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        message = f"{file.filename} is larger than {MAX_UPLOAD // 1024 // 1024} MB."
        return _page(request, ws, kind=kind, errors={"file": message}, status=400)
    try:
        summary, run_id = import_upload(
            ws,
            kind=kind,
            filename=file.filename,
            data=data,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
        )
    except ImportFailure as exc:
        message = f"{exc} Nothing was imported. Fix the file, or tick “skip invalid rows”."
        return _page(request, ws, kind=kind, errors={"file": message}, status=400)
    if dry_run or run_id is None:
        # Nothing was written, so the result is shown at once (a reload changes nothing).
        return _page(request, ws, kind=kind, result=_result(summary, file.filename))
    return redirect(request, f"/import/{run_id}", _headline(summary))


def _headline(summary: ImportSummary) -> str:
    prefix = "Dry run, nothing written: would have " if summary.dry_run else "Imported: "
    text = (
        f"{prefix}{summary.added} added, {summary.updated} updated, "
        f"{summary.unchanged} unchanged, {len(summary.skipped)} skipped"
    )
    if summary.interactions_added:
        text += f", {summary.interactions_added} interactions added"
    return text + "."


def _result(summary: ImportSummary, filename: str) -> dict[str, Any]:
    skipped = summary.as_json()["skipped"]
    return {
        "headline": _headline(summary),
        "path": filename,
        "dry_run": summary.dry_run,
        "skipped_rows": skipped,
        "reasons": grouped_reasons(skipped),
        "errors": summary.errors,
    }


@router.get("/{run_id}", response_class=HTMLResponse)
def import_result(
    request: Request, ws: WorkspaceDep, run_id: Annotated[int, Path(ge=1, le=MAX_ID)]
) -> HTMLResponse:
    run = import_run(ws, run_id)
    if run is None:
        raise HTTPException(404, f"no import with id {run_id}")
    run["reasons"] = grouped_reasons(run["skipped_rows"])
    return templates.TemplateResponse(request, "imports/run.html", {"run": run})
