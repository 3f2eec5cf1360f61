"""`mutuals serve` refuses to open a network without accounts beyond this machine."""

from __future__ import annotations

import pytest

from mutuals.cli.serve import is_loopback
from tests.cli.conftest import Invoke


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("example.org", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.1.2.3"])
def test_a_non_loopback_bind_without_accounts_exits_2(cli: Invoke, host: str) -> None:
    result = cli("serve", "--host", host, "--port", "1")
    assert result.exit_code == 2
    assert "has no accounts yet" in result.output
    assert "mutuals user add" in result.output
    assert "Traceback" not in result.output
