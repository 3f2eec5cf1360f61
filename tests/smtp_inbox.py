"""An SMTP server on loopback (aiosmtpd) that keeps what it is sent, for tests of mail."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from mutuals.services.context import Workspace

# Nothing about sending mail depends on the date. Under libfaketime, the SMTP server's event-loop
# thread in the test process once crashed the whole run (a segmentation fault in asyncio's epoll
# calls, which libfaketime intercepts); so `make test-future` leaves these tests to `make test`.
UNDER_FAKETIME = "FAKETIME" in os.environ


def skip_under_faketime() -> None:
    """Skip a test that runs an SMTP server thread, when the run is under libfaketime."""
    if UNDER_FAKETIME:
        pytest.skip("an SMTP server thread under libfaketime can crash the run; mail is dateless")


class Inbox:
    """Every envelope the server accepted, in order."""

    def __init__(self) -> None:
        self.messages: list[Any] = []
        self.port = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 OK"

    def parsed(self) -> list[EmailMessage]:
        """The messages as parsed email (the modern API: attachments, decoded bodies)."""
        found = []
        for envelope in self.messages:
            message = message_from_bytes(envelope.content, policy=policy.default)
            assert isinstance(message, EmailMessage)
            found.append(message)
        return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def smtp_inbox() -> Iterator[Inbox]:
    """A running loopback SMTP server for the duration of the ``with``."""
    skip_under_faketime()
    inbox = Inbox()
    inbox.port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


def mailing(ws: Workspace, port: int) -> Workspace:
    """The workspace with mail configured to the loopback server on ``port``."""
    update = {
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "smtp_starttls": False,
        "smtp_from": "events@example.test",
    }
    return replace(ws, settings=ws.settings.model_copy(update=update))
