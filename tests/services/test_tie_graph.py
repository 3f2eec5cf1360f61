"""The member's tie graph on a community server: members who share add their ties, and a tie that
was withdrawn, or never shared, is never used. Also the lazily read people of a share."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update

from mutuals.clock import FixedClock
from mutuals.domain.person_key import person_key
from mutuals.services import accounts
from mutuals.services.community import set_sharing
from mutuals.services.connecting import intro_path
from mutuals.services.contacts import ContactNotFound, add_contact
from mutuals.services.context import Workspace
from mutuals.services.suggestions import suggestions
from mutuals.services.tie_graph import load_member_graph
from mutuals.store.models import CommunityTie, Owner

TODAY = date(2026, 12, 1)
PASSWORD = "correct horse battery"


def _as(ws: Workspace, owner_id: int) -> Workspace:
    return Workspace(settings=ws.settings, db=ws.db, owner_id=owner_id).with_clock(
        FixedClock.on(TODAY)
    )


@pytest.fixture
def server(workspace: Workspace) -> dict[str, Workspace]:
    """Me, and three members: Bo shares, Di never shared, Fay shares but is not my contact."""
    me, _ = accounts.add_account(workspace, email="me@example.org", name="Me", password=PASSWORD)
    ws = {"me": _as(workspace, me.id)}
    for key, name in (("bo", "Bo Brown"), ("di", "Di Dunn"), ("fay", "Fay Fox")):
        owner, _ = accounts.add_account(
            workspace, email=f"{key}@example.org", name=name, password=PASSWORD
        )
        ws[key] = _as(workspace, owner.id)
    add_contact(ws["me"], name="Bo Brown", emails=["BO@example.org"])
    add_contact(ws["me"], name="Di Dunn", emails=["di@example.org"])
    add_contact(ws["bo"], name="Cy Chen", company="Acme", linkedin_url="linkedin.com/in/cy-chen")
    add_contact(ws["bo"], name="Gus Gray", company="Beta")
    add_contact(ws["di"], name="Ed Eng", company="Gamma")
    add_contact(ws["fay"], name="Hal Hart", company="Delta")
    set_sharing(ws["bo"], on=True)
    set_sharing(ws["fay"], on=True)
    # Di never turned sharing on; a row of theirs that lingers must still never be used.
    with workspace.db.transaction() as session:
        session.add(
            CommunityTie(
                owner_id=ws["di"].owner_id,
                contact_id=1,
                name="Ed Eng",
                company="Gamma",
                position="",
                linkedin_url="",
                linkedin_key=None,
                person_key=person_key("Ed Eng", "Gamma", ""),
                strength=0.9,
                created_at=datetime(2026, 11, 1, tzinfo=UTC),
            )
        )
    return ws


def _names(ws: Workspace) -> set[str]:
    mg = load_member_graph(ws, today=TODAY)
    return {mg.people[n].name for n in range(len(mg.people))}


def test_a_sharing_member_who_is_my_contact_adds_second_degree_ties(
    server: dict[str, Workspace],
) -> None:
    me = server["me"]
    found = intro_path(me, "Cy Chen", today=TODAY)
    assert found["paths"][0]["via"] == ["Bo Brown"]
    assert {s["name"] for s in suggestions(me, today=TODAY, interest=False)} == {
        "Cy Chen",
        "Gus Gray",
    }
    mg = load_member_graph(me, today=TODAY)
    cy = mg.people[mg.find("cy  chen")]
    assert (cy.company, cy.linkedin_url, cy.contact_id) == (
        "Acme",
        "https://www.linkedin.com/in/cy-chen",
        None,
    )


def test_a_tie_never_shared_or_of_a_stranger_is_never_used(server: dict[str, Workspace]) -> None:
    names = _names(server["me"])
    assert "Ed Eng" not in names  # Di never shared
    assert "Hal Hart" not in names  # Fay shares, but I do not know Fay
    with pytest.raises(ContactNotFound):
        intro_path(server["me"], "Ed Eng", today=TODAY)


def test_a_withdrawn_share_is_never_used(server: dict[str, Workspace]) -> None:
    set_sharing(server["bo"], on=False)
    assert "Cy Chen" not in _names(server["me"])
    assert suggestions(server["me"], today=TODAY, interest=False) == []


def test_consent_counts_even_if_rows_linger(server: dict[str, Workspace]) -> None:
    # Withdrawal deletes the rows; were any left behind, the owner's consent still decides.
    with server["me"].db.transaction() as session:
        session.execute(
            update(Owner).where(Owner.id == server["bo"].owner_id).values(shares_network=False)
        )
    assert "Cy Chen" not in _names(server["me"])
