"""Recording relationships: logging with validation, cadences, snoozes and stage moves."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from mutuals.services import relationships as service
from mutuals.services.contacts import AmbiguousContact, ContactNotFound, add_contact
from mutuals.services.context import Workspace
from mutuals.services.standing import contact_standing

TODAY = date(2026, 11, 26)


def _log(
    ws: Workspace,
    ref: str,
    on: date,
    direction: str = "mutual",
    *,
    channel: str = "call",
    kinds: tuple[str, ...] | list[str] = ("advice",),
    note: str = "",
    others: tuple[str, ...] | list[str] = (),
) -> dict[str, Any]:
    return service.log_interaction(
        ws,
        ref,
        channel=channel,
        kinds=kinds,
        direction=direction,
        on=on,
        note=note,
        others=others,
        today=TODAY,
    )


def test_log_records_an_interaction_with_everyone_involved(workspace: Workspace) -> None:
    add_contact(workspace, name="Ada Lovelace")
    add_contact(workspace, name="Grace Hopper")
    logged = _log(
        workspace,
        "Ada Lovelace",
        date(2026, 11, 20),
        "gave",
        channel="Meeting",
        kinds=["referral", "advice", "referral"],
        note="  Intro to the bank  ",
        others=["Grace"],
    )
    assert logged["channel"] == "meeting"
    assert logged["kinds"] == ["referral", "advice"]
    assert [p["name"] for p in logged["contacts"]] == ["Ada Lovelace", "Grace Hopper"]
    grace = contact_standing(workspace, "Grace Hopper", today=TODAY)
    assert grace["timeline"][0]["note"] == "Intro to the bank"
    assert grace["timeline"][0]["with"] == ["Ada Lovelace"]
    assert grace["ledger"]["referrals_given"] == 1


@pytest.mark.parametrize(
    ("field", "value", "listed"),
    [
        ("channel", "fax", "event, meeting, call, mail, email, message, linkedin, social"),
        ("direction", "sideways", "gave, received, mutual"),
        ("kinds", ["gossip"], "trust, value, idea, goal, referral, introduction"),
    ],
)
def test_bad_vocabulary_lists_the_allowed_values(
    workspace: Workspace, field: str, value: object, listed: str
) -> None:
    add_contact(workspace, name="Ada Lovelace")
    values: dict[str, object] = {"channel": "call", "direction": "gave", "kinds": ["advice"]}
    values[field] = value
    with pytest.raises(ValueError, match=listed):
        service.log_interaction(workspace, "Ada", on=TODAY, today=TODAY, **values)
    assert contact_standing(workspace, "Ada", today=TODAY)["timeline"] == []


def test_log_refuses_no_kind_a_future_date_and_unclear_names(workspace: Workspace) -> None:
    add_contact(workspace, name="Sam Smith", company="A")
    add_contact(workspace, name="Sam Smith", company="B")
    add_contact(workspace, name="Ada Lovelace")
    with pytest.raises(ValueError, match="at least one kind"):
        _log(workspace, "Ada", TODAY, kinds=[])
    with pytest.raises(ValueError, match="in the future"):
        _log(workspace, "Ada", date(2026, 11, 27))
    with pytest.raises(AmbiguousContact, match="matches 2 contacts"):
        _log(workspace, "Sam Smith", TODAY)
    with pytest.raises(ContactNotFound):
        _log(workspace, "Ada", TODAY, others=["Nobody"])
    assert contact_standing(workspace, "Ada", today=TODAY)["timeline"] == []


def test_logging_the_latest_interaction_lifts_the_snooze(workspace: Workspace) -> None:
    add_contact(workspace, name="Ada Lovelace")
    _log(workspace, "Ada", date(2026, 9, 1))
    snoozed = service.snooze(workspace, "Ada", days=10, today=TODAY)
    assert snoozed["snoozed_until"] == "2026-12-06"
    # A back-dated entry is not the follow-up the snooze put off.
    assert _log(workspace, "Ada", date(2026, 8, 1))["snooze_lifted"] == []
    assert contact_standing(workspace, "Ada", today=TODAY)["follow_up"]["snoozed_until"]
    assert _log(workspace, "Ada", date(2026, 11, 25))["snooze_lifted"] == ["Ada Lovelace"]
    assert contact_standing(workspace, "Ada", today=TODAY)["follow_up"]["snoozed_until"] is None


def test_snooze_needs_a_positive_number_of_days(workspace: Workspace) -> None:
    add_contact(workspace, name="Ada Lovelace")
    with pytest.raises(ValueError, match="at least 1"):
        service.snooze(workspace, "Ada", days=0, today=TODAY)
    assert service.snooze(workspace, "Ada", days=None, today=TODAY)["snoozed_until"] is None


def test_cadences_for_contacts_and_tags(workspace: Workspace) -> None:
    add_contact(workspace, name="Ada Lovelace", tags=["client"])
    assert service.set_contact_cadence(workspace, "Ada", every=30)["max_days"] == 45
    assert service.set_tag_cadence(workspace, " Client ", every=60, max_days=90) == {
        "tag": "client",
        "every_days": 60,
        "max_days": 90,
    }
    assert service.tag_cadences(workspace) == [{"tag": "client", "every_days": 60, "max_days": 90}]
    cadence = contact_standing(workspace, "Ada", today=TODAY)["follow_up"]["cadence"]
    assert cadence == {"every_days": 30, "max_days": 45, "source": "contact"}
    service.set_contact_cadence(workspace, "Ada", every=None)
    cadence = contact_standing(workspace, "Ada", today=TODAY)["follow_up"]["cadence"]
    assert cadence["source"] == "tag:client"
    service.set_tag_cadence(workspace, "client", every=None)
    assert service.tag_cadences(workspace) == []
    with pytest.raises(ValueError, match="at least --every"):
        service.set_contact_cadence(workspace, "Ada", every=30, max_days=10)
    with pytest.raises(ValueError, match="at least 1 day"):
        service.set_tag_cadence(workspace, "client", every=0)


def test_stage_moves_are_confirmed_by_the_member(workspace: Workspace) -> None:
    add_contact(workspace, name="Ada Lovelace")
    _log(workspace, "Ada", date(2026, 11, 1), "gave", kinds=["referral"])
    shown = contact_standing(workspace, "Ada", today=TODAY)
    assert shown["stage"] == "connected"
    assert shown["stage_suggestion"]["suggested"] == "referral-partner"
    moved = service.accept_stage_suggestion(workspace, "Ada", today=TODAY)
    assert moved["stage"] == "referral-partner"
    assert moved["stage_history"] == [
        {"stage": "referral-partner", "on": "2026-11-26", "note": "a referral was exchanged"}
    ]
    with pytest.raises(ValueError, match="no stage move is suggested"):
        service.accept_stage_suggestion(workspace, "Ada", today=TODAY)
    with pytest.raises(ValueError, match="prospect, connected, relationship"):
        service.set_stage(workspace, "Ada", "best friend", on=TODAY)
    assert service.set_stage(workspace, "Ada", "Dormant", on=TODAY)["stage"] == "dormant"


def test_values_too_large_for_dates_are_refused_and_due_keeps_working(
    workspace: Workspace,
) -> None:
    from mutuals.services.standing import due_list

    add_contact(workspace, name="Ada Lovelace")
    with pytest.raises(ValueError, match="at most 3650"):
        service.set_contact_cadence(workspace, "Ada", every=99_999_999_999)
    with pytest.raises(ValueError, match="at most 7300"):
        service.set_tag_cadence(workspace, "client", every=30, max_days=99_999_999_999)
    with pytest.raises(ValueError, match="at most 3650"):
        service.snooze(workspace, "Ada", days=99_999_999_999, today=TODAY)
    with pytest.raises(ValueError, match="out of range"):
        _log(workspace, "Ada", date(1, 1, 1))
    with pytest.raises(ValueError, match="out of range"):
        service.set_stage(workspace, "Ada", "relationship", on=date(1, 1, 1))
    service.set_contact_cadence(workspace, "Ada", every=3650)
    assert due_list(workspace, today=TODAY) == []
