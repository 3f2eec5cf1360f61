"""``mutuals draft``: notes within LinkedIn's limit, member templates, and --send over SMTP."""

from __future__ import annotations

from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path

import pytest

from tests.cli.conftest import Invoke, as_json
from tests.smtp_inbox import Inbox, smtp_inbox


def _setup(cli: Invoke, folder: Path) -> None:
    assert (
        cli("contacts", "add", "Bo Chen", "--company", "Acme", "--email", "bo@acme.test").exit_code
        == 0
    )
    assert cli(
        "log", "Bo Chen", "--channel", "meeting", "--kind", "idea", "--direction", "mutual",
        "--on", "2026-11-28", "--note", "coffee at the meetup", "--today", "2026-11-30",
    ).exit_code == 0  # fmt: skip
    share = folder / "bo.csv"
    share.write_text(
        "name,company,position,linkedin_url,strength\nAna Silva,Initech,CTO,,0.7\n",
        encoding="utf-8",
    )
    assert cli("import", "network", str(share), "--from", "Bo Chen").exit_code == 0


def test_drafts_on_the_command_line(cli: Invoke, tmp_path: Path) -> None:
    _setup(cli, tmp_path)
    note = as_json(cli("draft", "connect", "Ana Silva", "--max-chars", "60", "--json"))
    assert note["to"] == "Ana Silva"
    assert len(note["body"]) <= 60
    intro = as_json(cli("draft", "intro", "Ana Silva", "--via", "Bo Chen", "--json"))
    assert intro["to"] == "Bo Chen"
    assert "check whether Ana is open to it" in intro["body"]
    follow = cli("draft", "follow-up", "Bo Chen", "--today", "2026-12-01")
    assert follow.exit_code == 0
    assert "Thank you for the meeting on 2026-11-28 (coffee at the meetup)." in follow.stdout
    missing = cli("draft", "intro", "Ana Silva", "--via", "Nobody Known")
    assert missing.exit_code == 2


def test_member_template_in_the_data_folder_wins(cli: Invoke, tmp_path: Path) -> None:
    _setup(cli, tmp_path)
    templates = tmp_path / "data" / "templates"
    templates.mkdir(parents=True)
    (templates / "follow-up.txt").write_text(
        "Subject: Thanks\nCheers, {{ first_name }}.", encoding="utf-8"
    )
    result = as_json(cli("draft", "follow-up", "Bo Chen", "--json"))
    assert (result["subject"], result["body"]) == ("Thanks", "Cheers, Bo.")


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    with smtp_inbox() as inbox:
        monkeypatch.setenv("MUTUALS_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("MUTUALS_SMTP_PORT", str(inbox.port))
        monkeypatch.setenv("MUTUALS_SMTP_STARTTLS", "false")
        monkeypatch.setenv("MUTUALS_SMTP_FROM", "mia@example.test")
        yield inbox


def test_send_mails_the_draft_and_logs_it(cli: Invoke, tmp_path: Path, smtp: Inbox) -> None:
    _setup(cli, tmp_path)
    sent = as_json(
        cli(
            "draft",
            "intro",
            "Ana Silva",
            "--via",
            "Bo Chen",
            "--send",
            "--today",
            "2026-12-02",
            "--json",
        )
    )
    assert sent["sent_to"] == "bo@acme.test"
    (envelope,) = smtp.messages
    assert envelope.rcpt_tos == ["bo@acme.test"]
    message = message_from_bytes(envelope.content)
    assert message["Subject"] == "Could you introduce me to Ana Silva?"
    assert "mia@example.test" in message["From"]
    assert "check whether Ana is open to it" in message.get_payload(decode=True).decode()
    shown = as_json(cli("contacts", "show", "Bo Chen", "--today", "2026-12-02", "--json"))
    assert shown["timeline"][0]["on"] == "2026-12-02"
    assert shown["timeline"][0]["channel"] == "email"
    # Ana is no contact yet: there is no address to send a connection note to.
    refused = cli("draft", "connect", "Ana Silva", "--send")
    assert refused.exit_code == 2
    assert "not a contact yet" in refused.output


def test_send_without_a_server_is_a_clear_error(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MUTUALS_SMTP_HOST", raising=False)
    _setup(cli, tmp_path)
    result = cli("draft", "follow-up", "Bo Chen", "--send")
    assert result.exit_code == 2
    assert "MUTUALS_SMTP_HOST" in result.output
