"""The engine's range of days and intervals: every value inside it computes, none outside it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mutuals.relationships import (
    EARLIEST_DAY,
    LATEST_DAY,
    MAX_HORIZON_DAYS,
    MAX_OVERDUE_DAYS,
    MAX_SNOOZE_DAYS,
    Cadence,
    ContactState,
    Interaction,
    build_digest,
    check_day,
    follow_ups,
    snooze_until,
    upcoming,
)


def test_check_day_names_the_range() -> None:
    assert check_day(EARLIEST_DAY) == EARLIEST_DAY
    assert check_day(LATEST_DAY) == LATEST_DAY
    with pytest.raises(ValueError, match="--today 0001-01-01 is out of range; use a day from"):
        check_day(date(1, 1, 1), "--today")
    with pytest.raises(ValueError, match="out of range"):
        check_day(LATEST_DAY + timedelta(days=1))


@pytest.mark.parametrize("today", [EARLIEST_DAY, LATEST_DAY])
def test_the_loosest_settings_compute_at_both_ends_of_the_range(today: date) -> None:
    loose = Cadence(MAX_OVERDUE_DAYS // 2, MAX_OVERDUE_DAYS)
    contacts = [
        ContactState(1, cadence=loose, added_on=today),
        ContactState(2, cadence=loose, snoozed_until=snooze_until(today, MAX_SNOOZE_DAYS)),
    ]
    rows = [Interaction(1, today, "call", "mutual", ("advice",))]
    build_digest(contacts, rows, today=today)
    statuses = follow_ups(contacts, rows, today=today)
    upcoming(statuses.values(), today=today, within_days=MAX_HORIZON_DAYS)
    with pytest.raises(ValueError, match="at most"):
        snooze_until(today, MAX_SNOOZE_DAYS + 1)
