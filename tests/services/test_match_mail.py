"""Double opt-in by email: each side of a mutual match is mailed the other's details once, over
a real SMTP server on loopback; a one-sided pick mails nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutuals.io.vcard import parse_vcards
from mutuals.services import event_run, match_mail, picks
from mutuals.services.context import Workspace
from tests.services.event_world import PEOPLE, PHONE, lexical, started
from tests.smtp_inbox import Inbox, free_port, mailing

EMAILS = {name: email for name, email, *_ in PEOPLE}
COMPANY = {name: company for name, _, company, *_ in PEOPLE}


def _pair(ws: Workspace, event_id: int) -> tuple[str, str, str]:
    """Two people who sat together in round 1, and a third who sat with the first later or
    not at all (never picked by anyone here)."""
    with ws.db.transaction() as session:
        from mutuals.store.event_models import Event

        event = session.get_one(Event, event_id)
        assert event.plan is not None
        first_table = event.plan["rounds"][0][0]
    names = {a: n for n, a in _ids(ws, event_id).items()}
    a, b = names[first_table[0]], names[first_table[1]]
    third = next(n for n in EMAILS if n not in (a, b))
    return a, b, third


def _ids(ws: Workspace, event_id: int) -> dict[str, int]:
    from mutuals.services import attendees

    return {a["name"]: a["id"] for a in attendees.list_attendees(ws, event_id)}


def test_a_mutual_match_mails_each_side_the_other_once(
    workspace: Workspace, tmp_path: Path, inbox: Inbox
) -> None:
    ws, event_id = started(lexical(workspace), tmp_path)
    ws = mailing(ws, inbox.port)
    a, b, third = _pair(ws, event_id)
    # One-sided: nothing goes out.
    assert picks.pick(ws, event_id, by=a, yes=[b])["new_matches"] == []
    assert inbox.messages == []
    # The answer that makes it mutual mails both sides at once.
    assert picks.pick(ws, event_id, by=b, yes=[a])["new_matches"] == [a]
    assert sorted(m.rcpt_tos[0] for m in inbox.messages) == sorted([EMAILS[a], EMAILS[b]])
    for message in inbox.parsed():
        to = a if EMAILS[a] in message["To"] else b
        other = b if to == a else a
        assert message["Reply-To"].addresses[0].addr_spec == EMAILS[other]
        assert other in message["Subject"]
        body = message.get_body(preferencelist=("plain",))
        assert body is not None
        text = body.get_content()
        assert f"Email: {EMAILS[other]}" in text
        assert f"Company: {COMPANY[other]}" in text
        assert f"Phone: {PHONE}" in text
        # Only the match's details: not the recipient's other tablemates, nor anyone else.
        for name, email in EMAILS.items():
            if name not in (a, b):
                assert email not in message.as_string()
        (card,) = list(message.iter_attachments())
        assert card.get_content_type() == "text/vcard"
        parsed = parse_vcards(card.get_content(), path="match.vcf")
        (record,) = parsed.contacts
        assert record.emails == [EMAILS[other]]
        assert record.company == COMPANY[other]
    # Sending again, ending the event, or the same answers again: nothing more.
    assert match_mail.send_matches(ws, event_id)["sent"] == 0
    picks.pick(ws, event_id, by=b, yes=[a])
    assert "mail" in event_run.step(ws, event_id, "end")
    assert len(inbox.messages) == 2
    assert third not in {m["To"] for m in inbox.parsed()}


def test_matches_made_before_mail_was_configured_go_out_once_later(
    workspace: Workspace, tmp_path: Path, inbox: Inbox
) -> None:
    ws, event_id = started(lexical(workspace), tmp_path)
    a, b, _ = _pair(ws, event_id)
    picks.pick(ws, event_id, by=a, yes=[b])
    picks.pick(ws, event_id, by=b, yes=[a])
    with pytest.raises(ValueError, match="MUTUALS_SMTP_HOST"):
        match_mail.send_matches(ws, event_id)
    assert inbox.messages == []
    configured = mailing(ws, inbox.port)
    assert event_run.step(configured, event_id, "end")["mail"]["sent"] == 2
    assert match_mail.send_matches(configured, event_id)["sent"] == 0
    assert len(inbox.messages) == 2


def test_a_failed_send_is_tried_again_and_a_withdrawn_yes_is_not_mailed(
    workspace: Workspace, tmp_path: Path, inbox: Inbox
) -> None:
    ws, event_id = started(lexical(workspace), tmp_path)
    a, b, _ = _pair(ws, event_id)
    # Nothing listens on this port: the answer still counts, and the mail waits.
    down = mailing(ws, free_port())
    picks.pick(down, event_id, by=a, yes=[b])
    assert picks.pick(down, event_id, by=b, yes=[a])["new_matches"] == [a]
    failed = match_mail.send_matches(down, event_id)
    assert failed["sent"] == 0 and len(failed["failed"]) == 2
    up = mailing(ws, inbox.port)
    assert match_mail.send_matches(up, event_id)["sent"] == 2
    assert match_mail.send_matches(up, event_id)["sent"] == 0
    assert len(inbox.messages) == 2


def test_a_yes_taken_back_before_sending_is_not_mailed(
    workspace: Workspace, tmp_path: Path, inbox: Inbox
) -> None:
    ws, event_id = started(lexical(workspace), tmp_path)
    a, b, _ = _pair(ws, event_id)
    picks.pick(ws, event_id, by=a, yes=[b])
    picks.pick(ws, event_id, by=b, yes=[a])
    picks.pick(ws, event_id, by=b, yes=[], no=[a])
    assert match_mail.send_matches(mailing(ws, inbox.port), event_id)["sent"] == 0
    assert inbox.messages == []
