"""``mutuals draft ... --send`` through a real SMTP server on loopback that requires STARTTLS and
a login: settings honoured, certificate checked, interaction logged, errors on one line."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.cli.conftest import Invoke, as_json
from tests.smtp_inbox import skip_under_faketime

USER, PASSWORD = "mia", "s3cret pass"


@dataclass
class _Server:
    port: int
    messages: list[Any] = field(default_factory=list)
    logins: list[tuple[str, bool]] = field(default_factory=list)
    secure_sessions: list[bool] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.secure_sessions.append(session.ssl is not None)
        self.messages.append(envelope)
        return "250 OK"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        login, password = data.login.decode(), data.password.decode()
        ok = (login, password) == (USER, PASSWORD)
        self.logins.append((login, ok))
        # handled=False: the server answers 535 itself.
        return AuthResult(success=ok, handled=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_server(authority: trustme.CA, monkeypatch: pytest.MonkeyPatch) -> Iterator[_Server]:
    """An SMTP server that refuses mail and logins before STARTTLS, with a certificate for
    127.0.0.1 signed by a test authority; the client trusts that authority only."""
    skip_under_faketime()
    cert = authority.issue_cert("127.0.0.1")
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(server_context)
    server = _Server(port=_free_port())
    controller = Controller(
        server,
        hostname="127.0.0.1",
        port=server.port,
        tls_context=server_context,
        require_starttls=True,
        authenticator=server.authenticate,
        auth_require_tls=True,
        auth_required=True,
    )
    controller.start()
    with authority.cert_pem.tempfile() as ca_file:
        monkeypatch.setenv("SSL_CERT_FILE", ca_file)
        monkeypatch.setenv("MUTUALS_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("MUTUALS_SMTP_PORT", str(server.port))
        monkeypatch.setenv("MUTUALS_SMTP_USER", USER)
        monkeypatch.setenv("MUTUALS_SMTP_PASSWORD", PASSWORD)
        monkeypatch.setenv("MUTUALS_SMTP_STARTTLS", "true")
        monkeypatch.setenv("MUTUALS_SMTP_FROM", "mia@example.test")
        try:
            yield server
        finally:
            controller.stop()


def _setup(cli: Invoke) -> None:
    added = cli("contacts", "add", "Bo Chen", "--company", "Acme", "--email", "bo@acme.test")
    assert added.exit_code == 0, added.output


def _one_line_error(result: Any) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    return str(lines[0])


def test_send_uses_starttls_and_the_login_then_logs_the_email(
    cli: Invoke, tls_server: _Server
) -> None:
    _setup(cli)
    sent = as_json(
        cli("draft", "follow-up", "Bo Chen", "--send", "--today", "2026-12-03", "--json")
    )
    assert sent["sent_to"] == "bo@acme.test"
    (envelope,) = tls_server.messages
    assert tls_server.secure_sessions == [True]
    assert tls_server.logins == [(USER, True)]
    assert envelope.mail_from == "mia@example.test"
    assert envelope.rcpt_tos == ["bo@acme.test"]
    assert message_from_bytes(envelope.content)["Subject"] == sent["subject"]
    shown = as_json(cli("contacts", "show", "Bo Chen", "--today", "2026-12-03", "--json"))
    (logged,) = shown["timeline"]
    assert (logged["on"], logged["channel"]) == ("2026-12-03", "email")


def test_a_wrong_password_is_one_line_and_nothing_is_logged(
    cli: Invoke, tls_server: _Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    _setup(cli)
    monkeypatch.setenv("MUTUALS_SMTP_PASSWORD", "wrong")
    line = _one_line_error(cli("draft", "follow-up", "Bo Chen", "--send"))
    assert f"127.0.0.1:{tls_server.port}" in line
    assert f"refused user '{USER}'" in line and "MUTUALS_SMTP_PASSWORD" in line
    # smtplib tries each mechanism the server offers (PLAIN, then LOGIN); none got in.
    assert tls_server.logins and all(who == (USER, False) for who in tls_server.logins)
    assert tls_server.messages == []
    shown = as_json(cli("contacts", "show", "Bo Chen", "--json"))
    assert shown["timeline"] == []


def test_without_starttls_the_server_refuses_and_says_so(
    cli: Invoke, tls_server: _Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    _setup(cli)
    monkeypatch.setenv("MUTUALS_SMTP_STARTTLS", "false")
    line = _one_line_error(cli("draft", "follow-up", "Bo Chen", "--send"))
    assert line == (
        f"Error: cannot send through 127.0.0.1:{tls_server.port}: the server offers no login "
        "without encryption; set MUTUALS_SMTP_STARTTLS=true"
    )
    # The password never went over the unencrypted session.
    assert tls_server.logins == [] and tls_server.messages == []


def test_an_untrusted_certificate_is_refused_before_the_login(
    cli: Invoke, tls_server: _Server, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _setup(cli)
    stranger = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(stranger))
    monkeypatch.setenv("SSL_CERT_FILE", str(stranger))
    line = _one_line_error(cli("draft", "follow-up", "Bo Chen", "--send"))
    assert "certificate is not trusted" in line
    assert tls_server.logins == [] and tls_server.messages == []


def test_a_refused_connection_is_one_line(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    _setup(cli)
    port = _free_port()  # nothing listens there
    monkeypatch.setenv("MUTUALS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MUTUALS_SMTP_PORT", str(port))
    monkeypatch.setenv("MUTUALS_SMTP_FROM", "mia@example.test")
    line = _one_line_error(cli("draft", "follow-up", "Bo Chen", "--send"))
    assert line == (
        f"Error: cannot send through 127.0.0.1:{port}: the connection was refused; "
        "check MUTUALS_SMTP_HOST and MUTUALS_SMTP_PORT"
    )
