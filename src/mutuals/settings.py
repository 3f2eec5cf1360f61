"""Configuration: where the database and data live, from flags, the environment and defaults."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from mutuals.clock import Clock, clock_for
from mutuals.domain.vocab import DEFAULT_SIMILARITY_BACKEND, SIMILARITY_BACKENDS

APP_NAME = "mutuals"
__all__ = ["DEFAULT_SIMILARITY_BACKEND", "SIMILARITY_BACKENDS", "Settings", "default_data_dir"]


def default_data_dir() -> Path:
    """The per-user data directory, e.g. ``~/.local/share/mutuals`` on Linux."""
    return user_data_path(APP_NAME, appauthor=False)


class Settings(BaseSettings):
    """Settings read from ``MUTUALS_*`` environment variables, overridable by command-line flags.

    ``database_url`` wins over ``data_dir``: without it the database is ``mutuals.db`` (SQLite)
    inside the data directory.
    """

    model_config = SettingsConfigDict(env_prefix="MUTUALS_", extra="ignore")

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
    # Accounts: how long a sign-in lasts, and the address invitation links start with.
    session_days: int = Field(default=14, ge=1, le=365)
    base_url: str = "http://127.0.0.1:8000"

    def clock(self) -> Clock:
        """The clock commands and pages use: pinned to ``today`` when set, else the system's."""
        return clock_for(self.today)

    def resolved_database_url(self) -> str:
        """The SQLAlchemy URL to connect to."""
        if self.database_url:
            return self.database_url
        return sqlite_url(self.data_dir / "mutuals.db")

    def with_db(self, db: str | None) -> Settings:
        """A copy that uses ``db`` (a file path or a full URL) as the database, if given."""
        if not db:
            return self
        url = db if "://" in db else sqlite_url(Path(db))
        return self.model_copy(update={"database_url": url})


def sqlite_url(path: Path) -> str:
    """A SQLAlchemy URL for the SQLite file at ``path``."""
    return f"sqlite:///{path.expanduser().resolve()}"


def describe_url(url: str) -> str:
    """The URL with any password masked, for display."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
