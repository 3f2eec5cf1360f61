"""Whom should I meet: the member's profile against their contacts, on both databases."""

from __future__ import annotations

import pytest

from mutuals.services.contacts import add_contact, edit_contact
from mutuals.services.context import Workspace
from mutuals.services.demo import seed_demo
from mutuals.services.member import member_profile, set_member_profile
from mutuals.services.prospects import NoProspects, ProfileMissing, prospects
from mutuals.store.embeddings import DatabaseEmbeddingCache


def test_profile_set_and_show(workspace: Workspace) -> None:
    saved = set_member_profile(
        workspace, headline=" Accountant ", offers=["bookkeeping; tax returns", "Bookkeeping"]
    )
    assert saved["headline"] == "Accountant"
    assert saved["offers"] == ["bookkeeping", "tax returns"]
    set_member_profile(workspace, needs=["a website"])
    assert member_profile(workspace)["offers"] == ["bookkeeping", "tax returns"]
    with pytest.raises(ValueError, match="needs a name"):
        set_member_profile(workspace, name="  ")


def test_empty_profile_is_a_clear_error(workspace: Workspace) -> None:
    with pytest.raises(ProfileMissing, match="profile set"):
        prospects(workspace, backend="lexical")


def test_an_empty_ranking_says_why_and_how_to_fix_it(workspace: Workspace) -> None:
    set_member_profile(workspace, offers=["bookkeeping"], needs=["a website"])
    with pytest.raises(NoProspects, match="no contacts yet: import a profile CSV"):
        prospects(workspace, backend="lexical")
    add_contact(workspace, name="Ada Lovelace")
    with pytest.raises(NoProspects, match="none of your 1 contacts has offers, needs"):
        prospects(workspace, backend="lexical")


def test_mutual_contact_ranks_first_and_embeddings_are_cached(workspace: Workspace) -> None:
    seed_demo(workspace, people=30)
    set_member_profile(
        workspace,
        offers=["bookkeeping and year-end tax returns"],
        needs=["more visitors to our website"],
    )
    # A contact who needs exactly what the member offers and offers what the member needs.
    edit_contact(
        workspace,
        "#7",
        offers=["SEO and content marketing for more website visitors"],
        needs=["someone to do my bookkeeping and tax returns"],
    )
    ranked = prospects(workspace, top=5, backend="wordllama")
    assert ranked[0]["id"] == 7
    assert "bookkeeping" in ranked[0]["why"]
    assert all(0.0 <= r["score"] <= 1.0 for r in ranked)
    assert [r["score"] for r in ranked] == sorted((r["score"] for r in ranked), reverse=True)
    cache = DatabaseEmbeddingCache(workspace.db)
    from mutuals.prospecting import get_backend, text_key

    version = get_backend("wordllama").version
    assert cache.get_many([text_key("more visitors to our website")], model=version)
