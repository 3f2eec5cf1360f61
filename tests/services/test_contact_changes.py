"""Deleting and merging contacts, and finding the ones a new contact would duplicate."""

from __future__ import annotations

from datetime import date

import pytest

from mutuals.services import relationships
from mutuals.services.contact_changes import (
    delete_contact,
    find_matches,
    merge_contacts,
    update_from,
)
from mutuals.services.contacts import (
    ContactNotFound,
    add_contact,
    edit_contact,
    get_contact,
    list_contacts,
)
from mutuals.services.context import Workspace
from mutuals.services.standing import contact_standing

TODAY = date(2026, 11, 26)


def _log(ws: Workspace, who: str, on: date, *others: str) -> None:
    relationships.log_interaction(
        ws,
        who,
        channel="call",
        kinds=["idea"],
        direction="mutual",
        on=on,
        others=others,
        today=TODAY,
    )


def test_delete_removes_the_contact_and_their_own_interactions(workspace: Workspace) -> None:
    ada = add_contact(workspace, name="Ada Lovelace")
    grace = add_contact(workspace, name="Grace Hopper")
    _log(workspace, "Ada Lovelace", date(2026, 11, 1))
    _log(workspace, "Ada Lovelace", date(2026, 11, 2), "Grace Hopper")
    relationships.set_stage(workspace, "Ada Lovelace", "relationship", on=TODAY)
    gone = delete_contact(workspace, "Ada Lovelace")
    assert gone == {"id": ada["id"], "name": "Ada Lovelace", "interactions_deleted": 1}
    with pytest.raises(ContactNotFound):
        get_contact(workspace, ada["id"])
    # The group call stays with Grace, who was in it too.
    timeline = contact_standing(workspace, "Grace Hopper", today=TODAY)["timeline"]
    assert [row["on"] for row in timeline] == ["2026-11-02"]
    assert [c["id"] for c in list_contacts(workspace)] == [grace["id"]]


def test_merge_keeps_every_interaction_and_combines_fields(workspace: Workspace) -> None:
    kept = add_contact(
        workspace,
        name="Ada Lovelace",
        emails=["ada@example.org"],
        company="Analytical Engines",
        tags=["mentor"],
        offers=["maths tutoring"],
        notes="Met at the Royal Society",
    )
    other = add_contact(
        workspace,
        name="Ada King",
        emails=["countess@example.org", "ADA@example.org"],
        position="Countess",
        linkedin_url="https://www.linkedin.com/in/ada-king",
        tags=["client"],
        needs=["a printer"],
        notes="Prefers letters",
    )
    add_contact(workspace, name="Charles Babbage")
    _log(workspace, "Ada Lovelace", date(2026, 10, 1))
    _log(workspace, "Ada King", date(2026, 10, 5))
    _log(workspace, "Ada King", date(2026, 10, 9), "Charles Babbage")
    # One interaction with both: it must stay, once.
    _log(workspace, "Ada Lovelace", date(2026, 10, 12), "Ada King")
    relationships.set_stage(workspace, "Ada King", "relationship", on=date(2026, 10, 6))
    relationships.set_contact_cadence(workspace, "Ada King", every=21)

    merged = merge_contacts(workspace, str(kept["id"]), str(other["id"]))

    assert merged["id"] == kept["id"] and merged["merged_from"] == other["id"]
    assert merged["name"] == "Ada Lovelace"  # the kept contact's text wins
    assert merged["position"] == "Countess"  # and the other's fills what was empty
    assert merged["linkedin_url"] == "https://www.linkedin.com/in/ada-king"
    assert merged["emails"] == ["ada@example.org", "countess@example.org"]
    assert merged["tags"] == ["mentor", "client"]
    assert merged["offers"] == ["maths tutoring"] and merged["needs"] == ["a printer"]
    assert merged["notes"] == "Met at the Royal Society\n\nPrefers letters"
    with pytest.raises(ContactNotFound):
        get_contact(workspace, other["id"])
    standing = contact_standing(workspace, str(kept["id"]), today=TODAY)
    assert sorted(row["on"] for row in standing["timeline"]) == [
        "2026-10-01",
        "2026-10-05",
        "2026-10-09",
        "2026-10-12",
    ]
    assert [s["stage"] for s in standing["stage_history"]] == ["relationship"]
    assert standing["follow_up"]["cadence"]["every_days"] == 21
    babbage = contact_standing(workspace, "Charles Babbage", today=TODAY)
    assert [row["on"] for row in babbage["timeline"]] == ["2026-10-09"]


def test_a_contact_cannot_be_merged_with_itself(workspace: Workspace) -> None:
    ada = add_contact(workspace, name="Ada Lovelace")
    with pytest.raises(ValueError, match="itself"):
        merge_contacts(workspace, str(ada["id"]), f"#{ada['id']}")


def test_find_matches_by_email_url_or_name_and_company(workspace: Workspace) -> None:
    ada = add_contact(
        workspace,
        name="Ada Lovelace",
        emails=["ada@example.org"],
        company="Analytical Engines",
        linkedin_url="https://www.linkedin.com/in/ada",
    )
    add_contact(workspace, name="Ada Lovelace", company="Elsewhere")

    def reasons(**typed: str | list[str]) -> list[tuple[int, str]]:
        found = find_matches(workspace, **typed)  # type: ignore[arg-type]
        return [(m["id"], m["reason"]) for m in found]

    assert reasons(name="A. Lovelace", emails=["ADA@example.org"]) == [
        (ada["id"], "same email ada@example.org")
    ]
    assert reasons(name="Someone", linkedin_url="linkedin.com/in/ada/") == [
        (ada["id"], "same LinkedIn URL https://www.linkedin.com/in/ada")
    ]
    assert reasons(name="ada  lovelace", company="analytical engines") == [
        (ada["id"], "same name and company")
    ]
    assert reasons(name="Ada Lovelace", company="Nowhere") == []


def test_update_from_adds_what_was_typed(workspace: Workspace) -> None:
    ada = add_contact(workspace, name="Ada Lovelace", emails=["ada@example.org"], tags=["mentor"])
    updated = update_from(
        workspace, ada["id"], name="Ada Lovelace", emails=["ada@work.example"], tags=["Client"]
    )
    assert updated["emails"] == ["ada@example.org", "ada@work.example"]
    assert updated["tags"] == ["mentor", "client"]


def test_update_from_adds_offers_needs_interests_goals_and_headline(
    workspace: Workspace,
) -> None:
    ada = add_contact(workspace, name="Ada Lovelace", offers=["maths tutoring"])
    updated = update_from(
        workspace,
        ada["id"],
        name="Ada Lovelace",
        headline=" Analyst ",
        offers=["Maths tutoring", "engine notes"],
        needs=["a publisher"],
        interests=["poetry"],
        goals=["finish the notes"],
    )
    assert updated["offers"] == ["maths tutoring", "engine notes"]
    assert updated["needs"] == ["a publisher"] and updated["interests"] == ["poetry"]
    assert updated["goals"] == ["finish the notes"] and updated["headline"] == "Analyst"


def test_offers_needs_interests_goals_and_headline_are_editable(workspace: Workspace) -> None:
    add_contact(workspace, name="Tom Becker")
    edited = edit_contact(
        workspace,
        "Tom Becker",
        offers=[" SEO audits ", "seo audits", ""],
        needs=["payroll help"],
        interests=["hiking"],
        goals=["hire two people"],
        headline="  SEO consultant ",
    )
    assert edited["offers"] == ["SEO audits"]
    assert edited["needs"] == ["payroll help"]
    assert edited["interests"] == ["hiking"] and edited["goals"] == ["hire two people"]
    assert edited["headline"] == "SEO consultant"


def test_emails_are_validated_on_add_and_edit(workspace: Workspace) -> None:
    with pytest.raises(ValueError, match="'not-an-email' is not an email address"):
        add_contact(workspace, name="Ann", emails=["not-an-email"])
    add_contact(workspace, name="Ann", emails=["ann@example.org"])
    with pytest.raises(ValueError, match="is not an email address"):
        edit_contact(workspace, "Ann", emails=["ann@"])


def test_search_finds_offers_needs_interests_and_notes(workspace: Workspace) -> None:
    add_contact(workspace, name="Tom Becker", offers=["search engine optimisation"])
    add_contact(workspace, name="Lena Vogel", needs=["a café owner's payroll"])
    add_contact(workspace, name="Priya Shah", interests=["bouldering"], notes="Met at PyCon")

    def found(words: str) -> list[str]:
        return [c["name"] for c in list_contacts(workspace, search=words)]

    assert found("optimisation") == ["Tom Becker"]
    assert found("café payroll") == ["Lena Vogel"]
    assert found("bouldering") == ["Priya Shah"]
    assert found("pycon") == ["Priya Shah"]


def test_reserved_test_addresses_are_emails(workspace: Workspace) -> None:
    added = add_contact(workspace, name="Bo Chen", emails=["bo@acme.test", "Ann@Example.org"])
    assert added["emails"] == ["bo@acme.test", "Ann@Example.org"]
    for wrong in ("ann@", "@example.org", "ann example.org", "ann@exa mple.org"):
        with pytest.raises(ValueError, match="not an email address"):
            add_contact(workspace, name="Ann", emails=[wrong])
