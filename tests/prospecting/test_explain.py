"""Explanations never claim that two phrases a person would call unrelated meet."""

from __future__ import annotations

import pytest

from mutuals.prospecting import Profile, TextBackend, mutual_score

# (what one person gives, what the other needs, is the giving phrase a headline?)
UNRELATED = [
    ("Sawmill owner", "keeping our survey launch seaworthy", True),
    (
        "General manager of a seaside hotel",
        "guests keep complaining that the wifi barely works",
        True,
    ),
    ("Chartered accountant for small firms", "a fresh look for our company", True),
    ("commercial property letting", "a website that brings in clients", False),
    ("tarot readings", "someone to build me a website", False),
    ("dog walking", "coaching on how to lead engineers", False),
    ("cybersecurity audits for small firms", "a photographer for our wedding", False),
    ("kiln-dried firewood in bulk", "a spare part for a 1960s motorbike", False),
    pytest.param(
        "bookkeeping and year-end tax returns",
        "a booking system for clients",
        False,
        # wordllama averages word pieces: "book" is shared, and the pair's cosine (0.33) is above
        # that of most true matches (payroll and "paying my first employee properly": 0.25), so
        # no cosine level separates them. Known and reported; strict, so a fix shows up here.
        marks=pytest.mark.xfail(strict=True, reason="the default model cannot tell these apart"),
    ),
]


@pytest.mark.parametrize(("gives", "needs", "headline"), UNRELATED)
def test_unrelated_pairs_are_never_named(
    gives: str, needs: str, headline: bool, wordllama: TextBackend
) -> None:
    giver = Profile(
        name="Giver",
        headline=gives if headline else "",
        offers=() if headline else (gives,),
        needs=("a table at the farmers' market",),
    )
    needer = Profile(name="Needer", offers=("fresh bread",), needs=(needs,))
    for a, b in ((giver, needer), (needer, giver)):
        why = mutual_score(a, b, backend=wordllama).why
        assert f"*{gives}*" not in why, why
        assert f"*{needs}*" not in why, why
