"""Ranking prospects for one person, and the explanations shown with them."""

from __future__ import annotations

from mutuals.prospecting import Profile, TextBackend, mutual_score, rank_prospects


def test_explanation_names_the_matched_phrases(quality_profiles: list[Profile]) -> None:
    by_name = {p.name: p for p in quality_profiles}
    why = mutual_score(by_name["Tom Becker"], by_name["Priya Shah"], backend="wordllama").why
    assert why.startswith(
        "You offer *search engine optimisation audits*, which they need (*getting found on Google*)"
    )
    # Payroll against "paying my first employee" is a true match, but too weak for this model
    # to tell apart from chance (cosine 0.25, below its calibrated 0.28): it is not claimed.
    assert "you need (*" not in why or "you need (*help paying my first employee" in why


# Seen in use: the headline's "for small firms" resembled any business need, and weak
# similarities were named as matches.
ACCOUNTANT = Profile(
    name="Me",
    headline="Accountant for small firms",
    offers=["bookkeeping and tax returns"],
    needs=["a website that brings in clients"],
)
PROPERTY = Profile(
    name="Landlord",
    headline="Property investor",
    offers=["commercial property letting"],
    needs=["a fresh look for our company"],
)
MARKETER = Profile(
    name="Marketer",
    headline="Digital marketer",
    offers=["SEO and content marketing"],
    needs=["someone to sort out my VAT and receipts"],
)


def test_weak_headline_similarity_neither_ranks_nor_explains_a_match(
    wordllama: TextBackend,
) -> None:
    ranked = rank_prospects(ACCOUNTANT, [PROPERTY, MARKETER], backend=wordllama)
    assert [m.candidate.name for m in ranked] == ["Marketer", "Landlord"]
    landlord = ranked[1]
    assert "a fresh look for our company" not in landlord.why
    assert "commercial property letting" not in landlord.why
    assert landlord.why.startswith("No clear overlap")
    assert ranked[0].why.startswith("They offer *SEO and content marketing*, which you need")


def test_explanation_is_from_the_asking_side(wordllama: TextBackend) -> None:
    me = Profile(name="Me", offers=["translating German contracts"], needs=["a tax accountant"])
    them = Profile(name="Them", offers=["bookkeeping and tax filing"], needs=["German translation"])
    why = mutual_score(me, them, backend=wordllama).why
    assert "You offer *translating German contracts*" in why
    assert "they offer *bookkeeping and tax filing*, which you need (*a tax accountant*)" in why


def test_no_overlap_is_said_plainly(wordllama: TextBackend) -> None:
    me = Profile(name="Me", offers=["dog walking"], needs=["opera tickets"])
    them = Profile(name="Them", offers=["welding"], needs=["a new roof"])
    assert mutual_score(me, them, backend=wordllama).why.startswith("No clear overlap")


def test_rank_prospects_skips_me_and_keeps_top_in_order(
    quality_profiles: list[Profile], wordllama: TextBackend
) -> None:
    me = quality_profiles[0]
    found = rank_prospects(me, quality_profiles, backend=wordllama, top=5)
    assert len(found) == 5
    assert all(m.candidate.id != me.id for m in found)
    scores = [m.score for m in found]
    assert scores == sorted(scores, reverse=True)
    assert found[0].candidate.name == "Tom Becker"
    assert rank_prospects(me, [me], backend=wordllama) == []
    assert rank_prospects(me, quality_profiles, backend=wordllama, top=0) == []


def test_a_one_way_match_is_flagged(wordllama: TextBackend) -> None:
    me = Profile(name="Me", offers=["tax returns"], needs=["opera tickets"])
    them = Profile(name="Them", offers=["welding"], needs=["tax returns"])
    why = mutual_score(me, them, backend=wordllama).why
    assert why == "You offer *tax returns*, which they need (*tax returns*) (one-sided so far)."
