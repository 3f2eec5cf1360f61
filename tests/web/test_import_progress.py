"""A large import in the browser runs in the background and its page shows the rows read so far,
as the CLI's progress bar does; the dry run and the file:line: field report stay the same."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from mutuals.clock import FixedClock
from mutuals.services import import_jobs as jobs
from mutuals.services.context import Workspace
from tests.web.import_gate import ROWS, Gate, people_csv


def _upload(client: TestClient, data: bytes, **form: str) -> Any:
    return client.post(
        "/import",
        data={"kind": "csv", **form},
        files={"file": ("people.csv", data, "text/csv")},
        follow_redirects=False,
    )


def _token(response: Any) -> str:
    assert response.status_code == 303, response.text[:1000]
    found = re.fullmatch(r"/import/jobs/([A-Za-z0-9_-]+)", response.headers["location"])
    assert found, response.headers["location"]
    return found.group(1)


def test_a_large_import_shows_the_rows_read_so_far(client: TestClient, gate: Gate) -> None:
    token = _token(_upload(client, people_csv()))
    assert gate.reached.wait(20)
    status = client.get(f"/import/jobs/{token}.json").json()
    assert status == {
        "state": "running",
        "rows": 100,
        "total": None,
        "file": "people.csv",
        "kind": "csv",
        "dry_run": False,
    }
    page = client.get(f"/import/jobs/{token}")
    assert page.status_code == 200
    assert '<strong id="import-count">100</strong> rows read so far' in page.text
    # The bar claims no share while the total is unknown; the page asks by a script file.
    assert '<progress id="import-bar"' in page.text and " value=" not in page.text
    assert '<script src="/static/import-progress.js" defer></script>' in page.text
    assert "<script>" not in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    gate.go.set()
    jobs.wait(token, 20)
    done = client.get(f"/import/jobs/{token}.json").json()
    assert (done["state"], done["rows"], done["total"]) == ("done", ROWS, ROWS)
    # Reports came as the rows were read: every hundred, then the total.
    assert gate.reports == [(100, None), (200, None), (300, None), (ROWS, ROWS)]
    result = client.get(f"/import/jobs/{token}", follow_redirects=False)
    assert result.status_code == 303 and re.fullmatch(r"/import/\d+", result.headers["location"])
    landed = client.get(result.headers["location"]).text
    assert f"Imported: {ROWS} added, 0 updated, 0 unchanged, 0 skipped." in landed
    assert len(client.get("/api/v1/contacts", params={"limit": 1000}).json()) == ROWS + 2


def test_dry_run_and_errors_in_the_background(client: TestClient, gate: Gate) -> None:
    # Each upload is held at its first hundred rows, so the answer is its progress page even
    # when the import would be over before the server looks (it was, once, under a faked clock).
    dry = _token(_upload(client, people_csv(), dry_run="true"))
    gate.go.set()
    jobs.wait(dry, 20)
    page = client.get(f"/import/jobs/{dry}")
    assert f"Dry run, nothing written: would have {ROWS} added" in page.text
    assert len(client.get("/api/v1/contacts").json()) == 2
    gate.go.clear()
    bad = _token(_upload(client, people_csv(bad_line=250)))
    gate.go.set()
    jobs.wait(bad, 20)
    refused = client.get(f"/import/jobs/{bad}")
    assert refused.status_code == 400
    assert "people.csv:250: field &#39;email&#39;" in refused.text
    assert "Nothing was imported" in refused.text and "mutuals-upload" not in refused.text
    assert len(client.get("/api/v1/contacts").json()) == 2


def test_a_job_is_its_owners_alone(client: TestClient, sqlite_workspace: Workspace) -> None:
    token = jobs.start_import(sqlite_workspace, kind="csv", filename="p.csv", data=people_csv(5))
    jobs.wait(token, 20)
    assert jobs.job_state(sqlite_workspace, token)["state"] == "done"  # type: ignore[index]
    stranger = replace(sqlite_workspace, owner_id=sqlite_workspace.owner_id + 1)
    assert jobs.job_state(stranger, token) is None
    assert client.get(f"/import/jobs/{'x' * 30}.json").status_code == 404
    assert client.get(f"/import/jobs/{'x' * 30}").status_code == 404


def test_a_job_left_running_by_a_stopped_server_says_so(sqlite_workspace: Workspace) -> None:
    token = jobs.start_import(sqlite_workspace, kind="csv", filename="p.csv", data=people_csv(5))
    jobs.wait(token, 20)
    path = sqlite_workspace.settings.data_dir / jobs.FOLDER / f"{token}.json"
    # As a server that stopped mid-import leaves it: running, and no thread of this process.
    path.write_text(path.read_text().replace('"state": "done"', '"state": "running"'))
    assert jobs.job_state(sqlite_workspace, token)["state"] == "running"  # type: ignore[index]
    later = sqlite_workspace.with_clock(
        FixedClock(sqlite_workspace.clock.now() + jobs.STALLED + timedelta(seconds=1))
    )
    stalled = jobs.job_state(later, token)
    assert stalled is not None and stalled["state"] == "stalled"
    assert "nothing was written" in stalled["error"]
