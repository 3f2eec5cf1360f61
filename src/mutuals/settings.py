"""Configuration: where the database and data live, from flags, the environment and defaults."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from mutuals.clock import Clock, clock_for
from mutuals.domain.limits import IMPORT_MAX_BYTES, IMPORT_MAX_CELL_CHARS, IMPORT_MAX_ROWS
from mutuals.domain.vocab import DEFAULT_SIMILARITY_BACKEND, SIMILARITY_BACKENDS
from mutuals.settings_env import (
    db_option_url,
    default_data_dir,
    environment_values,
    resolve_database_url,
    sqlite_url,
)

__all__ = [
    "DEFAULT_SIMILARITY_BACKEND",
    "SIMILARITY_BACKENDS",
    "Settings",
    "default_data_dir",
    "sqlite_url",
]


class Settings(BaseModel):
    """Settings read from ``MUTUALS_*`` environment variables, overridable by command-line flags.

    ``database_url`` wins over ``data_dir``: without it the database is ``mutuals.db`` (SQLite)
    inside the data directory. Values given as arguments win over the environment.
    """

    # As pydantic-settings reads them (env vars matched in any case, defaults checked too),
    # without importing it: it costs a command's start-up more than the rest of pydantic.
    model_config = ConfigDict(extra="ignore", validate_default=True)

    def __init__(self, **values: Any) -> None:
        super().__init__(**(_from_environment() | values))

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = None
    similarity_backend: str = DEFAULT_SIMILARITY_BACKEND
    strength_half_life_days: float = 90.0
    # Days a direct attempt waits for a reply before the advice becomes asking for an intro.
    outreach_wait_days: int = Field(default=14, ge=1, le=365)
    # Outgoing mail for `mutuals draft ... --send` (MUTUALS_SMTP_HOST and so on).
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = True
    smtp_from: str = ""
    # Pins the clock of every command and page to this day (MUTUALS_TODAY=2026-11-26): for demos,
    # screenshots and scripts that must give the same answer on any day.
    today: date | None = None
    # Web requests: a body larger than this is refused (413) before any route reads it.
    max_request_bytes: int = Field(default=1024 * 1024, ge=1024)
    # Caps on one import (MUTUALS_IMPORT_MAX_BYTES, ...): bytes of a file once uncompressed, rows
    # across its files, and characters in one cell. An import over a cap is refused at once.
    import_max_bytes: int = Field(default=IMPORT_MAX_BYTES, ge=1)
    import_max_rows: int = Field(default=IMPORT_MAX_ROWS, ge=1)
    import_max_cell_chars: int = Field(default=IMPORT_MAX_CELL_CHARS, ge=1)
    # How long a write waits for another writer of the same network (an import) before it gives
    # up, having written nothing.
    lock_timeout: float = Field(default=300.0, gt=0)
    # Accounts: how long a sign-in lasts, and the address invitation links start with.
    session_days: int = Field(default=14, ge=1, le=365)
    base_url: str = "http://127.0.0.1:8000"

    def clock(self) -> Clock:
        """The clock commands and pages use: pinned to ``today`` when set, else the system's."""
        return clock_for(self.today)

    @field_validator("similarity_backend")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        # A typo in MUTUALS_SIMILARITY_BACKEND must not silently fall back to the default.
        name = value.strip().lower()
        if name not in SIMILARITY_BACKENDS:
            raise ValueError(
                f"unknown similarity backend {value!r} (MUTUALS_SIMILARITY_BACKEND): "
                f"choose one of {', '.join(SIMILARITY_BACKENDS)}"
            )
        return name

    def resolved_database_url(self) -> str:
        """The SQLAlchemy URL to connect to."""
        return resolve_database_url(self.database_url, self.data_dir)

    def with_db(self, db: str | None) -> Settings:
        """A copy that uses ``db`` (a file path or a full URL) as the database, if given."""
        if not db:
            return self
        return self.model_copy(update={"database_url": db_option_url(db)})


def _from_environment() -> dict[str, str]:
    """The ``MUTUALS_<FIELD>`` environment variables (any case) that name a setting."""
    return environment_values(Settings.model_fields)


def describe_url(url: str) -> str:
    """The URL with any password masked, for display."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
