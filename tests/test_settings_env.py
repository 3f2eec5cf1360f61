"""The settings' rules without pydantic: the same fields and bounds as `Settings`, and a quick
database URL only when `Settings` would accept the environment and give that same URL."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

import annotated_types
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mutuals.settings import Settings
from mutuals.settings_env import RULES, Rule, quick_database_url, surely_valid

KINDS: dict[Any, str] = {
    str: "text",
    str | None: "text",
    Path: "path",
    date | None: "date",
    int: "int",
    float: "float",
    bool: "bool",
}


def rule_of(name: str, field: Any) -> Rule:
    """The rule `Settings` applies to a field, read from its annotation and constraints."""
    kind = "backend" if name == "similarity_backend" else KINDS[field.annotation]
    bounds: dict[str, float] = {}
    for constraint in field.metadata:
        for key, kind_of in (
            ("ge", annotated_types.Ge),
            ("gt", annotated_types.Gt),
            ("le", annotated_types.Le),
        ):
            if isinstance(constraint, kind_of):
                bounds[key] = getattr(constraint, key)
    return Rule(kind, **bounds)


def test_the_rules_are_the_settings_fields_and_bounds() -> None:
    assert {name: rule_of(name, f) for name, f in Settings.model_fields.items()} == RULES


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.upper().startswith("MUTUALS_"):
            monkeypatch.delenv(key)


# Values near each rule's edge, in plain and less plain spellings, and a few that are wrong.
values = st.one_of(
    st.integers(-2, 1100).map(str),
    st.sampled_from(["0", "1", "365", "366", "1023", "1024", "0.0", "0.5", "12.25", "1e3"]),
    st.sampled_from(["+5", " 5", "5 ", "007", "1_000", "", "true", "no", "on", "maybe", "T"]),
    st.sampled_from(["2026-11-26", "2026-02-30", "20261126", "2026-1-5", " 2026-11-26"]),
    st.sampled_from(["tfidf", " TFIDF ", "nosuch", "/tmp/x", "~/data", "sqlite:///x.db"]),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=8),
)
environments = st.dictionaries(
    st.sampled_from(sorted(RULES)).flatmap(
        lambda name: st.sampled_from([name, name.upper(), name.title()])
    ),
    values.filter(lambda v: "\x00" not in v),
    max_size=4,
)


@hypothesis_settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(env=environments, db=st.none() | st.sampled_from(["x.db", "sqlite:///y.db", "pg://h/d"]))
def test_a_quick_url_is_the_one_settings_gives(
    clean_environment: None, env: dict[str, str], db: str | None
) -> None:
    with mock.patch.dict(os.environ, {f"MUTUALS_{k}": v for k, v in env.items()}):
        quick = quick_database_url(db)
        try:
            full: str | None = Settings().with_db(db).resolved_database_url()
        except ValidationError:
            full = None
    if quick is not None:
        assert quick == full, env


def test_plain_values_are_read_quickly(
    clean_environment: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MUTUALS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MUTUALS_TODAY", "2026-11-26")
    monkeypatch.setenv("mutuals_smtp_port", "465")
    monkeypatch.setenv("MUTUALS_LOCK_TIMEOUT", "2.5")
    monkeypatch.setenv("MUTUALS_SMTP_STARTTLS", "false")
    assert quick_database_url(None) == f"sqlite:///{tmp_path.resolve()}/mutuals.db"
    assert quick_database_url(None) == Settings().resolved_database_url()
    monkeypatch.setenv("MUTUALS_DATABASE_URL", "postgresql+psycopg://me@db/m")
    assert quick_database_url(None) == "postgresql+psycopg://me@db/m"
    assert quick_database_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path.resolve()}/x.db"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MUTUALS_OUTREACH_WAIT_DAYS", "0"),
        ("MUTUALS_SESSION_DAYS", "366"),
        ("MUTUALS_MAX_REQUEST_BYTES", "1023"),
        ("MUTUALS_LOCK_TIMEOUT", "0"),
        ("MUTUALS_TODAY", "2026-02-30"),
        ("MUTUALS_SIMILARITY_BACKEND", "nosuch"),
        ("MUTUALS_SMTP_PORT", "+465"),  # valid, but only `Settings` reads that spelling
        ("MUTUALS_DATA_DIR", ""),
    ],
)
def test_anything_else_is_left_to_settings(
    clean_environment: None, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    assert quick_database_url("x.db") is None


def test_every_kind_has_a_check() -> None:
    kinds = {rule.kind for rule in RULES.values()}
    assert all(isinstance(surely_valid(Rule(kind), "1"), bool) for kind in kinds)
    assert not surely_valid(Rule("unknown kind"), "1")
