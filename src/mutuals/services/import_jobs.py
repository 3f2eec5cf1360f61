"""Imports from the browser that run in the background, so that the page can show how far a large
file has got: the rows read so far, as ``mutuals import`` shows them in the terminal.

Each import is a job with a random token. Its state is a small JSON file in the data folder
(``import-jobs/TOKEN.json``), rewritten as rows are read, so that every worker of a server can
answer "how far is it?", not only the one running the import.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Final

from mutuals.io.errors import ImportFailure
from mutuals.services.context import Workspace
from mutuals.services.token_files import (
    new_token,
    read_record,
    remove_older,
    token_path,
    write_record,
)
from mutuals.services.uploads import import_upload, safe_name

log = logging.getLogger("mutuals.imports")

FOLDER: Final = "import-jobs"
# A job whose state has not moved for this long stopped with its server (a restart mid-import:
# its transaction rolled back, so nothing was written).
STALLED: Final = timedelta(minutes=5)
# Finished jobs' states are removed after this long.
KEPT: Final = timedelta(days=1)
# The threads of this process's jobs, so that a request can wait a moment for a small one.
_THREADS: dict[str, threading.Thread] = {}


def _folder(ws: Workspace) -> Path:
    return ws.settings.data_dir / FOLDER


def start_import(
    ws: Workspace,
    *,
    kind: str,
    filename: str,
    data: bytes,
    dry_run: bool = False,
    skip_invalid: bool = False,
) -> str:
    """Start importing an uploaded file in the background; returns the job's token.

    The job imports exactly as ``uploads.import_upload`` does; ``job_state`` says how far it got
    and, once finished, its summary, import log id or error.
    """
    folder = _folder(ws)
    folder.mkdir(parents=True, exist_ok=True)
    _prune(ws)
    token = new_token()
    path = folder / f"{token}.json"
    now = ws.clock.now().isoformat()
    state: dict[str, Any] = {
        "owner_id": ws.owner_id,
        "kind": kind,
        "file": safe_name(filename, kind),
        "size": len(data),
        "dry_run": dry_run,
        "state": "running",
        "rows": 0,
        "total": None,
        "started_at": now,
        "updated_at": now,
    }
    write_record(path, state)
    thread = threading.Thread(
        target=run_job,
        args=(ws, path, state),
        kwargs={"data": data, "skip_invalid": skip_invalid},
        name=f"import-{token[:8]}",
        daemon=True,
    )
    _THREADS[token] = thread
    thread.start()
    return token


def run_job(
    ws: Workspace, path: Path, state: dict[str, Any], *, data: bytes, skip_invalid: bool
) -> None:
    """Run one import job to its end, writing its state to ``path`` as rows are read."""

    def progress(done: int, total: int | None) -> None:
        state.update(rows=done, total=total, updated_at=ws.clock.now().isoformat())
        write_record(path, state)

    try:
        summary, run_id = import_upload(
            ws,
            kind=state["kind"],
            filename=state["file"],
            data=data,
            dry_run=state["dry_run"],
            skip_invalid=skip_invalid,
            progress=progress,
        )
    except ImportFailure as exc:
        state.update(state="failed", error=str(exc))
    except Exception as exc:
        # Nobody waits on this thread to see a traceback: the member gets a sentence, the
        # server's log the rest.
        log.exception("import job failed")
        state.update(state="failed", error=f"The import stopped: {type(exc).__name__}.")
    else:
        state.update(state="done", run_id=run_id, summary=summary.as_json())
    state["updated_at"] = ws.clock.now().isoformat()
    write_record(path, state)
    _THREADS.pop(path.stem, None)


def wait(token: str, seconds: float) -> None:
    """Wait up to ``seconds`` for this process's job ``token`` to finish (at once if it has, or
    if another process runs it)."""
    thread = _THREADS.get(token)
    if thread is not None:
        thread.join(seconds)


def job_state(ws: Workspace, token: str) -> dict[str, Any] | None:
    """The job's state for its owner (None for an unknown token or another owner's job).

    ``state`` is "running", "done", "failed" or "stalled"; ``rows`` counts the rows read so far,
    and ``total`` is the number of rows once all were read.
    """
    path = token_path(_folder(ws), token)
    state = read_record(path) if path is not None else None
    if state is None or state.get("owner_id") != ws.owner_id:
        return None
    if state["state"] == "running" and token not in _THREADS:
        moved = datetime.fromisoformat(state["updated_at"])
        if ws.clock.now() - moved > STALLED:
            state.update(
                state="stalled",
                error="The import stopped with the server; nothing was written. Upload it again.",
            )
    return state


def _prune(ws: Workspace) -> None:
    remove_older(
        _folder(ws), now=ws.clock.now(), age=KEPT, stamp="updated_at", keep=_THREADS.__contains__
    )
