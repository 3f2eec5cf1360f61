"""``mutuals draft follow-up NAME --event ID`` in single-user mode: the member is on the list of
their own evening; the note names it, a member template can use it, mistakes exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutuals.services.context import open_workspace
from mutuals.settings import Settings, sqlite_url
from tests.cli.conftest import Invoke, as_json
from tests.services.met_world import TODAY, hold_evening


@pytest.fixture
def event_id(cli: Invoke, tmp_path: Path) -> int:
    """The CLI's database with the evening in it, Mia (the local member) among the attendees."""
    assert cli("contacts", "list").exit_code == 0  # creates the database
    ws = open_workspace(
        Settings(data_dir=tmp_path / "data", database_url=sqlite_url(tmp_path / "cli.db"))
    )
    try:
        found, _ = hold_evening(ws, {"Mia Moss": ws.owner_id})
    finally:
        ws.close()
    return found


def test_follow_up_after_an_event(cli: Invoke, event_id: int) -> None:
    today = ("--today", TODAY.isoformat())
    note = as_json(cli("draft", "follow-up", "Bo Chen", "--event", str(event_id), *today, "--json"))
    assert note["subject"] == "Good to meet you at Hour of Power, Bo"
    assert "It was good to meet you at Hour of Power on 2026-12-10." in note["body"]
    assert "I offer bookkeeping, which you need (help with VAT)." in note["body"]
    plain = cli("draft", "follow-up", "Bo Chen", "--event", str(event_id), *today)
    assert plain.exit_code == 0
    assert plain.stdout.startswith("Subject: Good to meet you at Hour of Power, Bo\n\nHi Bo,")


@pytest.mark.parametrize(
    ("name", "event", "message"),
    [
        ("Bo Chen", "999", "Error: no event 999 among the events you were on the list of"),
        ("Di Ezra", "{id}", "Error: no one named 'Di Ezra' among your contacts"),
        ("Ed Fox", "{id}", "Error: Ed Fox did not sit with you at Hour of Power (2026-12-10)"),
    ],
)
def test_mistakes_exit_2_with_one_line(
    cli: Invoke, event_id: int, name: str, event: str, message: str
) -> None:
    if name == "Ed Fox":  # a contact, due at Mia's table only in a round not held yet
        assert cli("contacts", "add", "Ed Fox", "--company", "Fox Ltd").exit_code == 0
    result = cli("draft", "follow-up", name, "--event", event.format(id=event_id))
    assert result.exit_code == 2
    assert result.output.startswith(message), result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_member_template_can_use_the_event(cli: Invoke, event_id: int, tmp_path: Path) -> None:
    templates = tmp_path / "data" / "templates"
    templates.mkdir(parents=True)
    (templates / "follow-up.txt").write_text(
        "Subject: {{ event }}\nSee you at the next {{ event }}, {{ first_name }}"
        " ({{ event_date }}, {{ event_place }}).",
        encoding="utf-8",
    )
    note = as_json(cli("draft", "follow-up", "Cy Diaz", "--event", str(event_id), "--json"))
    assert (note["subject"], note["body"]) == (
        "Hour of Power",
        "See you at the next Hour of Power, Cy (2026-12-10, Leeds).",
    )
