"""Small JSON records kept in a folder of the data directory, each in a file named by a random
token: the state of a browser import, the copy that lets a delete be undone.

They live beside the database rather than in it, so that every worker of a server can read them
and a backup never holds them. Writes are atomic (a partial file, then a rename).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def new_token() -> str:
    """A fresh random token, safe in a URL and a file name."""
    return secrets.token_urlsafe(24)


def token_path(folder: Path, token: str) -> Path | None:
    """The record's file for ``token``, or None when the token is not one we could have made."""
    return folder / f"{token}.json" if _TOKEN.fullmatch(token) else None


def write_record(path: Path, record: dict[str, Any]) -> None:
    """Write ``record`` to ``path`` at once: a reader sees the old record or the new one."""
    partial = path.with_suffix(f".{threading.get_ident()}.part")
    partial.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, path)


def read_record(path: Path) -> dict[str, Any] | None:
    """The record in ``path``, or None when it is missing or unreadable."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def remove_older(
    folder: Path,
    *,
    now: datetime,
    age: timedelta,
    stamp: str,
    keep: Callable[[str], bool] = lambda token: False,
) -> None:
    """Remove the records whose ``stamp`` field is more than ``age`` before ``now``, and the
    unreadable ones, except those whose token ``keep`` holds on to."""
    if not folder.is_dir():
        return
    for path in folder.glob("*.json"):
        record = read_record(path)
        try:
            old = now - datetime.fromisoformat(str((record or {}).get(stamp))) > age
        except (TypeError, ValueError):
            old = True
        if old and not keep(path.stem):
            path.unlink(missing_ok=True)
