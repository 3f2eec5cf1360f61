"""``mutuals contacts``: add, list, search, show, edit, tag, with JSON output."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutuals.cli.app import app
from tests.cli.conftest import Invoke, as_json
from tests.cli.runner import CliRunner


def test_add_list_show_edit_tag(cli: Invoke) -> None:
    added = as_json(
        cli(
            "contacts",
            "add",
            "Ada Lovelace",
            "--email",
            "ada@example.org",
            "--company",
            "Analytical",
            "--tag",
            "Mentor",
            "--json",
        )
    )
    assert added["name"] == "Ada Lovelace"
    assert added["tags"] == ["mentor"]
    cli("contacts", "add", "Grace Hopper", "--company", "Navy")

    listed = as_json(cli("contacts", "list", "--json"))
    assert [c["name"] for c in listed] == ["Grace Hopper", "Ada Lovelace"]
    searched = as_json(cli("contacts", "list", "--search", "analytical", "--json"))
    assert [c["name"] for c in searched] == ["Ada Lovelace"]
    tagged = as_json(cli("contacts", "list", "--tag", "mentor", "--json"))
    assert [c["id"] for c in tagged] == [added["id"]]

    shown = as_json(cli("contacts", "show", "ada lovelace", "--json"))
    assert shown["emails"] == ["ada@example.org"]
    assert as_json(cli("contacts", "show", str(added["id"]), "--json"))["name"] == "Ada Lovelace"

    edited = as_json(cli("contacts", "edit", "Ada Lovelace", "--position", "Countess", "--json"))
    assert edited["position"] == "Countess"
    assert edited["company"] == "Analytical"

    retagged = as_json(cli("contacts", "tag", "Ada", "client", "--remove", "mentor", "--json"))
    assert retagged["tags"] == ["client"]


def test_plain_output_is_readable(cli: Invoke) -> None:
    cli("contacts", "add", "Ada Lovelace", "--company", "Analytical")
    result = cli("contacts", "list")
    assert result.exit_code == 0
    assert "Ada Lovelace" in result.output
    assert "1 contacts" in result.output


def test_unknown_and_ambiguous_names_are_clear_errors(cli: Invoke) -> None:
    missing = cli("contacts", "show", "Nobody Here")
    assert missing.exit_code == 2
    assert "no contact named 'Nobody Here'" in missing.output
    assert "Traceback" not in missing.output

    cli("contacts", "add", "Sam Smith", "--company", "A")
    cli("contacts", "add", "Sam Smith", "--company", "B")
    ambiguous = cli("contacts", "show", "Sam Smith")
    assert ambiguous.exit_code == 2
    assert "matches 2 contacts" in ambiguous.output
    assert "(A)" in ambiguous.output and "(B)" in ambiguous.output


def test_info_names_the_database(cli: Invoke) -> None:
    info = as_json(cli("info", "--json"))
    assert info["database"].endswith("cli.db")
    assert info["backend"] == "sqlite"
    assert info["contacts"] == 0


def test_edit_offers_needs_interests_goals(cli: Invoke) -> None:
    cli("contacts", "add", "Tom Becker")
    edited = as_json(
        cli(
            "contacts",
            "edit",
            "Tom Becker",
            "--offer",
            "SEO audits",
            "--need",
            "payroll help",
            "--need",
            "an office",
            "--interest",
            "hiking",
            "--goal",
            "hire two people",
            "--headline",
            "SEO consultant",
            "--json",
        )
    )
    assert edited["offers"] == ["SEO audits"]
    assert edited["needs"] == ["payroll help", "an office"]
    assert edited["interests"] == ["hiking"] and edited["goals"] == ["hire two people"]
    cleared = as_json(cli("contacts", "edit", "Tom Becker", "--need", "", "--json"))
    assert cleared["needs"] == [] and cleared["offers"] == ["SEO audits"]


def test_add_warns_of_a_duplicate_and_offers_to_update(cli: Invoke) -> None:
    cli("contacts", "add", "Ada Lovelace", "--email", "ada@example.org", "--company", "AE")
    declined = cli("contacts", "add", "Ada Lovelace", "--email", "ADA@example.org", input="n\n")
    assert declined.exit_code == 1
    assert "looks like #1 Ada Lovelace (AE): same email ada@example.org" in declined.output
    assert "--force" in declined.output and "--update" in declined.output
    accepted = cli(
        "contacts",
        "add",
        "Ada Lovelace",
        "--email",
        "ada@work.example",
        "--company",
        "AE",
        input="y\n",
    )
    assert accepted.exit_code == 0, accepted.output
    assert "Updated #1 Ada Lovelace" in accepted.output
    updated = as_json(
        cli(
            "contacts", "add", "Ada Lovelace", "--company", "AE", "--tag", "x", "--update", "--json"
        )
    )
    assert updated["id"] == 1 and updated["tags"] == ["x"]
    assert updated["emails"] == ["ada@example.org", "ada@work.example"]
    # A namesake at the same company is only a likely duplicate: --force adds them anyway.
    forced = as_json(cli("contacts", "add", "Ada Lovelace", "--company", "AE", "--force", "--json"))
    assert forced["id"] == 2
    assert len(as_json(cli("contacts", "list", "--json"))) == 2
    # The same email is the same person: the store refuses a second contact with it, even forced.
    same_email = cli("contacts", "add", "Ada L", "--email", "ada@example.org", "--force")
    assert same_email.exit_code == 2
    assert "already has this first email" in same_email.output


def test_delete_asks_first(cli: Invoke) -> None:
    cli("contacts", "add", "Ada Lovelace")
    kept = cli("contacts", "delete", "Ada Lovelace", input="n\n")
    assert kept.exit_code == 1 and "Nothing deleted." in kept.output
    gone = cli("contacts", "delete", "Ada", input="y\n")
    assert gone.exit_code == 0, gone.output
    assert "Deleted #1 Ada Lovelace" in gone.output
    assert as_json(cli("contacts", "list", "--json")) == []
    cli("contacts", "add", "Grace Hopper")
    gone = as_json(cli("contacts", "delete", "Grace Hopper", "--yes", "--json"))
    assert gone["name"] == "Grace Hopper"
    assert cli("contacts", "delete", "Grace Hopper", "--yes").exit_code == 2


def test_merge_keeps_every_interaction(cli: Invoke) -> None:
    cli("contacts", "add", "Ada Lovelace", "--email", "ada@example.org")
    cli("contacts", "add", "Ada King", "--email", "countess@example.org", "--force")
    for who, on in (("Ada Lovelace", "2026-11-01"), ("Ada King", "2026-11-02")):
        logged = cli(
            "log", who, "--channel", "call", "--kind", "idea", "--direction", "mutual", "--on", on
        )
        assert logged.exit_code == 0, logged.output
    declined = cli("contacts", "merge", "1", "2", input="n\n")
    assert declined.exit_code == 1 and "Nothing merged." in declined.output
    merged = as_json(cli("contacts", "merge", "1", "2", "--yes", "--json"))
    assert merged["emails"] == ["ada@example.org", "countess@example.org"]
    assert merged["interactions_moved"] == 1
    shown = as_json(cli("contacts", "show", "1", "--json", "--today", "2026-11-26"))
    assert [row["on"] for row in shown["timeline"]] == ["2026-11-02", "2026-11-01"]
    assert cli("contacts", "show", "2").exit_code == 2


def test_an_invalid_email_is_refused(cli: Invoke) -> None:
    refused = cli("contacts", "add", "Ann", "--email", "not-an-email")
    assert refused.exit_code == 2
    assert "'not-an-email' is not an email address" in refused.output
    assert "Traceback" not in refused.output


def test_info_creates_no_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "fresh"
    monkeypatch.delenv("MUTUALS_DATABASE_URL", raising=False)
    monkeypatch.setenv("MUTUALS_DATA_DIR", str(data))
    shown = as_json(CliRunner().invoke(app, ["info", "--json"]))
    assert shown["exists"] is False and shown["contacts"] == 0
    assert shown["database"].endswith("fresh/mutuals.db") and shown["backend"] == "sqlite"
    assert not (data / "mutuals.db").exists()
    other = tmp_path / "other.db"
    assert (
        as_json(CliRunner().invoke(app, ["--db", str(other), "info", "--json"]))["exists"] is False
    )
    assert not other.exists()


def test_a_first_command_on_a_new_file_creates_it_at_the_newest_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The `cli` fixture starts from a migrated copy; here the command itself must build the file.
    from mutuals.store.database import make_engine, stored_revision
    from mutuals.store.revision import head_revision

    monkeypatch.delenv("MUTUALS_DATABASE_URL", raising=False)
    monkeypatch.setenv("MUTUALS_DATA_DIR", str(tmp_path / "data"))
    db = tmp_path / "nested" / "first.db"
    result = CliRunner().invoke(app, ["--db", str(db), "contacts", "add", "Ada Lovelace"])
    assert result.exit_code == 0, result.output
    engine = make_engine(f"sqlite:///{db}")
    try:
        assert stored_revision(engine) == head_revision()
    finally:
        engine.dispose()
    listed = CliRunner().invoke(app, ["--db", str(db), "contacts", "list", "--json"])
    assert [c["name"] for c in as_json(listed)] == ["Ada Lovelace"]
