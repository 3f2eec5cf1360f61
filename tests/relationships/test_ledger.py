"""Give-first ledger: counting by direction, referrals and introductions apart, and nudges."""

from __future__ import annotations

from datetime import date, timedelta

from mutuals.relationships.interactions import Interaction
from mutuals.relationships.ledger import (
    Ledger,
    NudgeRules,
    ledger_nudge,
    ledger_nudges,
    ledgers,
    overall,
    tally,
)

TODAY = date(2026, 11, 26)


def row(cid: int, direction: str, *kinds: str, days: int = 5) -> Interaction:
    return Interaction(cid, TODAY - timedelta(days=days), "email", direction, kinds)  # type: ignore[arg-type]


def test_tally_counts_directions_with_mutual_on_both_sides() -> None:
    ledger = tally(
        [
            row(1, "gave", "advice"),
            row(1, "gave", "referral"),
            row(1, "received", "introduction", "idea"),
            row(1, "mutual", "referral"),
        ]
    )
    assert ledger == Ledger(
        given=3,
        received=2,
        mutual=1,
        referrals_given=2,
        referrals_received=1,
        introductions_given=0,
        introductions_received=1,
    )
    assert ledger.balance == 1


def test_ledgers_per_contact_respect_dates_and_overall_sums() -> None:
    rows = [
        row(1, "gave"),
        row(1, "received", days=400),
        row(2, "received"),
        row(2, "received", days=-3),
    ]
    per = ledgers(rows, today=TODAY)
    assert per[1] == Ledger(given=1, received=1)
    assert per[2] == Ledger(received=1)
    recent = ledgers(rows, today=TODAY, since=TODAY - timedelta(days=365))
    assert recent[1] == Ledger(given=1)
    assert overall(per.values()) == Ledger(given=1, received=2)


def test_nudge_when_receiving_outweighs_giving() -> None:
    assert ledger_nudge(1, Ledger(given=1, received=2)) is None
    nudge = ledger_nudge(1, Ledger(given=1, received=3))
    assert nudge is not None and nudge.owed == 2
    assert "received 3, gave 1" in nudge.reason
    assert ledger_nudge(1, Ledger(given=1, received=2), NudgeRules(min_gap=1)) is not None


def test_an_unreturned_referral_or_introduction_nudges_on_its_own() -> None:
    nudge = ledger_nudge(1, Ledger(given=5, received=1, referrals_received=1))
    assert nudge is not None and nudge.referrals_owed == 1 and nudge.owed == 0
    intro = ledger_nudge(1, Ledger(given=5, received=2, introductions_received=2))
    assert intro is not None and "2 introductions" in intro.reason
    balanced = Ledger(given=2, received=2, referrals_given=1, referrals_received=1)
    assert ledger_nudge(1, balanced) is None


def test_nudges_put_the_biggest_debt_first() -> None:
    per = {
        1: Ledger(given=0, received=3),
        2: Ledger(given=0, received=5),
        3: Ledger(given=4, received=1, referrals_received=1),
        4: Ledger(given=4, received=4),
    }
    assert [n.contact_id for n in ledger_nudges(per)] == [3, 2, 1]
