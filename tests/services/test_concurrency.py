"""Writers of one network take turns: a second import, or a `log`, started while an import holds
the lock waits (and says so), then runs against what the first committed. On both databases."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mutuals.services import relationships as rel
from mutuals.services.contacts import add_contact, list_contacts
from mutuals.services.context import Workspace, open_workspace
from mutuals.services.imports import ImportSummary, import_file
from mutuals.settings import Settings
from mutuals.store.contacts import get_or_create_organisation
from mutuals.store.locking import DatabaseBusy

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
TODAY = date(2026, 11, 26)


def export(folder: Path, rows: int) -> Path:
    path = folder / "Connections.csv"
    lines = [
        f"P{i},Q{i},https://www.linkedin.com/in/p-{i},p{i}@example.org,Co {i % 7},Eng,01 Mar 2021"
        for i in range(rows)
    ]
    path.write_text(HEADER + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def second(ws: Workspace, **overrides: Any) -> Workspace:
    """Another connection to the same database, as another process would open it."""
    settings = ws.settings.model_copy(update=overrides)
    return open_workspace(settings)


class Waits:
    """Records that a writer had to wait."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


def run_during_import(
    ws: Workspace, path: Path, job: Callable[[], Any]
) -> tuple[ImportSummary, list[Any]]:
    """Import ``path``; while the import holds the lock, start ``job`` in a thread."""
    results: list[Any] = []
    started: list[threading.Thread] = []

    def run() -> None:
        try:
            results.append(job())
        except Exception as exc:  # reported to the test below
            results.append(exc)

    def progress(done: int, total: int | None) -> None:
        if not started:
            thread = threading.Thread(target=run)
            thread.start()
            started.append(thread)
            # Give the job time to reach the lock and wait on it.
            thread.join(0.5)

    summary = import_file(ws, kind="linkedin", path=path, progress=progress)
    for thread in started:
        thread.join(60)
    return summary, results


def test_two_imports_at_once_add_each_person_once(workspace: Workspace, tmp_path: Path) -> None:
    path = export(tmp_path, 1500)
    waits = Waits()
    other = second(workspace)
    other = other.__class__(
        settings=other.settings, db=other.db.with_waiting(on_wait=waits), owner_id=other.owner_id
    )
    try:
        first, results = run_during_import(
            workspace, path, lambda: import_file(other, kind="linkedin", path=path)
        )
    finally:
        other.close()
    [again] = results
    assert isinstance(again, ImportSummary), again
    assert waits.count == 1
    assert (first.added, again.added, again.unchanged) == (1500, 0, 1500)
    assert len(list_contacts(workspace)) == 1500


def test_log_during_an_import_waits_then_is_saved(workspace: Workspace, tmp_path: Path) -> None:
    add_contact(workspace, name="Zed Zebra")
    waits = Waits()
    other = second(workspace)
    other = other.__class__(
        settings=other.settings, db=other.db.with_waiting(on_wait=waits), owner_id=other.owner_id
    )

    def log() -> dict[str, Any]:
        return rel.log_interaction(
            other, "Zed", channel="call", kinds=["advice"], direction="gave", on=TODAY, today=TODAY
        )

    try:
        summary, results = run_during_import(workspace, export(tmp_path, 1500), log)
    finally:
        other.close()
    assert summary.added == 1500
    [logged] = results
    assert isinstance(logged, dict) and logged["contacts"][0]["name"] == "Zed Zebra"
    assert waits.count == 1


def test_a_write_that_waits_too_long_is_refused_clearly(
    workspace: Workspace, tmp_path: Path
) -> None:
    add_contact(workspace, name="Zed Zebra")
    other = second(workspace, lock_timeout=0.3)

    def log() -> dict[str, Any]:
        return rel.log_interaction(
            other, "Zed", channel="call", kinds=["advice"], direction="gave", on=TODAY, today=TODAY
        )

    try:
        with workspace.db.writing(workspace.owner_id):
            thread_results: list[Any] = []
            thread = threading.Thread(target=lambda: thread_results.append(_attempt(log)))
            thread.start()
            thread.join(30)
    finally:
        other.close()
    [refused] = thread_results
    assert isinstance(refused, DatabaseBusy)
    assert "nothing was saved" in str(refused) and "MUTUALS_LOCK_TIMEOUT" in str(refused)


def _attempt(job: Callable[[], Any]) -> Any:
    try:
        return job()
    except Exception as exc:
        return exc


def test_organisation_created_by_another_writer_is_found_not_a_crash(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The other writer inserts "Acme" between this one's look-up and its insert.
    from mutuals.store import contacts as store

    real = store._organisations_named
    calls: list[int] = []

    def missed_once(session: Any, owner_id: int, names: list[str]) -> dict[str, int]:
        calls.append(1)
        if len(calls) == 1:
            with workspace.db.writing(None) as other:
                get_or_create_organisation(other, owner_id=owner_id, name="Acme")
            return {}
        return real(session, owner_id, names)

    with workspace.db.transaction() as session:
        monkeypatch.setattr(store, "_organisations_named", missed_once)
        found = store.organisation_ids_for(session, owner_id=workspace.owner_id, names=["Acme"])
    monkeypatch.undo()
    with workspace.db.transaction() as session:
        assert found == store.organisation_ids(session, owner_id=workspace.owner_id)


def test_settings_carry_the_lock_timeout(tmp_path: Path) -> None:
    ws = open_workspace(Settings(data_dir=tmp_path, lock_timeout=2.5))
    try:
        assert ws.db.lock_timeout == 2.5
    finally:
        ws.close()
