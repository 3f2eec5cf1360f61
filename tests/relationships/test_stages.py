"""Stages: dated history, and suggestions for relationship, referral partner, dormant, revival."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mutuals.relationships.interactions import Interaction
from mutuals.relationships.stages import (
    StageChange,
    StageRules,
    record_stage,
    stage_history,
    stage_on,
    suggest_stage,
    suggest_stages,
)

TODAY = date(2026, 11, 26)


def ago(
    days: int, direction: str = "mutual", kinds: tuple[str, ...] = (), cid: int = 1
) -> Interaction:
    return Interaction(cid, TODAY - timedelta(days=days), "call", direction, kinds)  # type: ignore[arg-type]


def test_history_is_dated_and_stage_on_reads_it() -> None:
    history = record_stage([], "connected", on=date(2026, 1, 5))
    history = record_stage(history, "prospect", on=date(2025, 12, 1))
    history = record_stage(history, "relationship", on=date(2026, 6, 1), note="lunch")
    assert [c.stage for c in history] == ["prospect", "connected", "relationship"]
    assert stage_on(history, date(2025, 11, 1)) == "prospect"
    assert stage_on(history, date(2026, 3, 1)) == "connected"
    assert stage_on(history, TODAY) == "relationship"
    assert history[-1] == StageChange("relationship", date(2026, 6, 1), "lunch")


def test_same_day_changes_keep_their_order() -> None:
    day = date(2026, 2, 2)
    history = stage_history([StageChange("connected", day), StageChange("relationship", day)])
    assert stage_on(history, day) == "relationship"


def test_record_stage_rejects_unknown_stage() -> None:
    with pytest.raises(ValueError):
        record_stage([], "friend", on=TODAY)  # type: ignore[arg-type]


def test_two_way_interactions_suggest_relationship() -> None:
    rows = [ago(40, "gave"), ago(30, "received"), ago(10, "mutual")]
    suggestion = suggest_stage("connected", rows, today=TODAY)
    assert suggestion is not None
    assert suggestion.suggested == "relationship"
    assert suggestion.evidence_on == TODAY - timedelta(days=10)


def test_one_way_interactions_do_not_suggest_relationship() -> None:
    rows = [ago(d, "gave") for d in (5, 10, 20, 30)]
    assert suggest_stage("connected", rows, today=TODAY) is None


def test_a_reply_suggests_connected_for_a_prospect() -> None:
    suggestion = suggest_stage("prospect", [ago(3, "received")], today=TODAY)
    assert suggestion is not None and suggestion.suggested == "connected"


@pytest.mark.parametrize("direction", ["gave", "received", "mutual"])
def test_a_referral_either_way_suggests_referral_partner(direction: str) -> None:
    rows = [ago(20, "mutual"), ago(5, direction, ("referral", "advice"))]
    suggestion = suggest_stage("relationship", rows, today=TODAY)
    assert suggestion is not None and suggestion.suggested == "referral-partner"


def test_no_downgrade_and_no_repeat() -> None:
    rows = [ago(5, "mutual"), ago(8, "mutual")]
    assert suggest_stage("referral-partner", rows, today=TODAY) is None
    assert suggest_stage("relationship", rows, today=TODAY) is None


def test_long_silence_suggests_dormant_and_contact_revives() -> None:
    old = [ago(400, "mutual"), ago(200, "mutual", ("referral",))]
    dormant = suggest_stage("referral-partner", old, today=TODAY)
    assert dormant is not None and dormant.suggested == "dormant"
    assert suggest_stage("dormant", old, today=TODAY) is None
    revived = suggest_stage("dormant", [*old, ago(2, "received")], today=TODAY)
    assert revived is not None and revived.suggested == "referral-partner"
    assert revived.evidence_on == TODAY - timedelta(days=2)


def test_rules_and_clock_are_parameters() -> None:
    rows = [ago(50, "mutual")]
    assert suggest_stage("relationship", rows, today=TODAY, rules=StageRules(dormant_after_days=30))
    assert suggest_stage("relationship", rows, today=TODAY) is None
    # Seen from before the interaction happened, there is no evidence yet.
    assert suggest_stage("prospect", rows, today=TODAY - timedelta(days=60)) is None


def test_suggest_stages_covers_listed_contacts_only() -> None:
    rows = [
        ago(3, "mutual", cid=1),
        ago(4, "mutual", cid=1),
        ago(3, "received", cid=2),
        ago(1, cid=9),
    ]
    result = suggest_stages({1: "connected", 2: "prospect", 3: "prospect"}, rows, today=TODAY)
    assert {cid: s.suggested for cid, s in result.items()} == {1: "relationship", 2: "connected"}
