"""``mutuals prospects``: an empty ranking explains itself instead of printing an empty table."""

from __future__ import annotations

from tests.cli.conftest import Invoke


def test_no_contacts_to_rank_says_why_and_how(cli: Invoke) -> None:
    assert cli("profile", "set", "--offer", "bookkeeping", "--need", "a website").exit_code == 0
    result = cli("prospects", "--backend", "lexical")
    assert result.exit_code == 2
    assert "you have no contacts yet" in result.stderr
    assert "mutuals import csv" in result.stderr
    assert "Traceback" not in result.output
