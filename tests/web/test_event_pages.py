"""Event pages on a community server: the organiser's evening from creation to console, the public
registration with its cap and waiting list, and members finding the events they attended."""

from __future__ import annotations

import re
from pathlib import Path

from mutuals.services import attendees
from tests.services.event_world import lexical
from tests.web.community import Community
from tests.web.event_community import organiser_ws, write_people


def _event_id(location: str) -> int:
    found = re.fullmatch(r"/organise/(\d+)", location)
    assert found, location
    return int(found.group(1))


def test_the_organiser_creates_imports_checks_in_plans_and_runs(
    community: Community, tmp_path: Path
) -> None:
    # The plan and its reasons use the fast lexical backend on this server.
    community.app.state.workspace = lexical(community.current())
    olu = community.client("organiser")
    made = olu.post(
        "/organise",
        data={"name": "Door Night", "on": "2026-12-10T18:30", "place": "Leeds", "rounds": "3"},
    )
    assert made.status_code == 303
    event_id = _event_id(made.headers["location"])
    page = f"/organise/{event_id}"
    bad = olu.post(
        f"{page}/attendees",
        files={"file": ("bad.csv", b"name,email\nAda,not-an-email\n", "text/csv")},
    )
    assert bad.status_code == 400 and "bad.csv:2: field &#39;email&#39;" in bad.text
    assert "Ada" not in olu.get(page).text.split('id="attendees"')[1]
    good = write_people(tmp_path / "people.csv").read_bytes()
    done = olu.post(f"{page}/attendees", files={"file": ("people.csv", good, "text/csv")})
    assert done.status_code == 303
    assert "Added 7" in olu.get(done.headers["location"]).text
    found = olu.get(page, params={"q": "priya"})
    ids = re.findall(r'name="attendee" value="(\d+)"', found.text)
    assert len(ids) == 1
    for name in ("priya", "tom", "ruth", "marco"):
        attendee = re.findall(
            r'name="attendee" value="(\d+)"', olu.get(page, params={"q": name}).text
        )
        assert olu.post(f"{page}/checkin", data={"attendee": attendee[0]}).status_code == 303
    late = olu.post(f"{page}/plan", data={"weights": "mutual", "budget": "soon"})
    assert late.status_code == 400 and "the time limit must be a whole number" in late.text
    assert olu.post(f"{page}/plan", data={"weights": "mutual", "budget": "0"}).status_code == 303
    assert "3 rounds planned for 4 people" in olu.get(page).text
    assert olu.post(f"{page}/plan", data={"weights": "mutual"}).status_code == 303
    assert "3 rounds planned for 4 people" in olu.get(page).text
    assert olu.post(f"{page}/run", data={"action": "start"}).status_code == 303
    screen = olu.get(f"{page}/screen/state").json()
    assert screen["moment"]["round"] == 1 and len(screen["tables"]) == 2
    assert olu.post(f"{page}/run", data={"action": "start"}).status_code == 400
    tom = re.findall(r'name="attendee" value="(\d+)"', olu.get(page, params={"q": "tom"}).text)
    # Tom is checked in, so the search offers no check-in button: take his id from the console.
    console = olu.get(f"{page}/console").text
    assert "Tom Becker" in console and not tom
    here = re.findall(
        r"<strong>([^<]+)</strong>.*?name=\"attendee\" value=\"(\d+)\"", console, flags=re.S
    )
    tom_id = dict(here)["Tom Becker"]
    left = olu.post(f"{page}/presence", data={"attendee": tom_id, "action": "leave"})
    assert left.status_code == 303
    assert olu.post(f"{page}/run", data={"action": "next"}).status_code == 303
    screen = olu.get(f"{page}/screen/state").json()
    assert screen["moment"]["round"] == 2
    assert all("Tom Becker" not in t["names"] for t in screen["tables"])
    pdf = olu.get(f"{page}/print/badges.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # Another member cannot reach any of it.
    assert community.client("member_b").get(page).status_code == 403


def test_registration_fills_the_cap_then_the_waiting_list_and_opens_the_private_page(
    community: Community,
) -> None:
    olu = community.client("organiser")
    made = olu.post(
        "/organise",
        data={
            "name": "Small Night",
            "on": "2026-12-10T18:30",
            "place": "York",
            "capacity": "1",
            "listed": "yes",
        },
    )
    event_id = _event_id(made.headers["location"])
    visitor = community.client()
    page = visitor.get(f"/events/{event_id}")
    assert page.status_code == 200 and "1 places left" in page.text
    assert 'name="member"' not in page.text
    form = {
        "name": "Vera Visitor",
        "email": "vera@example.org",
        "offers": "design",
        "consent": "yes",
    }
    first = visitor.post(f"/events/{event_id}/register", data=form)
    assert first.status_code == 303 and first.headers["location"].startswith("/e/")
    welcome = visitor.get(first.headers["location"])
    assert "You are on the list" in welcome.text and "Hello Vera Visitor" in welcome.text
    refused = visitor.post(f"/events/{event_id}/register", data={**form, "consent": ""})
    assert refused.status_code == 400 and "agree to be matched" in refused.text
    assert 'value="Vera Visitor"' in refused.text
    member = community.client("member_a")
    assert 'name="member"' in member.get(f"/events/{event_id}").text
    second = member.post(
        f"/events/{event_id}/register",
        data={
            "name": "Ada A",
            "email": "ada.events@example.org",
            "consent": "yes",
            "member": "yes",
        },
    )
    assert second.status_code == 303
    ws = organiser_ws(community)
    people = {a["name"]: a for a in attendees.list_attendees(ws, event_id)}
    assert people["Vera Visitor"]["status"] == "registered"
    assert people["Ada A"]["status"] == "waitlist" and people["Ada A"]["member"] is True
    mine = member.get("/my/events")
    assert "Small Night" in mine.text
    opened = member.post(f"/my/events/{event_id}/open")
    assert opened.status_code == 303 and opened.headers["location"].startswith("/e/")
    assert community.client("member_b").post(f"/my/events/{event_id}/open").status_code == 404
    listed = visitor.get("/events", params={"near": "york", "from": "2026-12-01"})
    assert "Small Night" in listed.text
    # Vera cannot come after all: from her page, her place goes to Ada, first on the waiting
    # list, and her link stops working.
    vera = first.headers["location"].split("?")[0]
    assert "I can't come" in welcome.text
    gone = visitor.post(f"{vera}/cancel")
    assert gone.status_code == 200 and "You are off the list" in gone.text
    people = {a["name"]: a for a in attendees.list_attendees(ws, event_id)}
    assert list(people) == ["Ada A"] and people["Ada A"]["status"] == "registered"
    assert visitor.get(vera).status_code == 404


def test_the_organiser_edits_and_deletes_their_event(community: Community) -> None:
    olu = community.client("organiser")
    made = olu.post(
        "/organise",
        data={"name": "Edit Night", "on": "2026-12-10T18:30", "place": "Leeds", "capacity": "1"},
    )
    page = made.headers["location"]
    shown = olu.get(page).text
    assert 'action="' + page + '/edit"' in shown and 'name="confirm"' in shown
    saved = olu.post(
        f"{page}/edit",
        data={"name": "Edit Night", "place": "York", "rounds": "4", "listed_shown": "1"},
    )
    assert saved.status_code == 303
    after = olu.get(saved.headers["location"]).text
    assert "Saved." in after and "York" in after and "4 rounds" in after
    bad = olu.post(f"{page}/edit", data={"minutes": "0"})
    assert bad.status_code == 400 and "minutes per round must be between" in bad.text
    kept = olu.post(f"{page}/delete", data={"confirm": "Edit"})
    assert kept.status_code == 400 and olu.get(page).status_code == 200
    gone = olu.post(f"{page}/delete", data={"confirm": "Edit Night"})
    assert gone.status_code == 303 and gone.headers["location"] == "/organise"
    assert olu.get(page).status_code == 404


def test_the_organiser_mails_everyone_their_link_from_the_event_page(
    community: Community, tmp_path: Path
) -> None:
    from tests.smtp_inbox import mailing, smtp_inbox

    community.app.state.workspace = lexical(community.current())
    olu = community.client("organiser")
    made = olu.post(
        "/organise", data={"name": "Mail Night", "on": "2026-12-10T18:30", "place": "Leeds"}
    )
    page = f"/organise/{_event_id(made.headers['location'])}"
    good = write_people(tmp_path / "people.csv").read_bytes()
    olu.post(f"{page}/attendees", files={"file": ("people.csv", good, "text/csv")})
    assert 'action="' + page + '/mail"' in olu.get(page).text
    # Without mail set up, the page says what to set, and nothing is marked as sent.
    refused = olu.post(f"{page}/mail", data={"what": "links"})
    assert refused.status_code == 400 and "MUTUALS_SMTP_HOST" in refused.text
    with smtp_inbox() as inbox:
        community.app.state.workspace = mailing(community.app.state.workspace, inbox.port)
        sent = olu.post(f"{page}/mail", data={"what": "links"})
        assert sent.status_code == 303
        assert "Mailed 7 private links." in olu.get(sent.headers["location"]).text
        again = olu.post(f"{page}/mail", data={"what": "links"})
        assert "Mailed 0 private links." in olu.get(again.headers["location"]).text
        matches = olu.post(f"{page}/mail", data={"what": "matches"})
        assert "Mailed 0 match emails." in olu.get(matches.headers["location"]).text
        assert len(inbox.messages) == 7
    assert olu.post(f"{page}/mail", data={"what": "everyone"}).status_code == 422
