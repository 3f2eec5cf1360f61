"""Importing from the browser: upload a LinkedIn ZIP, a vCard or a CSV, with a dry run and the
same error report as ``mutuals import``; then the import's result page."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any, Final

from fastapi import APIRouter, File, Form, HTTPException, Path, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mutuals.services import import_jobs as jobs
from mutuals.services.imports import PARSERS
from mutuals.services.uploads import import_run, recent_runs
from mutuals.web.deps import MAX_ID, WorkspaceDep
from mutuals.web.flash import redirect
from mutuals.web.templating import templates

router = APIRouter(prefix="/import", include_in_schema=False)

# A LinkedIn export with years of messages is a few megabytes; far more is not a contact list.
MAX_UPLOAD = 50 * 1024 * 1024
# How long an upload's request waits for its import before showing the progress page instead.
INLINE_WAIT: Final = 2.0
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
    token = jobs.start_import(
        ws,
        kind=kind,
        filename=file.filename,
        data=data,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
    )
    # A small file is done in a moment: answer with its result at once. A large one goes on in
    # the background, and its page shows the rows read so far.
    await asyncio.to_thread(jobs.wait, token, INLINE_WAIT)
    job = jobs.job_state(ws, token)
    if job is None or job["state"] == "running":
        return RedirectResponse(f"/import/jobs/{token}", status_code=303)
    return _finished(request, ws, job)


def _finished(request: Request, ws: WorkspaceDep, job: dict[str, Any]) -> Response:
    """The page of a finished job: the error beside the file field, a dry run's result, or a
    redirect to the import's own page (post/redirect/get: a reload imports nothing again)."""
    kind = job["kind"]
    if job["state"] != "done":
        message = job.get("error", "The import stopped.")
        if job["state"] == "failed":
            message += " Nothing was imported. Fix the file, or tick “skip invalid rows”."
        return _page(request, ws, kind=kind, errors={"file": message}, status=400)
    summary = job["summary"]
    if job["dry_run"] or job.get("run_id") is None:
        # Nothing was written, so the result is shown at once (a reload changes nothing).
        return _page(request, ws, kind=kind, result=_result(summary, job["file"]))
    return redirect(request, f"/import/{job['run_id']}", _headline(summary))


Token = Annotated[str, Path(min_length=20, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


@router.get("/jobs/{token}.json")
def job_status(ws: WorkspaceDep, token: Token) -> dict[str, Any]:
    """How far a job has got: its state, the rows read so far and, at the end, their total."""
    job = jobs.job_state(ws, token)
    if job is None:
        raise HTTPException(404, "no such import")
    return {key: job.get(key) for key in ("state", "rows", "total", "file", "kind", "dry_run")}


@router.get("/jobs/{token}", response_model=None)
def job_page(request: Request, ws: WorkspaceDep, token: Token) -> Response:
    job = jobs.job_state(ws, token)
    if job is None:
        raise HTTPException(404, "no such import")
    if job["state"] == "running":
        return templates.TemplateResponse(
            request, "imports/progress.html", {"job": job, "token": token}
        )
    return _finished(request, ws, job)


def _headline(summary: dict[str, Any]) -> str:
    prefix = "Dry run, nothing written: would have " if summary["dry_run"] else "Imported: "
    text = (
        f"{prefix}{summary['added']} added, {summary['updated']} updated, "
        f"{summary['unchanged']} unchanged, {summary['skipped_count']} skipped"
    )
    if summary["interactions_added"]:
        text += f", {summary['interactions_added']} interactions added"
    return text + "."


def _result(summary: dict[str, Any], filename: str) -> dict[str, Any]:
    skipped = summary["skipped"]
    return {
        "headline": _headline(summary),
        "path": filename,
        "dry_run": summary["dry_run"],
        "skipped_rows": skipped,
        "reasons": grouped_reasons(skipped),
        "errors": summary["errors"],
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
