"""What the command line prints when something goes wrong: a waiting notice, and for a bug a
one-line report that never holds SQL or the member's data."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy.exc import DataError, IntegrityError

from mutuals.cli import state
from mutuals.cli.errors import describe_unexpected
from mutuals.services.context import open_workspace
from mutuals.settings import Settings, sqlite_url
from tests.cli.conftest import Invoke


class DriverError(Exception):
    pass


def test_a_database_error_is_described_without_sql_or_data() -> None:
    # A driver's message may go on to quote the row; the statement and parameters always would.
    driver = DriverError('value too long for type character varying(200)\nDETAIL: "Ada Secret"')
    for error in (IntegrityError, DataError):
        exc = error(
            "INSERT INTO contacts (first_name, notes) VALUES (%s, %s)",
            {"first_name": "Ada Secret", "notes": "private notes"},
            driver,
        )
        text = describe_unexpected(exc)
        assert text == (
            "unexpected database error (DriverError): value too long for type character "
            "varying(200)"
        )
    assert describe_unexpected(KeyError("ada@example.org")) == "unexpected KeyError"


def test_a_command_that_waits_for_another_writer_says_so(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("contacts", "add", "Zed Zebra").exit_code == 0
    told = threading.Event()
    say = state.say_waiting

    def say_and_note() -> None:
        say()
        told.set()

    # The other writer lets go once the command has said that it waits (however long its start).
    monkeypatch.setattr(state, "say_waiting", say_and_note)
    ws = open_workspace(
        Settings(data_dir=tmp_path / "data", database_url=sqlite_url(tmp_path / "cli.db"))
    )
    holding = threading.Event()

    def hold() -> None:
        with ws.db.writing(ws.owner_id):
            holding.set()
            told.wait(60)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert holding.wait(30)
        result = cli(
            "log", "Zed Zebra", "--channel", "call", "--kind", "advice", "--direction", "gave",
            "--on", "2026-11-20",
        )  # fmt: skip
    finally:
        thread.join(30)
        ws.close()
    assert told.is_set() and result.exit_code == 0, result.output
    assert "Waiting for another import (or change) to this network to finish" in result.stderr
    assert "Logged call with Zed Zebra" in result.output
