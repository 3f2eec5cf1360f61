"""Fixtures shared by the service tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.smtp_inbox import Inbox, smtp_inbox


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    """A loopback SMTP server that keeps what it is sent."""
    with smtp_inbox() as found:
        yield found
