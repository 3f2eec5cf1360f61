"""Digest: due and overdue ordered by value, cooling strong bonds, nudges and stage moves."""

from __future__ import annotations

from datetime import date, timedelta

from mutuals.relationships.cadence import Cadence
from mutuals.relationships.contacts import ContactState
from mutuals.relationships.digest import build_digest
from mutuals.relationships.interactions import Interaction

TODAY = date(2026, 11, 26)
MONTHLY = Cadence(30, 45)


def row(
    cid: int, days: int, direction: str = "mutual", *kinds: str, channel: str = "meeting"
) -> Interaction:
    return Interaction(cid, TODAY - timedelta(days=days), channel, direction, kinds)  # type: ignore[arg-type]


def weekly_until(cid: int, days_ago: int) -> list[Interaction]:
    return [row(cid, days_ago + 7 * k) for k in range(40)]


def test_follow_ups_are_split_by_urgency_and_ordered_by_value() -> None:
    contacts = [
        ContactState(1, "Weak overdue", cadence=MONTHLY, stage="connected"),
        ContactState(2, "Strong overdue", cadence=MONTHLY, stage="relationship"),
        ContactState(3, "Due partner", cadence=MONTHLY, stage="referral-partner"),
        ContactState(4, "Due prospect", cadence=MONTHLY, stage="prospect"),
        ContactState(5, "Fine", cadence=MONTHLY),
        ContactState(6, "Snoozed", cadence=MONTHLY, snoozed_until=TODAY + timedelta(days=3)),
        ContactState(7, "No cadence"),
    ]
    rows = [
        row(1, 50, "gave", channel="email"),
        *weekly_until(2, 50),
        row(3, 35),
        row(4, 35),
        row(5, 3),
        row(6, 60),
        row(7, 400),
    ]
    digest = build_digest(contacts, rows, today=TODAY)
    assert [f.name for f in digest.overdue] == ["Strong overdue", "Weak overdue"]
    assert [f.name for f in digest.due] == ["Due partner", "Due prospect"]
    assert [f.contact_id for f in digest.follow_ups] == [2, 1, 3, 4]
    first = digest.overdue[0]
    assert (first.status, first.days_since, first.stage) == ("overdue", 50, "relationship")
    assert first.strength > digest.overdue[1].strength


def test_tag_cadences_reach_the_digest() -> None:
    contacts = [ContactState(1, "Client", tags=("clients",))]
    digest = build_digest(
        contacts, [row(1, 10)], today=TODAY, tag_cadences={"clients": Cadence(7, 14)}
    )
    assert [(f.name, f.status) for f in digest.due] == [("Client", "due")]


def test_cooling_lists_strong_relationships_that_fell() -> None:
    contacts = [
        ContactState(1, "Went quiet", stage="relationship"),
        ContactState(2, "Still close", stage="relationship"),
        ContactState(3, "Never strong"),
        ContactState(4, "Accepted dormant", stage="dormant"),
    ]
    rows = [*weekly_until(1, 65), *weekly_until(2, 2), row(3, 70), *weekly_until(4, 65)]
    digest = build_digest(contacts, rows, today=TODAY)
    assert [c.name for c in digest.cooling] == ["Went quiet"]
    assert digest.cooling[0].drop >= 15
    assert digest.cooling[0].previous >= 70


def test_nudges_and_overall_balance() -> None:
    contacts = [ContactState(1, "Helper"), ContactState(2, "Balanced")]
    rows = [
        row(1, 5, "received", "referral"),
        row(1, 9, "received", "advice"),
        row(2, 5, "gave"),
        row(2, 6, "received"),
    ]
    digest = build_digest(contacts, rows, today=TODAY)
    assert [n.name for n in digest.nudges] == ["Helper"]
    assert digest.nudges[0].referrals_owed == 1
    assert (digest.overall.given, digest.overall.received) == (1, 3)
    assert digest.leans_receiving


def test_stage_moves_are_suggested_not_applied() -> None:
    contacts = [ContactState(1, "Partner", stage="relationship")]
    digest = build_digest(contacts, [row(1, 5, "gave", "referral")], today=TODAY)
    assert [(m.current, m.suggested) for m in digest.stage_moves] == [
        ("relationship", "referral-partner")
    ]


def test_empty_network_gives_an_empty_digest() -> None:
    digest = build_digest([], [], today=TODAY)
    assert digest.follow_ups == () and digest.cooling == () and digest.nudges == ()
    assert not digest.leans_receiving
