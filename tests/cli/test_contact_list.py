"""``mutuals contacts list`` on a SQLite file at the newest schema is read without the ORM: the
same bytes as the full path (table and JSON), the same errors, and only the default owner's
contacts; another account's list takes the full path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from mutuals.cli.app import app
from mutuals.services import quick_contacts
from mutuals.services.contacts import add_contact
from mutuals.services.context import open_workspace
from mutuals.settings import Settings, sqlite_url
from mutuals.store import contacts as store
from mutuals.store.owners import create_owner
from tests.cli.runner import CliRunner


@pytest.fixture
def network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database with the default owner's contacts and another account's."""
    monkeypatch.delenv("MUTUALS_DATABASE_URL", raising=False)
    monkeypatch.setenv("MUTUALS_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "cli.db"
    ws = open_workspace(Settings(database_url=sqlite_url(path)))
    try:
        for name, company, tags in [
            ("Ada Lovelace", "Analytical Engines", ["mentor", "client"]),
            ("Grace Hopper", "US Navy", ["client"]),
            ("Zoë Müller", "Acme GmbH & Söhne, a company with a very long name indeed", []),
            ("Ольга Петрова", "Север", ["партнёр"]),
            ("Bob", "", ["x"]),
            ("Alan Turing", "Bletchley Park", ["mentor", "speaker", "friend", "investor"]),
        ]:
            add_contact(ws, name=name, company=company, tags=tags, position="Engineer")
        with ws.db.transaction() as session:
            other = create_owner(session, name="Bea", email="bea@example.org").id
            store.create_contact(session, owner_id=other, first_name="Secret", company="Acme")
    finally:
        ws.close()
    return path


def lister(path: Path) -> Callable[..., Result]:
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(app, ["--db", str(path), *args])

    return invoke


@pytest.fixture
def quick_answers(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What each call of the quick read answered (None: it stepped aside)."""
    answers: list[Any] = []
    real = quick_contacts.list_contacts_quickly

    def spy(*args: Any, **kwargs: Any) -> Any:
        answers.append(real(*args, **kwargs))
        return answers[-1]

    monkeypatch.setattr(quick_contacts, "list_contacts_quickly", spy)
    return answers


QUERIES = [
    [],
    ["--json"],
    ["--search", "acme"],
    ["--search", "ольга", "--json"],
    ["--tag", "client"],
    ["--tag", "CLIENT", "--json"],
    ["--limit", "2"],
    ["--limit", "0", "--json"],
    ["--search", "nobody"],
    ["--search", "e", "--tag", "mentor", "--limit", "1"],
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_quick_read_prints_the_same_bytes(
    network: Path, quick_answers: list[Any], monkeypatch: pytest.MonkeyPatch, query: list[str]
) -> None:
    invoke = lister(network)
    quick = invoke("contacts", "list", *query)
    assert quick.exit_code == 0, quick.output
    assert len(quick_answers) == 1 and quick_answers[0] is not None  # it was read quickly
    assert "Secret" not in quick.stdout
    monkeypatch.setattr(quick_contacts, "list_contacts_quickly", lambda *a, **k: None)
    full = invoke("contacts", "list", *query)
    assert (quick.stdout_bytes, quick.exit_code) == (full.stdout_bytes, full.exit_code)


def test_an_invalid_setting_is_refused_as_before(
    network: Path, quick_answers: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MUTUALS_OUTREACH_WAIT_DAYS", "0")
    invoke = lister(network)
    refused = invoke("contacts", "list")
    assert quick_answers == []  # the settings were read by `Settings`
    assert refused.exit_code == 2
    assert refused.output.startswith("Error: Input should be greater than or equal to 1")
    monkeypatch.setattr(quick_contacts, "list_contacts_quickly", lambda *a, **k: None)
    assert invoke("contacts", "list").output == refused.output


def test_a_negative_limit_is_refused_as_before(network: Path, quick_answers: list[Any]) -> None:
    refused = lister(network)("contacts", "list", "--limit", "-1")
    assert quick_answers == [None]
    assert refused.exit_code == 2
    assert refused.output == "Error: limit and offset must be 0 or more\n"


def test_another_account_lists_its_own_contacts_on_the_full_path(
    network: Path, quick_answers: list[Any]
) -> None:
    listed = lister(network)("--user", "bea@example.org", "contacts", "list", "--json")
    assert listed.exit_code == 0, listed.output
    assert quick_answers == []
    assert '"name": "Secret"' in listed.stdout
    assert "Ada" not in listed.stdout


def test_a_new_database_is_created_by_the_full_path(
    tmp_path: Path, quick_answers: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MUTUALS_DATA_DIR", str(tmp_path / "data"))
    listed = lister(tmp_path / "new" / "m.db")("contacts", "list", "--json")
    assert (listed.exit_code, listed.stdout) == (0, "[]\n")
    assert quick_answers == [None]
    assert (tmp_path / "new" / "m.db").exists()
    again = lister(tmp_path / "new" / "m.db")("contacts", "list", "--json")
    assert (again.stdout, quick_answers[-1]) == ("[]\n", [])
