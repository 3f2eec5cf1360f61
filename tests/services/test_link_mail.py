"""Private links by email: each attendee with a place is mailed a working link to their own page
once; whoever moves up from the waiting list is told at once; nobody on the waiting list, and
nobody twice. Over a real SMTP server on loopback."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from mutuals.services import attendees, events, link_mail
from mutuals.services.context import Workspace
from tests.smtp_inbox import Inbox, free_port, mailing

LINK = re.compile(r"Your private page: (\S+)")


def _small(ws: Workspace, *, people: int = 4, cap: int = 2) -> int:
    """An event with a cap of ``cap`` and ``people`` registered: the rest wait."""
    event = events.create_event(
        ws, name="Small", starts_at=datetime(2026, 12, 10, 18, 30), place="Leeds", capacity=cap
    )
    for i in range(people):
        attendees.register(
            ws, event["id"], name=f"P{i} Person", email=f"p{i}@example.org", consent=True
        )
    return int(event["id"])


def _mailed(inbox: Inbox) -> dict[str, str]:
    """Recipient -> the private link in their message."""
    found = {}
    for message in inbox.parsed():
        body = message.get_body(preferencelist=("plain",))
        assert body is not None
        match = LINK.search(body.get_content())
        assert match is not None
        found[message["To"].addresses[0].addr_spec] = match.group(1)
    return found


def _ids(ws: Workspace, event_id: int) -> dict[str, int]:
    return {a["email"]: a["id"] for a in attendees.list_attendees(ws, event_id)}


def test_each_attendee_with_a_place_gets_their_own_working_link_once(
    workspace: Workspace, inbox: Inbox
) -> None:
    ws = mailing(workspace, inbox.port)
    event_id = _small(ws)
    done = link_mail.send_event_links(ws, "Small")
    # The two with a place; the two waiting have no place to come to yet.
    assert done == {"sent": 2, "to": ["p0@example.org", "p1@example.org"], "failed": []}
    links = _mailed(inbox)
    ids = _ids(ws, event_id)
    for email, url in links.items():
        assert url.startswith(ws.settings.base_url.rstrip("/") + "/e/")
        key = url.rsplit("/", 1)[1]
        # The link opens that person's own page, and nobody else's.
        assert attendees.attendee_for_key(ws, key) == (event_id, ids[email])
    for message in inbox.parsed():
        assert message["Subject"] == "Your page for Small"
        text = message.as_string()
        assert "Leeds" in text and "Thursday 10 December 2026, 18:30" in text
        # Nobody else's address is in anyone's message.
        to = message["To"].addresses[0].addr_spec
        assert all(other not in text for other in ids if other != to)
    # Again: nobody is mailed twice. Someone added later is mailed alone.
    assert link_mail.send_event_links(ws, event_id)["sent"] == 0
    events.edit_event(ws, event_id, capacity=3)
    assert len(inbox.messages) == 3  # P2 moved up and was told at once
    assert link_mail.send_event_links(ws, event_id)["sent"] == 0


def test_whoever_moves_up_from_the_waiting_list_is_told_at_once(
    workspace: Workspace, inbox: Inbox
) -> None:
    ws = mailing(workspace, inbox.port)
    event_id = _small(ws)
    link_mail.send_event_links(ws, event_id)
    inbox.messages.clear()
    assert attendees.cancel(ws, event_id, "P0 Person")["promoted"] == "P2 Person"
    (message,) = inbox.parsed()
    assert message["To"].addresses[0].addr_spec == "p2@example.org"
    assert message["Subject"] == "A place has come free for you: Small"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None and "moved up from the waiting list" in body.get_content()
    key = _mailed(inbox)["p2@example.org"].rsplit("/", 1)[1]
    assert attendees.attendee_for_key(ws, key) == (event_id, _ids(ws, event_id)["p2@example.org"])
    # P3 still waits and hears nothing; a send-links run adds nothing.
    assert link_mail.send_event_links(ws, event_id)["sent"] == 0
    assert len(inbox.messages) == 1


def test_without_mail_the_move_stands_and_a_failed_send_is_tried_again(
    workspace: Workspace, inbox: Inbox
) -> None:
    event_id = _small(workspace)
    with pytest.raises(ValueError, match="MUTUALS_SMTP_HOST"):
        link_mail.send_event_links(workspace, event_id)
    # Mail not configured: cancelling still moves P2 up, silently.
    assert attendees.cancel(workspace, event_id, "P0 Person")["promoted"] == "P2 Person"
    # Mail configured but the server is down: the move stands, nothing is marked as sent.
    down = mailing(workspace, free_port())
    assert attendees.cancel(down, event_id, "P1 Person")["promoted"] == "P3 Person"
    failed = link_mail.send_event_links(down, event_id)
    assert failed["sent"] == 0 and len(failed["failed"]) == 2
    assert sorted(f.split(":")[0] for f in failed["failed"]) == ["P2 Person", "P3 Person"]
    up = mailing(workspace, inbox.port)
    assert link_mail.send_event_links(up, event_id)["sent"] == 2
    subjects = {m["To"].addresses[0].addr_spec: m["Subject"] for m in inbox.parsed()}
    assert subjects == {
        "p2@example.org": "A place has come free for you: Small",
        "p3@example.org": "A place has come free for you: Small",
    }
    assert link_mail.send_event_links(up, event_id)["sent"] == 0
