"""Real processes on one database, on SQLite and PostgreSQL: two `mutuals import` runs of one file
at once, `mutuals log` during an import, and `kill -9` in the middle of an import."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mutuals.services.backup import backup
from mutuals.services.context import open_workspace
from mutuals.settings import Settings

pytestmark = pytest.mark.slow

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def export(folder: Path, rows: int) -> Path:
    path = folder / "Connections.csv"
    lines = (
        f"P{i},Q{i},https://www.linkedin.com/in/p-{i},,Co {i % 97},Eng,01 Mar 2021"
        for i in range(rows)
    )
    path.write_text(HEADER + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def mutuals(db: str, data: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "MUTUALS_DATA_DIR": str(data), "MUTUALS_TODAY": "2026-11-26"}
    env.pop("MUTUALS_DATABASE_URL", None)
    return subprocess.Popen(
        [str(Path(sys.executable).with_name("mutuals")), "--db", db, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=600)
    return process.returncode, out, err


def tables(db: str, tmp_path: Path) -> dict[str, list[dict[str, object]]]:
    ws = open_workspace(Settings(data_dir=tmp_path / "data", database_url=db))
    try:
        data: dict[str, list[dict[str, object]]] = backup(ws.db, owner_id=None)["tables"]
        return data
    finally:
        ws.close()


@pytest.fixture
def db(db_url: str, tmp_path: Path) -> str:
    # The database exists at the newest schema before the processes start, as on a real machine.
    assert finish(mutuals(db_url, tmp_path / "data", "contacts", "add", "Zed Zebra"))[0] == 0
    return db_url


def test_two_imports_of_one_file_at_once_add_everyone_once(db: str, tmp_path: Path) -> None:
    path = export(tmp_path, 4000)
    runs = [mutuals(db, tmp_path / "data", "import", "linkedin", str(path), "--json") for _ in "ab"]
    results = [finish(run) for run in runs]
    assert [code for code, _, _ in results] == [0, 0], results
    summaries = [json.loads(out) for _, out, _ in results]
    assert sorted(s["added"] for s in summaries) == [0, 4000]
    assert sorted(s["unchanged"] for s in summaries) == [0, 4000]
    contacts = tables(db, tmp_path)["contacts"]
    urls = [c["linkedin_url"] for c in contacts if c["linkedin_url"]]
    assert len(urls) == len(set(urls)) == 4000 and len(contacts) == 4001


def test_log_during_an_import_is_saved_or_refused_clearly(db: str, tmp_path: Path) -> None:
    path = export(tmp_path, 20_000)
    data = tmp_path / "data"
    importing = mutuals(db, data, "import", "linkedin", str(path), "--json")
    logs = []
    while importing.poll() is None and len(logs) < 6:
        logs.append(
            mutuals(db, data, "log", "Zed Zebra", "--channel", "call", "--kind", "advice",
                    "--direction", "gave", "--on", "2026-11-20")
        )  # fmt: skip
        time.sleep(0.3)
    code, out, err = finish(importing)
    assert code == 0, err
    saved = 0
    for log in logs:
        log_code, log_out, log_err = finish(log)
        # Saved, or refused with a message that says so; never "database is locked" or a trace.
        assert log_code in (0, 2), log_err
        assert "Traceback" not in log_err and "locked" not in log_err
        if log_code == 0:
            assert "Logged call with Zed Zebra" in log_out
            saved += 1
        else:
            assert "nothing was saved" in log_err
    interactions = tables(db, tmp_path)["interactions"]
    assert len(interactions) == saved >= 1
    assert json.loads(out)["added"] == 20_000


@pytest.mark.parametrize("delay", [0.8, 1.6, 2.4])
def test_kill_9_during_an_import_leaves_all_or_nothing(
    db: str, tmp_path: Path, delay: float
) -> None:
    path = export(tmp_path, 30_000)
    before = tables(db, tmp_path)
    importing = mutuals(db, tmp_path / "data", "import", "linkedin", str(path))
    time.sleep(delay)
    importing.send_signal(signal.SIGKILL)
    importing.communicate(timeout=60)  # reaps it and closes its pipes
    after = tables(db, tmp_path)
    count = len(after["contacts"])
    assert count in (len(before["contacts"]), len(before["contacts"]) + 30_000), count
    if count == len(before["contacts"]):
        assert after == before
    # The database opens and takes the import again.
    code, _, err = finish(mutuals(db, tmp_path / "data", "import", "linkedin", str(path)))
    assert code == 0, err
    assert len(tables(db, tmp_path)["contacts"]) == len(before["contacts"]) + 30_000
