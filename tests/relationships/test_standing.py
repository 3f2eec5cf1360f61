"""Standing: one call gives strength, band, stage, ledger, follow-up and stage suggestion."""

from __future__ import annotations

from datetime import date, timedelta

from mutuals.relationships.cadence import Cadence
from mutuals.relationships.contacts import ContactState
from mutuals.relationships.interactions import Interaction
from mutuals.relationships.ledger import Ledger
from mutuals.relationships.standing import (
    RelationshipSettings,
    assess,
    assess_contact,
    follow_up_value,
)
from mutuals.relationships.strength import StrengthParams, contact_strength

TODAY = date(2026, 11, 26)


def row(cid: int, days: int, direction: str = "mutual", *kinds: str) -> Interaction:
    return Interaction(cid, TODAY - timedelta(days=days), "meeting", direction, kinds)  # type: ignore[arg-type]


def test_assess_contact_gathers_everything() -> None:
    contact = ContactState(7, "Grace", cadence=Cadence(30, 45), stage="connected")
    rows = [row(7, 40, "gave"), row(7, 35, "received", "referral"), row(8, 1)]
    standing = assess_contact(contact, rows, today=TODAY)
    own = [r for r in rows if r.contact_id == 7]
    assert standing.strength == contact_strength(own, today=TODAY)
    assert standing.ledger == Ledger(given=1, received=1, referrals_received=1)
    assert (standing.follow_up.status, standing.follow_up.days_since) == ("due", 35)
    assert standing.stage_suggestion is not None
    assert standing.stage_suggestion.suggested == "referral-partner"
    assert standing.value == follow_up_value(standing.strength.score, "connected")


def test_assess_covers_contacts_without_interactions_and_ignores_the_future() -> None:
    contacts = [ContactState(1, "A"), ContactState(2, "B")]
    result = assess(contacts, [row(1, -5), row(3, 1)], today=TODAY)
    assert list(result) == [1, 2]
    assert result[1].strength.score == 0.0
    assert result[1].ledger == Ledger()
    assert result[2].follow_up.status == "none"


def test_settings_flow_through() -> None:
    contacts = [ContactState(1)]
    rows = [row(1, 200)]
    slow = RelationshipSettings(strength=StrengthParams(half_life_days=400))
    fast = RelationshipSettings(ledger_window_days=100)
    assert (
        assess(contacts, rows, today=TODAY, settings=slow)[1].strength.score
        > assess(contacts, rows, today=TODAY)[1].strength.score
    )
    assert assess(contacts, rows, today=TODAY, settings=fast)[1].ledger == Ledger()


def test_stage_raises_value_at_equal_strength() -> None:
    assert follow_up_value(40, "referral-partner") > follow_up_value(40, "relationship")
    assert follow_up_value(40, "relationship") > follow_up_value(40, "prospect")
    assert follow_up_value(40, "prospect") > follow_up_value(40, "dormant")
