"""Contact forms in the browser: add (with the duplicate warning), edit profile fields, delete
with a confirmation, merge, cadence and snooze, each redirecting with a flash message."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient

from mutuals.services import relationships as service
from mutuals.services.context import Workspace

FLASH = re.compile(r'<p class="flash" role="status" id="flash">([^<]*)</p>')


def _flash(client: TestClient, response: object) -> str:
    """Follow a post/redirect/get answer and return the page's flash message."""
    assert response.status_code == 303, getattr(response, "text", "")[:500]  # type: ignore[attr-defined]
    page = client.get(response.headers["location"])  # type: ignore[attr-defined]
    found = FLASH.search(page.text)
    assert found, page.text[:2000]
    # Shown once: the next page has no message.
    assert FLASH.search(client.get("/contacts").text) is None
    return found.group(1)


def test_add_a_contact(client: TestClient) -> None:
    assert "Add a contact" in client.get("/contacts").text
    form = client.get("/contacts/new")
    assert form.status_code == 200 and 'action="/contacts/new"' in form.text
    added = client.post(
        "/contacts/new",
        data={"name": "Alan Turing", "company": "Bletchley Park", "needs": "a bombe\nfunding"},
        follow_redirects=False,
    )
    assert _flash(client, added) == "Added Alan Turing."
    assert added.headers["location"] == "/contacts/3"
    assert client.get("/api/v1/contacts/3").json()["needs"] == ["a bombe", "funding"]


def test_adding_a_duplicate_warns_and_offers_to_update(client: TestClient) -> None:
    warned = client.post(
        "/contacts/new",
        data={"name": "Ada Lovelace", "emails": "ada@example.org", "tags": "poet"},
        follow_redirects=False,
    )
    assert warned.status_code == 200
    assert "This looks like someone you already have" in warned.text
    assert "same email ada@example.org" in warned.text
    assert 'name="update" value="1"' in warned.text and 'name="force" value="1"' in warned.text
    assert len(client.get("/api/v1/contacts").json()) == 2
    updated = client.post(
        "/contacts/new",
        data={"name": "Ada Lovelace", "emails": "ada@example.org", "tags": "poet", "update": "1"},
        follow_redirects=False,
    )
    assert _flash(client, updated) == "Updated Ada Lovelace."
    assert client.get("/api/v1/contacts/1").json()["tags"] == ["mentor", "poet"]
    forced = client.post(
        "/contacts/new",
        data={"name": "Ada Lovelace", "emails": "ada@example.org", "force": "1"},
        follow_redirects=False,
    )
    # The same email is the same person: the store refuses a second contact with it, even forced.
    assert forced.status_code == 400
    assert "already has this first email" in forced.text
    assert len(client.get("/api/v1/contacts").json()) == 2


def test_update_instead_carries_everything_typed(client: TestClient) -> None:
    typed = {
        "name": "Ada Lovelace",
        "emails": "ada@example.org",
        "phones": "+44 20 7946 0000",
        "position": "Mathematician",
        "location": "London",
        "headline": "First programmer",
        "offers": "Bernoulli numbers\nnotes on engines",
        "needs": "a working engine",
        "interests": "poetical science",
        "goals": "publish the notes",
        "notes": "Met at Babbage's soirée.",
        "tags": "poet",
    }
    warned = client.post("/contacts/new", data=typed, follow_redirects=False)
    assert "This looks like someone you already have" in warned.text
    # The warning page keeps every field as typed, so the update button sends them all again.
    assert "a working engine" in warned.text and "First programmer" in warned.text
    updated = client.post("/contacts/new", data={**typed, "update": "1"}, follow_redirects=False)
    assert _flash(client, updated) == "Updated Ada Lovelace."
    ada = client.get("/api/v1/contacts/1").json()
    assert ada["headline"] == "First programmer"
    assert ada["offers"] == ["Bernoulli numbers", "notes on engines"]
    assert ada["needs"] == ["a working engine"]
    assert ada["interests"] == ["poetical science"]
    assert ada["goals"] == ["publish the notes"]
    assert ada["phones"] == ["+44 20 7946 0000"]
    assert (ada["position"], ada["location"]) == ("Mathematician", "London")
    assert ada["company"] == "Analytical Engines"  # left blank: an update never erases
    assert ada["tags"] == ["mentor", "poet"]
    assert "Babbage" in ada["notes"]


def test_errors_sit_next_to_their_field_with_focus(client: TestClient) -> None:
    nameless = client.post("/contacts/new", data={"name": " "})
    assert nameless.status_code == 400
    assert re.search(
        r'id="name-error">Give the contact a name.</span><input name="name"', nameless.text
    )
    assert 'aria-describedby="name-error" autofocus' in nameless.text
    bad_email = client.post("/contacts/1/edit", data={"name": "Ada", "emails": "not-an-email"})
    assert bad_email.status_code == 400
    assert re.search(r'id="emails-error">[^<]*not-an-email', bad_email.text)
    assert 'aria-describedby="emails-error" autofocus' in bad_email.text
    assert "mailto:not-an-email" not in client.get("/contacts/1").text


def test_edit_offers_needs_interests_goals_and_headline(client: TestClient) -> None:
    form = client.get("/contacts/1/edit").text
    for field in ("offers", "needs", "interests", "goals", "headline"):
        assert f'name="{field}"' in form
    saved = client.post(
        "/contacts/1/edit",
        data={
            "name": "Ada Lovelace",
            "company": "Analytical Engines",
            "emails": "ada@example.org",
            "offers": "maths tutoring\nnotes on engines, and more",
            "needs": "a printer",
            "interests": "poetry",
            "goals": "publish",
            "headline": "Mathematician",
        },
        follow_redirects=False,
    )
    assert _flash(client, saved) == "Saved Ada Lovelace."
    ada = client.get("/api/v1/contacts/1").json()
    assert ada["offers"] == ["maths tutoring", "notes on engines, and more"]
    assert (ada["needs"], ada["interests"], ada["goals"]) == (
        ["a printer"],
        ["poetry"],
        ["publish"],
    )
    assert ada["headline"] == "Mathematician"


def test_delete_with_a_confirmation(client: TestClient) -> None:
    confirm = client.get("/contacts/2/delete")
    assert confirm.status_code == 200 and "Delete Grace Hopper?" in confirm.text
    deleted = client.post("/contacts/2/delete", follow_redirects=False)
    assert deleted.headers["location"] == "/contacts"
    assert "Deleted Grace Hopper" in _flash(client, deleted)
    assert client.get("/contacts/2").status_code == 404


def test_delete_then_undo_from_the_flash_message(client: TestClient) -> None:
    before = client.get("/api/v1/contacts/2").json()
    assert "undo it for 10 minutes" in client.get("/contacts/2/delete").text
    deleted = client.post("/contacts/2/delete", follow_redirects=False)
    page = client.get(deleted.headers["location"]).text
    undo = re.search(
        r'<form method="post" action="(/contacts/undo/[^"]+)" class="flash-undo">', page
    )
    assert undo, page[:2000]
    assert 'id="undo">Undo</button>' in page
    assert client.get("/api/v1/contacts/2").status_code == 404
    restored = client.post(undo.group(1), follow_redirects=False)
    assert restored.headers["location"] == "/contacts/2"
    assert _flash(client, restored) == "Restored Grace Hopper with 0 interactions."
    assert client.get("/api/v1/contacts/2").json() == before
    again = client.post(undo.group(1), follow_redirects=False)
    assert _flash(client, again).startswith("That delete can no longer be undone")
    # Other messages carry no Undo button.
    saved = client.post("/contacts/2/snooze", data={"days": "3"}, follow_redirects=False)
    assert "flash-undo" not in client.get(saved.headers["location"]).text


def test_the_api_deletes_for_good(client: TestClient, sqlite_workspace: Workspace) -> None:
    assert client.delete("/api/v1/contacts/2").status_code == 204
    assert client.get("/api/v1/contacts/2").status_code == 404
    # No copy is kept for an API delete: there is no Undo button to use it.
    folder = sqlite_workspace.settings.data_dir / "deleted-contacts"
    assert not folder.exists() or list(folder.iterdir()) == []


def test_merge_two_contacts(client: TestClient, sqlite_workspace: Workspace) -> None:
    for who, on in (("Ada Lovelace", date(2026, 11, 1)), ("Grace Hopper", date(2026, 11, 2))):
        service.log_interaction(
            sqlite_workspace,
            who,
            channel="call",
            kinds=["idea"],
            direction="mutual",
            on=on,
            today=date(2026, 11, 26),
        )
    page = client.get("/contacts/1/merge", params={"q": "hopper"})
    assert page.status_code == 200 and 'name="other" value="2"' in page.text
    wrong = client.post("/contacts/1/merge", data={"other_id": "two"})
    assert wrong.status_code == 400 and 'id="other_id-error"' in wrong.text
    itself = client.post("/contacts/1/merge", data={"other_id": "1"})
    assert itself.status_code == 400 and "itself" in itself.text
    merged = client.post("/contacts/1/merge", data={"other": "2"}, follow_redirects=False)
    assert _flash(client, merged) == "Merged #2 into Ada Lovelace: 1 interactions moved."
    assert client.get("/contacts/2").status_code == 404
    page = client.get("/contacts/1", params={"today": "2026-11-26"}).text
    assert "2026-11-01" in page and "2026-11-02" in page


def test_cadence_and_snooze_from_the_contact_page(client: TestClient) -> None:
    page = client.get("/contacts/1").text
    assert 'action="/contacts/1/cadence"' in page and "mutuals cadence" not in page
    set_ = client.post("/contacts/1/cadence", data={"every": "14"}, follow_redirects=False)
    assert _flash(client, set_) == "Stay in touch with Ada Lovelace every 14 days."
    assert "every 14 days" in client.get("/contacts/1").text
    snoozed = client.post("/contacts/1/snooze", data={"days": "7"}, follow_redirects=False)
    assert _flash(client, snoozed).startswith("Snoozed Ada Lovelace until ")
    cleared = client.post("/contacts/1/cadence", data={"every": "0"}, follow_redirects=False)
    assert _flash(client, cleared) == "Ada Lovelace has no cadence of their own now."
    assert client.post("/contacts/1/snooze", data={"days": "9999"}).status_code == 422


def test_log_redirects_with_a_flash_and_its_url_reloads(client: TestClient) -> None:
    logged = client.post(
        "/contacts/1/log",
        data={"channel": "call", "direction": "gave", "on": "2026-11-20", "kinds": "advice"},
        follow_redirects=False,
    )
    assert _flash(client, logged) == "Logged call with Ada Lovelace on 2026-11-20 (advice)."
    # Reloading (or opening) the form's address lands on the contact page, not a 405.
    reloaded = client.get("/contacts/1/log", follow_redirects=False)
    assert reloaded.status_code == 303 and reloaded.headers["location"] == "/contacts/1#log"


def test_a_missing_kind_is_shown_beside_the_kinds_with_focus(client: TestClient) -> None:
    refused = client.post(
        "/contacts/1/log", data={"channel": "call", "direction": "gave", "on": "2026-11-20"}
    )
    assert refused.status_code == 400
    assert re.search(
        r'<legend>Kinds <span class="field-error" id="kinds-error">give at least', refused.text
    )
    assert 'name="kinds" value="trust" aria-invalid="true"' in refused.text
    assert refused.text.count(" autofocus") == 1
    bad_channel = client.post(
        "/contacts/1/log",
        data={"channel": "fax", "direction": "gave", "on": "2026-11-20", "kinds": "advice"},
    )
    assert 'id="channel-error">unknown channel' in bad_channel.text


def test_flash_cookies_cannot_be_forged(client: TestClient) -> None:
    client.cookies.set("mutuals_flash", "You won a prize")
    assert "You won a prize" not in client.get("/contacts").text


def test_next_never_leaves_the_site(client: TestClient) -> None:
    for target in ("https://evil.example/", "//evil.example", "/\\evil.example"):
        answer = client.post(
            "/contacts/1/snooze", data={"days": "3", "next": target}, follow_redirects=False
        )
        assert answer.headers["location"] == "/contacts/1", target
