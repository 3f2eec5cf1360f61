"""Settings: the default SQLite file, the environment, and the global --db flag."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mutuals.settings import Settings, describe_url


def test_default_is_sqlite_in_the_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MUTUALS_DATABASE_URL", raising=False)
    monkeypatch.setenv("MUTUALS_DATA_DIR", str(tmp_path))
    url = Settings().resolved_database_url()
    assert url == f"sqlite:///{tmp_path.resolve()}/mutuals.db"


def test_environment_url_and_db_flag(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MUTUALS_DATABASE_URL", "postgresql+psycopg://me:secret@db.example/m")
    settings = Settings()
    assert settings.resolved_database_url().startswith("postgresql+psycopg://")
    assert "secret" not in describe_url(settings.resolved_database_url())
    # --db wins over the environment, as a path or as a URL.
    assert settings.with_db(str(tmp_path / "x.db")).resolved_database_url().endswith("/x.db")
    assert settings.with_db("sqlite:///:memory:").resolved_database_url() == "sqlite:///:memory:"


def test_python_dash_m_runs_the_cli(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mutuals", "--db", str(tmp_path / "m.db"), "info", "--json"],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).parents[1] / "src")},
    )
    assert done.returncode == 0, done.stderr
    assert '"backend": "sqlite"' in done.stdout


def test_backend_names_in_help_match_the_engine() -> None:
    from mutuals.prospecting import backend_names
    from mutuals.settings import DEFAULT_SIMILARITY_BACKEND, SIMILARITY_BACKENDS

    assert list(SIMILARITY_BACKENDS) == backend_names()
    assert DEFAULT_SIMILARITY_BACKEND in SIMILARITY_BACKENDS


def test_similarity_backend_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError

    monkeypatch.setenv("MUTUALS_SIMILARITY_BACKEND", "Lexical")
    assert Settings().similarity_backend == "lexical"
    monkeypatch.setenv("MUTUALS_SIMILARITY_BACKEND", "bogus")
    with pytest.raises(ValidationError, match="unknown similarity backend 'bogus'"):
        Settings()


def test_arguments_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUTUALS_SMTP_PORT", "25")
    monkeypatch.setenv("mutuals_smtp_host", "mail.example.org")  # any case, as before
    monkeypatch.setenv("MUTUALS_NO_SUCH_SETTING", "ignored")
    settings = Settings()
    assert (settings.smtp_port, settings.smtp_host) == (25, "mail.example.org")
    assert Settings(smtp_port=2525).smtp_port == 2525


def test_loading_settings_does_not_import_pydantic_settings() -> None:
    probe = "import sys, mutuals.settings; print('pydantic_settings' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
