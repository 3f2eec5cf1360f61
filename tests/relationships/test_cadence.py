"""Cadence settings: defaults for the maximum, validation, and contact-over-tag precedence."""

from __future__ import annotations

import pytest

from mutuals.relationships.cadence import Cadence, resolve_cadence


def test_every_defaults_max_to_half_again() -> None:
    assert Cadence.every(30) == Cadence(30, 45)
    assert Cadence.every(30, 60) == Cadence(30, 60)
    assert Cadence.every(1) == Cadence(1, 1)


def test_invalid_cadences_are_rejected() -> None:
    with pytest.raises(ValueError):
        Cadence(0, 10)
    with pytest.raises(ValueError):
        Cadence(30, 20)


def test_contact_cadence_wins_over_tag() -> None:
    resolved = resolve_cadence(Cadence(90, 120), ["clients"], {"clients": Cadence(30, 45)})
    assert resolved is not None
    assert resolved.cadence == Cadence(90, 120)
    assert resolved.source == "contact"


def test_tag_cadence_applies_case_insensitively() -> None:
    resolved = resolve_cadence(None, ["Clients"], {"clients ": Cadence(30, 45)})
    assert resolved is not None
    assert resolved.cadence == Cadence(30, 45)
    assert resolved.source == "tag:clients"


def test_several_tags_give_the_tightest() -> None:
    tags = {"clients": Cadence(30, 90), "investors": Cadence(45, 60), "friends": Cadence(7, 14)}
    resolved = resolve_cadence(None, ["investors", "clients"], tags)
    assert resolved is not None
    assert resolved.cadence == Cadence(30, 60)
    assert resolved.source == "tag:clients,tag:investors"


def test_no_cadence_without_setting_or_matching_tag() -> None:
    assert resolve_cadence(None, ["press"], {"clients": Cadence(30, 45)}) is None
    assert resolve_cadence(None, [], {}) is None
