"""Token-named records in the data folder: atomic writes, forged tokens, and pruning by age."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from mutuals.services.token_files import (
    new_token,
    read_record,
    remove_older,
    token_path,
    write_record,
)

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def test_a_record_reads_back_and_a_forged_token_has_no_file(tmp_path: Path) -> None:
    token = new_token()
    path = token_path(tmp_path, token)
    assert path is not None
    write_record(path, {"name": "Ada"})
    assert read_record(path) == {"name": "Ada"}
    assert list(tmp_path.iterdir()) == [path]
    assert token_path(tmp_path, "../../etc/passwd") is None


def test_old_and_unreadable_records_go_unless_kept(tmp_path: Path) -> None:
    def record(stamp: datetime) -> Path:
        path = tmp_path / f"{new_token()}.json"
        write_record(path, {"at": stamp.isoformat()})
        return path

    fresh, old, kept = (
        record(NOW),
        record(NOW - timedelta(hours=2)),
        record(NOW - timedelta(days=9)),
    )
    broken = tmp_path / f"{new_token()}.json"
    broken.write_text("[not json", encoding="utf-8")
    remove_older(
        tmp_path, now=NOW, age=timedelta(hours=1), stamp="at", keep={kept.stem}.__contains__
    )
    assert sorted(tmp_path.iterdir()) == sorted([fresh, kept])
    assert not old.exists() and not broken.exists()
