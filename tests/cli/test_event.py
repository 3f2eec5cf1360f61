"""``mutuals event`` and ``mutuals events``: the evening from the command line, in its exact forms.

Every test here takes only the ``cli`` runner, so tests/cli/test_on_postgres.py runs them again
on PostgreSQL.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from tests.cli.conftest import Invoke, as_json

REPO = Path(__file__).resolve().parents[2]
ATTENDEES = REPO / "examples" / "attendees.csv"
INVALID = REPO / "tests" / "io" / "fixtures" / "profile_invalid.csv"
SIX = ["Priya Shah", "Tom Becker", "Ruth Cohen", "Marco Rossi", "Aiko Tanaka", "Chidi Okafor"]


def _event(cli: Invoke, *extra: str) -> int:
    created = as_json(
        cli(
            "event", "create", "Hour of Power", "--on", "2026-12-10 18:30",
            "--place", "The Hub, Leeds", "--rounds", "3", "--minutes", "7", "--break", "1",
            *extra, "--json",
        )
    )  # fmt: skip
    event_id: int = created["id"]
    return event_id


def _ready(cli: Invoke) -> int:
    event_id = _event(cli)
    assert cli("event", "attendees", "import", str(event_id), str(ATTENDEES)).exit_code == 0
    result = cli("event", "checkin", "Hour of Power", *SIX)
    assert result.exit_code == 0, result.output
    return event_id


def test_create_prints_the_id_and_the_directory_lists_it(cli: Invoke) -> None:
    event_id = _event(cli, "--table-size", "3")
    assert isinstance(event_id, int)
    listed = as_json(cli("events", "--near", "leeds", "--from", "2026-12-01", "--json"))
    assert [(e["id"], e["name"], e["table_size"]) for e in listed] == [
        (event_id, "Hour of Power", 3)
    ]
    assert as_json(cli("events", "--near", "york", "--json")) == []
    bad = cli("event", "create", "X", "--on", "10/12/2026", "--place", "Leeds")
    assert bad.exit_code == 2 and "YYYY-MM-DD HH:MM" in bad.output


def test_a_bad_attendee_file_names_its_line_and_field_and_writes_nothing(cli: Invoke) -> None:
    event_id = _event(cli)
    result = cli("event", "attendees", "import", str(event_id), str(INVALID))
    assert result.exit_code == 2
    assert "profile_invalid.csv:4: field 'email'" in result.output
    assert "Traceback" not in result.output
    assert as_json(cli("event", "attendees", "list", str(event_id), "--json")) == []
    done = as_json(cli("event", "attendees", "import", str(event_id), str(ATTENDEES), "--json"))
    assert done == {"added": 12, "updated": 0, "attendees": 12}


def test_plan_json_has_rounds_of_tables_of_names_and_stats(cli: Invoke) -> None:
    event_id = _ready(cli)
    for weights in ("mutual", "none"):
        plan = as_json(cli("event", "plan", str(event_id), "--weights", weights, "--json"))
        assert set(plan) == {"rounds", "byes", "stats"}
        assert len(plan["rounds"]) == 3
        for tables in plan["rounds"]:
            assert sorted(n for t in tables for n in t) == sorted(SIX)
        assert plan["stats"]["repeats"] == 0
    assert plan["stats"]["weight_share"] is None
    # With people at the door: a time limit still gives a whole plan, with no repeat.
    quick = as_json(cli("event", "plan", str(event_id), "--budget", "0", "--json"))
    assert len(quick["rounds"]) == 3 and quick["stats"]["repeats"] == 0
    refused = cli("event", "plan", str(event_id), "--budget", "-1")
    assert refused.exit_code == 2 and "--budget must be a number of seconds" in refused.output


def test_ambiguous_and_unknown_names_are_errors_that_help(cli: Invoke) -> None:
    event_id = _ready(cli)
    result = cli("event", "checkin", str(event_id), "ma")
    assert result.exit_code == 2
    assert "matches" in result.output and "#" in result.output and "Use the id" in result.output
    result = cli("event", "checkin", str(event_id), "Nobody Here")
    assert result.exit_code == 2 and "no attendee named 'Nobody Here'" in result.output
    assert cli("event", "start", "No Such Event").exit_code == 2


def test_the_whole_evening(cli: Invoke) -> None:
    event_id = _ready(cli)
    assert cli("event", "start", str(event_id)).exit_code == 2  # no plan yet
    plan = as_json(cli("event", "plan", str(event_id), "--json"))
    first, second = plan["rounds"][0][0]
    result = cli("event", "start", str(event_id))
    assert result.exit_code == 0 and "Round 1 of 3" in result.output
    assert cli("event", "late", str(event_id), "Lena Vogel").exit_code == 0
    assert cli("event", "pause", str(event_id)).exit_code == 0
    assert cli("event", "next", str(event_id)).exit_code == 0
    assert cli("event", "leave", str(event_id), "Chidi Okafor").exit_code == 0
    again = cli("event", "plan", str(event_id))
    assert again.exit_code == 2 and "has started" in again.output
    listed = as_json(cli("event", "attendees", "list", str(event_id), "--json"))
    people = {a["name"]: a["status"] for a in listed}
    assert people["Lena Vogel"] == "checked_in" and people["Chidi Okafor"] == "left"
    result = cli("event", "pick", str(event_id), "--by", first, "--yes", second)
    assert result.exit_code == 0, result.output
    assert as_json(cli("event", "matches", str(event_id), "--json")) == []
    result = cli("event", "pick", str(event_id), "--by", second, "--yes", first)
    assert "mutual now with" in result.output
    found = as_json(cli("event", "matches", str(event_id), "--json"))
    assert len(found) == 1
    assert {p["name"] for p in found[0]["people"]} == {first, second}
    assert all("@example.com" in p["email"] for p in found[0]["people"])
    assert cli("event", "end", str(event_id)).exit_code == 0
    stats = as_json(cli("event", "stats", str(event_id), "--json"))
    assert (stats["attended"], stats["matches"], stats["late"], stats["left_early"]) == (7, 1, 1, 1)


def test_links_printouts_and_calendar(cli: Invoke) -> None:
    event_id = _ready(cli)
    assert cli("event", "print", str(event_id), "--what", "sheets", "x.pdf").exit_code == 2
    assert cli("event", "plan", str(event_id), "--weights", "none").exit_code == 0
    link = cli("event", "link", str(event_id), "Priya Shah")
    assert link.exit_code == 0 and link.stdout.startswith("/e/") and len(link.stdout.strip()) > 20
    with tempfile.TemporaryDirectory() as folder:
        for what in ("sheets", "itineraries", "badges", "cards"):
            path = Path(folder) / f"{what}.pdf"
            result = cli("event", "print", str(event_id), "--what", what, str(path))
            assert result.exit_code == 0, result.output
            assert path.read_bytes().startswith(b"%PDF")
        ics = Path(folder) / "event.ics"
        assert cli("event", "ics", str(event_id), str(ics)).exit_code == 0
        text = ics.read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in text and "SUMMARY:Hour of Power" in text
    assert "DTSTART:20261210T183000Z" in text and "LOCATION:The Hub\\, Leeds" in text
    assert json.loads(cli("events", "--json").stdout)[0]["id"] == event_id


def test_cancel_before_the_start_and_send_matches_without_mail(cli: Invoke) -> None:
    event_id = _ready(cli)
    # Lena Vogel is on the list but not checked in: she may still give her place up.
    done = as_json(cli("event", "cancel", str(event_id), "Lena Vogel", "--json"))
    assert done == {"cancelled": "Lena Vogel", "promoted": None}
    refused = cli("event", "cancel", str(event_id), "Priya Shah")
    assert refused.exit_code == 2 and "checked in" in refused.output
    unknown = cli("event", "cancel", str(event_id), "Lena Vogel")
    assert unknown.exit_code != 0 and "Traceback" not in unknown.output
    no_mail = cli("event", "send-matches", str(event_id))
    assert no_mail.exit_code == 2 and "MUTUALS_SMTP_HOST" in no_mail.output
    no_mail = cli("event", "send-links", str(event_id), "--json")
    assert no_mail.exit_code == 2 and "MUTUALS_SMTP_HOST" in no_mail.output


def test_edit_and_delete(cli: Invoke) -> None:
    event_id = _event(cli)
    done = as_json(cli("event", "edit", str(event_id), "--place", "York", "--cap", "30", "--json"))
    assert (done["place"], done["capacity"], done["plan_dropped"]) == ("York", 30, False)
    bad = cli("event", "edit", str(event_id), "--rounds", "0")
    assert bad.exit_code == 2 and "rounds must be between" in bad.output
    asked = cli("event", "delete", str(event_id), input="n\n")
    assert asked.exit_code == 1
    gone = as_json(cli("event", "delete", str(event_id), "--yes", "--json"))
    assert gone == {"deleted": event_id, "name": "Hour of Power"}
    assert cli("event", "edit", str(event_id), "--place", "Leeds").exit_code == 2
