"""``mutuals log``, ``cadence``, ``snooze``, ``due``, ``digest``, ``stage``, ``contacts show`` and
``export ics`` in the exact forms scripts rely on."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Invoke, as_json


def _people(cli: Invoke) -> None:
    for name in ("Ada Lovelace", "Grace Hopper"):
        assert cli("contacts", "add", name, "--tag", "client").exit_code == 0


def test_log_judges_the_stage_as_of_its_today(cli: Invoke) -> None:
    _people(cli)
    args = ("log", "Ada Lovelace", "--channel", "call", "--kind", "referral", "--direction", "gave",
            "--on", "2026-09-01")  # fmt: skip
    soon = cli(*args, "--today", "2026-09-02")
    assert "Suggested stage for Ada Lovelace: referral-partner" in soon.output, soon.output
    months_later = cli(*args, "--today", "2027-06-01")
    assert "dormant (no interaction for 273 days)" in months_later.output, months_later.output


def test_records_written_with_today_carry_that_day(cli: Invoke) -> None:
    _people(cli)
    shown = as_json(cli("contacts", "show", "Ada Lovelace", "--today", "2031-02-28", "--json"))
    # Added under the tests' pinned clock (2026-11-26), so that is its creation day.
    assert shown["created_at"].startswith("2026-11-26")
    cli("snooze", "Ada Lovelace", "--days", "7", "--today", "2031-02-28")
    again = as_json(cli("contacts", "show", "Ada Lovelace", "--today", "2031-02-28", "--json"))
    assert again["updated_at"].startswith("2031-02-28")


def test_log_then_due_then_show(cli: Invoke) -> None:
    _people(cli)
    logged = cli(
        "log", "Ada Lovelace", "--channel", "call", "--kind", "advice", "--kind", "referral",
        "--direction", "gave", "--on", "2026-09-01", "--note", "Pricing",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.output
    assert "Logged call with Ada Lovelace on 2026-09-01" in logged.output
    assert "Suggested stage for Ada Lovelace: referral-partner" in logged.output
    assert cli(
        "log", "Grace Hopper", "--channel", "meeting", "--kind", "idea",
        "--direction", "mutual", "--on", "2026-11-20",
    ).exit_code == 0  # fmt: skip
    assert cli("cadence", "Ada Lovelace", "--every", "30", "--max", "45").exit_code == 0
    assert cli("cadence", "--tag", "client", "--every", "60").exit_code == 0

    due = as_json(cli("due", "--today", "2026-11-26", "--json"))
    assert [(r["name"], r["status"], r["days_since"]) for r in due] == [
        ("Ada Lovelace", "overdue", 86)
    ]
    assert {"name", "status", "days_since", "strength"} <= set(due[0])
    assert isinstance(due[0]["strength"], float)

    shown = as_json(cli("contacts", "show", "Ada Lovelace", "--today", "2026-11-26", "--json"))
    for key in ("strength", "band", "stage", "given", "received", "timeline"):
        assert key in shown
    assert (shown["given"], shown["received"]) == (1, 0)
    assert shown["timeline"][0]["kinds"] == ["advice", "referral"]
    assert shown["timeline"][0]["note"] == "Pricing"
    plain = cli("contacts", "show", "Ada Lovelace", "--today", "2026-11-26")
    assert "Strength" in plain.output and "Given / received" in plain.output
    assert "Pricing" in plain.output


def _met_ada_in_september(cli: Invoke) -> None:
    logged = cli(
        "log", "Ada", "--channel", "email", "--kind", "value", "--direction", "mutual",
        "--on", "2026-09-01",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.output


def test_snooze_hides_a_due_contact(cli: Invoke) -> None:
    _people(cli)
    _met_ada_in_september(cli)
    cli("cadence", "Ada Lovelace", "--every", "30")
    assert as_json(cli("due", "--today", "2026-11-26", "--json"))[0]["status"] == "overdue"
    snoozed = cli("snooze", "Ada Lovelace", "--days", "7", "--today", "2026-11-26")
    assert snoozed.exit_code == 0 and "until 2026-12-03" in snoozed.output
    assert as_json(cli("due", "--today", "2026-11-26", "--json")) == []
    assert [r["name"] for r in as_json(cli("due", "--today", "2026-12-03", "--json"))] == [
        "Ada Lovelace"
    ]
    assert "Nobody is due on 2026-11-26" in cli("due", "--today", "2026-11-26").output


def test_ambiguous_name_is_an_error_that_lists_the_matches(cli: Invoke) -> None:
    cli("contacts", "add", "Sam Smith", "--company", "A")
    cli("contacts", "add", "Sam Smith", "--company", "B")
    result = cli(
        "log", "Sam Smith", "--channel", "call", "--kind", "advice", "--direction", "gave",
        "--on", "2026-11-01",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "matches 2 contacts" in result.output
    assert "#1 Sam Smith (A)" in result.output and "#2 Sam Smith (B)" in result.output
    assert "Traceback" not in result.output


def test_bad_values_exit_2_with_a_clear_message(cli: Invoke) -> None:
    _people(cli)
    cases = [
        (("log", "Ada", "--channel", "fax", "--kind", "advice", "--direction", "gave"),
         "choose one of: event, meeting"),
        (("log", "Ada", "--channel", "call", "--kind", "gossip", "--direction", "gave"),
         "unknown kind 'gossip'"),
        (("log", "Ada", "--channel", "call", "--kind", "advice", "--direction", "up"),
         "gave, received, mutual"),
        (("log", "Ada", "--channel", "call", "--kind", "advice", "--direction", "gave",
          "--on", "2026-02-30"), "is not a date"),
        (("due", "--today", "yesterday"), "is not a date"),
        (("cadence", "Ada", "--every", "30", "--max", "10"), "at least --every"),
        (("cadence", "Ada"), "--every"),
        (("snooze", "Ada", "--days", "0"), "at least 1"),
        (("stage", "Ada", "--set", "bff"), "prospect, connected"),
        (("contacts", "show", "Ada", "--today", "2026-13-01"), "is not a date"),
    ]  # fmt: skip
    for args, message in cases:
        result = cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output, (args, result.output)
        assert "Traceback" not in result.output


def test_stage_shows_suggestion_and_member_confirms(cli: Invoke) -> None:
    _people(cli)
    for day in ("2026-10-01", "2026-11-01"):
        cli(
            "log", "Grace", "--channel", "meeting", "--kind", "idea", "--direction", "mutual",
            "--on", day,
        )  # fmt: skip
    seen = as_json(cli("stage", "Grace", "--today", "2026-11-26", "--json"))
    assert seen["stage"] == "connected"
    assert seen["stage_suggestion"]["suggested"] == "relationship"
    moved = as_json(cli("stage", "Grace", "--accept", "--today", "2026-11-26", "--json"))
    assert moved["stage"] == "relationship"
    assert moved["stage_history"][0]["on"] == "2026-11-26"
    assert moved["stage_suggestion"] is None
    # A back-dated move joins the history without overriding the later one.
    back = as_json(cli("stage", "Grace", "--set", "prospect", "--on", "2026-10-02", "--json"))
    assert back["stage"] == "relationship"
    assert [h["stage"] for h in back["stage_history"]] == ["prospect", "relationship"]


def test_digest_lists_follow_ups_and_nudges(cli: Invoke) -> None:
    _people(cli)
    cli(
        "log", "Grace", "--channel", "call", "--kind", "introduction", "--direction", "received",
        "--on", "2026-11-20",
    )  # fmt: skip
    _met_ada_in_september(cli)
    cli("cadence", "Ada", "--every", "14")
    data = as_json(cli("digest", "--today", "2026-11-26", "--json"))
    assert [r["name"] for r in data["overdue"] + data["due"]] == ["Ada Lovelace"]
    assert [n["name"] for n in data["nudges"]] == ["Grace Hopper"]
    plain = cli("digest", "--today", "2026-11-26")
    assert plain.exit_code == 0
    assert "Give first" in plain.output and "introduction received" in plain.output


def test_export_ics(cli: Invoke, tmp_path: Path) -> None:
    _people(cli)
    cli("cadence", "--tag", "client", "--every", "30")
    path = tmp_path / "follow-ups.ics"
    result = cli("export", "ics", str(path), "--today", "2026-11-26")
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR")
    assert text.count("BEGIN:VEVENT") == 2
    missing = cli("export", "ics", str(tmp_path / "nope" / "x.ics"))
    assert missing.exit_code == 2


def test_dates_and_numbers_out_of_range_exit_2(cli: Invoke, tmp_path: Path) -> None:
    _people(cli)
    cases = [
        (("due", "--today", "0001-01-01"), "out of range"),
        (("digest", "--today", "9999-12-31"), "out of range"),
        (("contacts", "show", "Ada", "--today", "0001-01-01"), "out of range"),
        (("cadence", "Ada", "--every", "99999999999"), "at most 3650"),
        (("snooze", "Ada", "--days", "99999999999"), "at most 3650"),
        (("export", "ics", str(tmp_path / "f.ics"), "--within", "99999999"), "at most 366"),
    ]
    for args, message in cases:
        result = cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output, (args, result.output)
