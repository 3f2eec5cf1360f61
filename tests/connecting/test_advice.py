"""Direct first, then an introduction once a direct attempt has waited the waiting period."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.connecting import advise, outreach_status

ON = date(2026, 11, 1)


def test_a_connected_contact_is_written_to_directly() -> None:
    advice = advise(
        "Ana", connected=True, attempted_on=ON, replied_on=None, today=ON, best_via=["Bo"]
    )
    assert advice.advice == "connected"
    assert "already" in advice.reason


def test_without_an_attempt_the_advice_is_to_try_directly() -> None:
    advice = advise(
        "Ana", connected=False, attempted_on=None, replied_on=None, today=ON, best_via=["Bo"]
    )
    assert advice.advice == "direct"
    assert advice.reason == (
        "Try Ana directly first; if there is no reply within 14 days, ask Bo for an introduction."
    )
    assert advice.outreach is None


def test_direct_while_waiting_then_intro_on_the_fourteenth_day() -> None:
    def on(day: date) -> str:
        return advise(
            "Ana",
            connected=False,
            attempted_on=ON,
            replied_on=None,
            today=day,
            best_via=["Bo", "Cy"],
        ).advice

    assert on(ON) == "direct"
    assert on(ON + timedelta(days=13)) == "direct"
    assert on(ON + timedelta(days=14)) == "intro"
    later = advise(
        "Ana",
        connected=False,
        attempted_on=ON,
        replied_on=None,
        today=ON + timedelta(days=20),
        best_via=["Bo", "Cy"],
    )
    assert later.reason == (
        "No reply in 20 days since 2026-11-01: ask Bo for an introduction (via Bo, then Cy)."
    )
    assert later.outreach is not None and later.outreach.days_waiting == 20


def test_waiting_says_how_long_is_left() -> None:
    advice = advise(
        "Ana",
        connected=False,
        attempted_on=ON,
        replied_on=None,
        today=ON + timedelta(days=11),
        best_via=["Bo"],
        wait_days=12,
    )
    assert advice.reason == (
        "You reached out on 2026-11-01; give Ana 1 more day before asking for an introduction."
    )


def test_a_reply_keeps_it_direct() -> None:
    advice = advise(
        "Ana",
        connected=False,
        attempted_on=ON,
        replied_on=ON + timedelta(days=3),
        today=ON + timedelta(days=30),
        best_via=["Bo"],
    )
    assert advice.advice == "direct"
    assert "replied on 2026-11-04" in advice.reason
    assert advice.outreach is not None
    assert advice.outreach.status == "replied"
    assert advice.outreach.days_waiting == 3


def test_no_path_after_the_wait_suggests_another_channel() -> None:
    advice = advise(
        "Ana",
        connected=False,
        attempted_on=ON,
        replied_on=None,
        today=ON + timedelta(days=15),
        best_via=None,
    )
    assert advice.advice == "direct"
    assert "another channel" in advice.reason


def test_a_reply_before_the_attempt_does_not_count() -> None:
    found = outreach_status(ON, replied_on=ON - timedelta(days=1), today=ON + timedelta(days=2))
    assert found.status == "waiting"
    assert found.days_waiting == 2


def test_bad_waiting_period() -> None:
    with pytest.raises(ValueError):
        outreach_status(ON, replied_on=None, today=ON, wait_days=0)


@given(st.integers(min_value=-30, max_value=400), st.integers(min_value=1, max_value=90))
def test_status_follows_the_waiting_period(offset: int, wait: int) -> None:
    today = ON + timedelta(days=offset)
    found = outreach_status(ON, replied_on=None, today=today, wait_days=wait)
    assert found.status == ("ask for an intro" if offset >= wait else "waiting")
    assert found.days_waiting == max(0, offset)
    assert found.intro_from == ON + timedelta(days=wait)
