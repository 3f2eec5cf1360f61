"""Follow-ups: the clock resets on any interaction, due and overdue limits, snooze, upcoming."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutuals.domain.vocab import CHANNELS, DIRECTIONS
from mutuals.relationships.cadence import Cadence
from mutuals.relationships.contacts import ContactState
from mutuals.relationships.follow_ups import (
    follow_up_status,
    follow_ups,
    last_interactions,
    snooze_until,
    upcoming,
)
from mutuals.relationships.interactions import Interaction

TODAY = date(2026, 11, 26)
MONTHLY = ContactState(1, "Ada", cadence=Cadence(30, 45))


def status_after(days: int, contact: ContactState = MONTHLY) -> str:
    return follow_up_status(contact, TODAY - timedelta(days=days), today=TODAY).status


@pytest.mark.parametrize(
    ("days", "status"), [(0, "ok"), (29, "ok"), (30, "due"), (45, "due"), (46, "overdue")]
)
def test_due_once_ideal_passed_overdue_once_max_passed(days: int, status: str) -> None:
    assert status_after(days) == status


def test_dates_and_days_since() -> None:
    last = TODAY - timedelta(days=40)
    result = follow_up_status(MONTHLY, last, today=TODAY)
    assert result.days_since == 40
    assert result.due_on == last + timedelta(days=30)
    assert result.overdue_on == last + timedelta(days=46)
    assert result.action_on == TODAY
    assert result.is_due


def test_tag_cadence_drives_status_and_contact_setting_wins() -> None:
    tags = {"clients": Cadence(7, 14)}
    tagged = ContactState(2, tags=("clients",))
    assert (
        follow_up_status(tagged, TODAY - timedelta(days=10), today=TODAY, tag_cadences=tags).status
        == "due"
    )
    own = ContactState(2, tags=("clients",), cadence=Cadence(60, 90))
    result = follow_up_status(own, TODAY - timedelta(days=10), today=TODAY, tag_cadences=tags)
    assert (result.status, result.cadence_source) == ("ok", "contact")


def test_without_cadence_status_is_none() -> None:
    result = follow_up_status(ContactState(3), TODAY - timedelta(days=400), today=TODAY)
    assert result.status == "none"
    assert result.days_since == 400
    assert not result.is_due


def test_never_contacted_counts_from_added_on_or_is_due_now() -> None:
    added = ContactState(4, cadence=Cadence(30, 45), added_on=TODAY - timedelta(days=10))
    assert follow_up_status(added, None, today=TODAY).status == "ok"
    unknown = ContactState(4, cadence=Cadence(30, 45))
    result = follow_up_status(unknown, None, today=TODAY)
    assert (result.status, result.days_since, result.action_on) == ("overdue", None, TODAY)


def test_snooze_hides_until_the_date_then_shows_again() -> None:
    until = snooze_until(TODAY, 7)
    snoozed = ContactState(1, cadence=Cadence(30, 45), snoozed_until=until)
    last = TODAY - timedelta(days=50)
    result = follow_up_status(snoozed, last, today=TODAY)
    assert (result.status, result.action_on, result.is_due) == ("snoozed", until, False)
    assert follow_up_status(snoozed, last, today=until - timedelta(days=1)).status == "snoozed"
    assert follow_up_status(snoozed, last, today=until).status == "overdue"


def test_snooze_does_not_hide_a_contact_that_is_not_due() -> None:
    snoozed = ContactState(1, cadence=Cadence(30, 45), snoozed_until=snooze_until(TODAY, 7))
    assert follow_up_status(snoozed, TODAY - timedelta(days=3), today=TODAY).status == "ok"


def test_snooze_needs_a_positive_count() -> None:
    with pytest.raises(ValueError):
        snooze_until(TODAY, 0)


def test_last_interactions_ignore_the_future() -> None:
    rows = [
        Interaction(1, TODAY - timedelta(days=5), "call", "gave"),
        Interaction(1, TODAY + timedelta(days=5), "call", "gave"),
        Interaction(1, TODAY - timedelta(days=9), "email", "received"),
    ]
    assert last_interactions(rows, today=TODAY) == {1: TODAY - timedelta(days=5)}


def test_upcoming_lists_due_now_and_soon_by_date() -> None:
    contacts = [
        ContactState(1, cadence=Cadence(30, 45)),
        ContactState(2, cadence=Cadence(30, 45)),
        ContactState(3, cadence=Cadence(30, 45)),
        ContactState(4),
    ]
    rows = [
        Interaction(1, TODAY - timedelta(days=35), "call", "gave"),
        Interaction(2, TODAY - timedelta(days=20), "call", "gave"),
        Interaction(3, TODAY - timedelta(days=1), "call", "gave"),
    ]
    statuses = follow_ups(contacts, rows, today=TODAY).values()
    soon = upcoming(statuses, today=TODAY, within_days=14)
    assert [(f.contact_id, f.action_on) for f in soon] == [
        (1, TODAY),
        (2, TODAY + timedelta(days=10)),
    ]


@settings(max_examples=150, deadline=None)
@given(
    every=st.integers(1, 120),
    extra=st.integers(0, 120),
    silence=st.integers(0, 500),
    touch_ago=st.integers(0, 500),
    channel=st.sampled_from(CHANNELS),
    direction=st.sampled_from(DIRECTIONS),
)
def test_any_interaction_resets_the_clock(
    every: int, extra: int, silence: int, touch_ago: int, channel: str, direction: str
) -> None:
    contact = ContactState(1, cadence=Cadence(every, every + extra))
    old = Interaction(1, TODAY - timedelta(days=silence), "meeting", "mutual")
    touch_on = TODAY - timedelta(days=min(touch_ago, silence))
    touch = Interaction(1, touch_on, channel, direction)  # type: ignore[arg-type]
    result = follow_ups([contact], [old, touch], today=TODAY)[1]
    assert result.last_interaction == touch_on
    assert result.days_since == (TODAY - touch_on).days
    # Logged today: whatever the channel or direction, nothing is due any more.
    fresh = follow_ups([contact], [old, Interaction(1, TODAY, channel, direction)], today=TODAY)  # type: ignore[arg-type]
    assert fresh[1].status == "ok"
    assert fresh[1].due_on == TODAY + timedelta(days=every)


def test_a_contact_added_after_the_day_asked_about_counts_as_added_that_day() -> None:
    later = ContactState(3, cadence=Cadence(30, 45), added_on=TODAY + timedelta(days=200))
    result = follow_up_status(later, None, today=TODAY)
    assert (result.status, result.due_on) == ("ok", TODAY + timedelta(days=30))
