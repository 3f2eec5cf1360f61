"""Explanations never claim that two phrases a person would call unrelated meet."""

from __future__ import annotations

import pytest

from mutuals.prospecting import Profile, TextBackend, mutual_score
from mutuals.prospecting.explain import ChancePieceAware

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
    # wordllama averages word pieces: "book" is shared, and the pair's cosine (0.33) is above
    # the level at which pairs are named; the chance-piece check leaves it at 0.05.
    ("bookkeeping and year-end tax returns", "a booking system for clients", False),
    ("booking agent for touring bands", "help with my bookkeeping", False),
    ("carpet fitting", "someone to fix my car", False),
    ("painting and decorating", "pain relief after surgery", False),
    ("seasonal hops for brewers", "a shop in town for our flowers", False),
    ("rental vans by the day", "help with my tax return", False),
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


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("building websites for small businesses", "a website that brings in customers"),
        ("web design", "a designer for our site"),
    ],
)
def test_words_shared_whole_stay_related(first: str, second: str, wordllama: TextBackend) -> None:
    # Only pieces shared by chance are left out: a whole word (up to its ending) still counts.
    plain = float(wordllama.embed([first])[0] @ wordllama.embed([second])[0])
    assert isinstance(wordllama, ChancePieceAware)
    check = wordllama.cosine_without_chance_pieces(first, second)
    assert check == pytest.approx(plain, abs=1e-5)


def test_a_related_pair_is_still_named(wordllama: TextBackend) -> None:
    giver = Profile(name="Giver", offers=("building websites for small businesses",))
    needer = Profile(name="Needer", needs=("a website that brings in customers",))
    why = mutual_score(giver, needer, backend=wordllama).why
    assert "*building websites for small businesses*" in why, why
