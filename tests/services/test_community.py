"""Community sharing by consent: off by default, never private fields, withdrawn at once."""

from __future__ import annotations

from datetime import date

import pytest

from mutuals.clock import FixedClock
from mutuals.services.community import (
    SharingOff,
    refresh_community_ties,
    set_sharing,
    sharing_status,
)
from mutuals.services.contacts import add_contact
from mutuals.services.context import Workspace
from mutuals.services.relationships import log_interaction
from mutuals.store.community import community_ties
from mutuals.store.models import CommunityTie

TODAY = date(2026, 12, 1)


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    ws = workspace.with_clock(FixedClock.on(TODAY))
    add_contact(
        ws,
        name="Ada Lovelace",
        emails=["ada@secret.example"],
        phones=["+44 1234"],
        company="Analytical Engines",
        position="CTO",
        linkedin_url="https://uk.linkedin.com/in/Ada-L/?trk=x",
        notes="private note",
    )
    add_contact(ws, name="Grace Hopper", company="Navy")
    log_interaction(
        ws,
        "Ada Lovelace",
        channel="meeting",
        kinds=["advice"],
        direction="mutual",
        on=TODAY,
        note="a private talk",
        today=TODAY,
    )
    return ws


def test_sharing_is_off_until_turned_on(ws: Workspace) -> None:
    assert sharing_status(ws) == {
        "sharing": False,
        "ties": 0,
        "fields": ["name", "company", "position", "linkedin_url", "strength"],
    }
    with pytest.raises(SharingOff):
        refresh_community_ties(ws)
    with ws.db.transaction() as session:
        assert community_ties(session) == []


def test_community_ties_hold_no_private_fields(ws: Workspace) -> None:
    assert set_sharing(ws, on=True)["ties"] == 2
    with ws.db.transaction() as session:
        ties = session.query(CommunityTie).order_by(CommunityTie.name).all()
        columns = set(CommunityTie.__table__.columns.keys())
        assert not columns & {"emails", "phones", "notes", "summary"}
        ada, grace = ties
        assert (ada.name, ada.company, ada.position) == (
            "Ada Lovelace",
            "Analytical Engines",
            "CTO",
        )
        assert ada.linkedin_key == "https://www.linkedin.com/in/ada-l"
        assert grace.linkedin_key is None
        # A logged meeting makes a stronger tie than a bare connection, and both are in (0, 1].
        assert 0 < grace.strength < ada.strength <= 1
        text = repr([tuple(row) for row in community_ties(session)])
    for private in ("ada@secret.example", "+44 1234", "private note", "a private talk"):
        assert private not in text


def test_turning_off_deletes_the_ties_at_once(ws: Workspace) -> None:
    set_sharing(ws, on=True)
    add_contact(ws, name="Alan Turing")
    assert refresh_community_ties(ws) == 3
    assert set_sharing(ws, on=False) == {
        "sharing": False,
        "ties": 0,
        "fields": ["name", "company", "position", "linkedin_url", "strength"],
    }
    with ws.db.transaction() as session:
        assert community_ties(session) == []
