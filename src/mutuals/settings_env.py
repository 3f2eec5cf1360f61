"""The settings' rules that need no pydantic: which ``MUTUALS_*`` variables name a setting, where
the database is, and a quick check that the environment's values are ones `Settings` accepts.

`mutuals.settings.Settings` reads the environment and finds the database through these functions.
A fast command (`mutuals contacts list`) uses them alone when every value set is one that
``Settings`` surely accepts; otherwise it loads ``Settings``, which accepts the value or refuses
it with its own message.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from mutuals.domain.vocab import SIMILARITY_BACKENDS

APP_NAME: Final = "mutuals"
ENV_PREFIX: Final = "MUTUALS_"


def default_data_dir() -> Path:
    """The per-user data directory, e.g. ``~/.local/share/mutuals`` on Linux."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def sqlite_url(path: Path) -> str:
    """A SQLAlchemy URL for the SQLite file at ``path``."""
    return f"sqlite:///{path.expanduser().resolve()}"


def environment_values(names: Iterable[str]) -> dict[str, str]:
    """The ``MUTUALS_<NAME>`` environment variables (any case) that name one of ``names``."""
    wanted = {f"{ENV_PREFIX}{name}".lower(): name for name in names}
    return {wanted[key.lower()]: v for key, v in os.environ.items() if key.lower() in wanted}


def resolve_database_url(database_url: str | None, data_dir: Path) -> str:
    """The database to open: ``database_url`` if set, else ``mutuals.db`` in ``data_dir``."""
    if database_url:
        return database_url
    return sqlite_url(data_dir / "mutuals.db")


def db_option_url(db: str) -> str:
    """The URL the global ``--db`` option names: a full URL as it is, else a SQLite file path."""
    return db if "://" in db else sqlite_url(Path(db))


@dataclass(frozen=True)
class Rule:
    """What a setting's value must be: its kind and, for numbers, its bounds."""

    kind: str  # "text", "path", "date", "int", "float", "bool" or "backend"
    ge: float | None = None
    gt: float | None = None
    le: float | None = None


# One rule per field of `Settings`, with the same bounds (a test compares them).
RULES: Final[dict[str, Rule]] = {
    "data_dir": Rule("path"),
    "database_url": Rule("text"),
    "similarity_backend": Rule("backend"),
    "strength_half_life_days": Rule("float"),
    "outreach_wait_days": Rule("int", ge=1, le=365),
    "smtp_host": Rule("text"),
    "smtp_port": Rule("int"),
    "smtp_user": Rule("text"),
    "smtp_password": Rule("text"),
    "smtp_starttls": Rule("bool"),
    "smtp_from": Rule("text"),
    "today": Rule("date"),
    "max_request_bytes": Rule("int", ge=1024),
    "import_max_bytes": Rule("int", ge=1),
    "import_max_rows": Rule("int", ge=1),
    "import_max_cell_chars": Rule("int", ge=1),
    "lock_timeout": Rule("float", gt=0),
    "session_days": Rule("int", ge=1, le=365),
    "base_url": Rule("text"),
}

# Only plain spellings count as surely valid; pydantic takes more ("+5", " 5", "1_000"), and
# those go to it.
_INT = re.compile(r"0|[1-9][0-9]{0,11}")
_FLOAT = re.compile(r"(0|[1-9][0-9]{0,11})(\.[0-9]{1,9})?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BOOLS: Final = frozenset({"true", "false", "1", "0", "yes", "no", "on", "off"})


def surely_valid(rule: Rule, value: str) -> bool:
    """Whether ``value`` is one that `Settings` accepts for a field with ``rule``: True only for
    plain values; False means "ask `Settings`", not that the value is wrong."""
    if rule.kind == "text":
        return True
    if rule.kind == "path":
        return value != ""
    if rule.kind == "backend":
        return value.strip().lower() in SIMILARITY_BACKENDS
    if rule.kind == "bool":
        return value in _BOOLS
    if rule.kind == "date":
        if not _DATE.fullmatch(value):
            return False
        try:
            date.fromisoformat(value)
        except ValueError:
            return False
        return True
    if rule.kind in ("int", "float"):
        if not (_INT if rule.kind == "int" else _FLOAT).fullmatch(value):
            return False
        number = float(value)
        return (
            (rule.ge is None or number >= rule.ge)
            and (rule.gt is None or number > rule.gt)
            and (rule.le is None or number <= rule.le)
        )
    return False


def quick_database_url(db: str | None) -> str | None:
    """The database URL `Settings` would give with the global ``--db`` option ``db``, or None
    when some ``MUTUALS_*`` value needs `Settings` itself to read (or refuse) it."""
    values = environment_values(RULES)
    if not all(surely_valid(RULES[name], value) for name, value in values.items()):
        return None
    if db:
        return db_option_url(db)
    if values.get("database_url"):
        return values["database_url"]
    data_dir = Path(values["data_dir"]) if "data_dir" in values else default_data_dir()
    return resolve_database_url(None, data_dir)
