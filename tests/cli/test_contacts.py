"""``mutuals contacts``: add, list, search, show, edit, tag, with JSON output."""

from __future__ import annotations

from tests.cli.conftest import Invoke, as_json


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
