"""`mutuals user` and `mutuals share`: accounts, tokens, invitations and sharing from the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Invoke, as_json

PASSWORD = "correct horse battery\n"


def add(cli: Invoke, email: str, name: str, *extra: str) -> None:
    result = cli("user", "add", email, "--name", name, "--password-stdin", *extra, input=PASSWORD)
    assert result.exit_code == 0, result.output


def test_add_list_role_and_password(cli: Invoke) -> None:
    assert cli("contacts", "add", "Ada Lovelace").exit_code == 0
    first = cli("user", "add", "me@example.org", "--name", "Me", "--password-stdin", input=PASSWORD)
    assert first.exit_code == 0, first.output
    assert "owns the network that was here" in first.output
    add(cli, "bea@example.org", "Bea", "--role", "organiser")
    rows = as_json(cli("user", "list", "--json"))
    assert [(r["email"], r["role"], r["contacts"]) for r in rows] == [
        ("me@example.org", "admin", 1),
        ("bea@example.org", "organiser", 0),
    ]
    assert "password" not in json.dumps(rows)
    assert cli("user", "role", "bea@example.org", "admin").exit_code == 0
    bad = cli("user", "role", "bea@example.org", "king")
    assert bad.exit_code == 2
    changed = cli("user", "password", "bea@example.org", "--password-stdin", input="new long one\n")
    assert changed.exit_code == 0 and "Password changed" in changed.output
    short = cli("user", "password", "bea@example.org", "--password-stdin", input="short\n")
    assert short.exit_code == 2 and "at least 8" in short.output
    dup = cli("user", "add", "BEA@example.org", "--name", "B", "--password-stdin", input=PASSWORD)
    assert dup.exit_code == 2 and "already has an account" in dup.output


def test_user_option_acts_on_that_network(cli: Invoke) -> None:
    add(cli, "me@example.org", "Me")
    add(cli, "bea@example.org", "Bea")
    assert cli("--user", "bea@example.org", "contacts", "add", "Bea's Friend").exit_code == 0
    mine = as_json(cli("contacts", "list", "--json"))
    beas = as_json(cli("--user", "bea@example.org", "contacts", "list", "--json"))
    assert mine == [] and [c["name"] for c in beas] == ["Bea's Friend"]
    unknown = cli("--user", "ghost@example.org", "contacts", "list")
    assert unknown.exit_code == 2 and "no account with email ghost@example.org" in unknown.output


def test_remove_asks_first_and_says_what_goes(cli: Invoke) -> None:
    add(cli, "me@example.org", "Me")
    add(cli, "bea@example.org", "Bea")
    cli("--user", "bea@example.org", "contacts", "add", "Bea's Friend")
    kept = cli("user", "remove", "bea@example.org", input="n\n")
    assert kept.exit_code == 1
    assert "deletes their whole network: 1 contacts" in kept.output
    assert "Nothing removed" in kept.output
    assert len(as_json(cli("user", "list", "--json"))) == 2
    gone = cli("user", "remove", "bea@example.org", "--yes")
    assert gone.exit_code == 0, gone.output
    assert [r["email"] for r in as_json(cli("user", "list", "--json"))] == ["me@example.org"]


def test_tokens_print_once_and_revoke(cli: Invoke) -> None:
    add(cli, "me@example.org", "Me")
    token = as_json(cli("user", "token", "me@example.org", "--label", "laptop", "--json"))
    assert list(token) == ["token"] and token["token"].startswith("mut_")
    again = cli("user", "token", "me@example.org", "--label", "laptop", "--json")
    assert again.exit_code == 2 and "already has a token labelled 'laptop'" in again.output
    assert cli("user", "revoke", "me@example.org", "--label", "laptop").exit_code == 0
    missing = cli("user", "revoke", "me@example.org", "--label", "laptop")
    assert missing.exit_code == 2


def test_invitations_print_a_link_and_can_be_turned_off(cli: Invoke) -> None:
    add(cli, "me@example.org", "Me")
    link = cli("user", "invite", "grace@example.org", "--base-url", "https://n.example.org")
    assert link.exit_code == 0
    assert link.stdout.startswith("https://n.example.org/invite/")
    assert "Invitations are off" in cli("user", "invitations", "off").output
    refused = cli("user", "invite", "alan@example.org")
    assert refused.exit_code == 2 and "invitations are off" in refused.output
    assert "Invitations are on" in cli("user", "invitations", "on").output


def test_share_on_and_off(cli: Invoke) -> None:
    cli("contacts", "add", "Ada Lovelace", "--email", "ada@secret.example")
    assert "Sharing is off" in cli("share").output
    on = as_json(cli("share", "on", "--json"))
    assert on["sharing"] is True and on["ties"] == 1
    assert as_json(cli("share", "refresh", "--json"))["ties"] == 1
    off = as_json(cli("share", "off", "--json"))
    assert off["sharing"] is False and off["ties"] == 0


def test_member_export_holds_only_own_data(cli: Invoke, tmp_path: Path) -> None:
    add(cli, "me@example.org", "Me")
    add(cli, "bea@example.org", "Bea")
    cli("contacts", "add", "Mira Mine")
    cli("--user", "bea@example.org", "contacts", "add", "Zora Beas")
    path = tmp_path / "mine.json"
    result = cli("--user", "bea@example.org", "export", "json", "--mine", str(path))
    assert result.exit_code == 0, result.output
    text = path.read_text()
    assert "Zora" in text and "Mira" not in text
    assert "me@example.org" not in text and "argon2" not in text


def test_the_demo_has_an_account_to_log_in_with(cli: Invoke) -> None:
    seeded = cli("demo", "--people", "5")
    assert seeded.exit_code == 0, seeded.output
    assert "Log in as demo@example.org with password mutuals-demo" in seeded.output
    again = cli("demo", "--people", "5")
    assert "nothing added" in again.output and "demo@example.org" in again.output
    rows = as_json(cli("user", "list", "--json"))
    assert [(r["email"], r["role"], r["contacts"]) for r in rows] == [
        ("demo@example.org", "admin", 5)
    ]
