"""Privacy of the evening: every attendee page and response is fetched, and no email or phone
number appears in it except between the two people of a mutual match. A one-sided yes changes
nothing anyone else can see."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mutuals.clock import FixedClock
from mutuals.services import attendees, event_plan, event_run, events, picks
from mutuals.services.context import Workspace
from mutuals.web.app import create_app
from tests.services.event_world import lexical
from tests.web.conftest import send_form_tokens

PEOPLE = [
    (f"Person {c}", f"person.{c.lower()}@example.org", f"+44 7700 90{i:04d}")
    for i, c in enumerate("ABCDEFGH")
]


@pytest.fixture
def evening(sqlite_workspace: Workspace, tmp_path: Path) -> Iterator[dict[str, Any]]:
    ws = lexical(sqlite_workspace).with_clock(
        FixedClock(datetime(2026, 12, 10, 18, 30, tzinfo=UTC))
    )
    csv = tmp_path / "people.csv"
    csv.write_text(
        "name,email,phone,company,headline,interests,offers,needs\n"
        + "".join(f"{n},{e},{p},Co {n[-1]},,chess,advice,clients\n" for n, e, p in PEOPLE),
        encoding="utf-8",
    )
    event = events.create_event(
        ws, name="Private Night", starts_at=datetime(2026, 12, 10, 18, 30), place="Leeds", rounds=3
    )
    event_id = int(event["id"])
    attendees.import_attendees(ws, event_id, csv)
    event_plan.check_in(ws, event_id, [n for n, _, _ in PEOPLE])
    event_plan.plan_event(ws, event_id, weights="none")
    event_run.step(ws, event_id, "start")
    ids = {a["name"]: a["id"] for a in attendees.list_attendees(ws, event_id)}
    keys = {
        name: attendees.issue_link(ws, event_id, name).removeprefix("/e/") for name, _, _ in PEOPLE
    }
    tables = event_plan.plan_json(ws, event_id)["rounds"][0]
    (a, b), (c, d) = tables[0], tables[1]
    with TestClient(create_app(ws)) as client:
        yield {
            "ws": ws,
            "event_id": event_id,
            "ids": ids,
            "keys": keys,
            "client": client,
            "mutual": (a, b),
            "one_sided": (c, d),
        }


def _fetch_all(client: TestClient, key: str) -> str:
    texts = []
    for suffix in ("", "/state", "/stream?once=1", "/matches.vcf"):
        response = client.get(f"/e/{key}{suffix}")
        assert response.status_code == 200, suffix
        texts.append(response.text)
    return "\n".join(texts)


def _contact_strings(name: str) -> tuple[str, str]:
    _, email, phone = next(p for p in PEOPLE if p[0] == name)
    return email, phone


def test_no_email_or_phone_appears_except_between_mutual_pairs(evening: dict[str, Any]) -> None:
    ws, event_id, ids = evening["ws"], evening["event_id"], evening["ids"]
    a, b = evening["mutual"]
    c, d = evening["one_sided"]
    picks.answer(ws, event_id, ids[a], ids[b], yes=True)
    picks.answer(ws, event_id, ids[b], ids[a], yes=True)
    picks.answer(ws, event_id, ids[c], ids[d], yes=True)
    picks.answer(ws, event_id, ids[d], ids[c], yes=False)
    client: TestClient = evening["client"]
    for name, _, _ in PEOPLE:
        text = _fetch_all(client, evening["keys"][name])
        allowed = {b: {a}, a: {b}}.get(name, set()) | {name}
        for other, email, phone in PEOPLE:
            shown = email in text or phone in text
            assert shown == (other in allowed and other != name), (name, other)
    # The pair's own pages show each other's details; nobody else's does.
    assert _contact_strings(b)[0] in _fetch_all(client, evening["keys"][a])
    # The public pages and calendars show no attendee's details at all.
    for path in (
        "/events",
        f"/events/{event_id}",
        "/events.ics",
        f"/events/{event_id}/calendar.ics",
    ):
        text = client.get(path).text
        assert not any(e in text or p in text for _, e, p in PEOPLE), path
    # Nothing in any response says who picked whom: no other attendee's answer is ever sent.
    state = client.get(f"/e/{evening['keys'][d]}/state").json()
    assert [m["answer"] for m in state["met"] if m["name"] == c] == [False]


def test_a_one_sided_yes_changes_nothing_the_other_side_sees(evening: dict[str, Any]) -> None:
    ws, event_id, ids = evening["ws"], evening["event_id"], evening["ids"]
    c, d = evening["one_sided"]
    client: TestClient = evening["client"]
    before = client.get(f"/e/{evening['keys'][d]}/state").json()
    picks.answer(ws, event_id, ids[c], ids[d], yes=True)
    after = client.get(f"/e/{evening['keys'][d]}/state").json()
    assert after == before
    mine = client.get(f"/e/{evening['keys'][c]}/state").json()
    assert [m["answer"] for m in mine["met"] if m["name"] == d] == [True]
    assert mine["matches"] == []


def test_an_unknown_or_forged_key_is_404_on_every_attendee_route(evening: dict[str, Any]) -> None:
    client: TestClient = send_form_tokens(evening["client"], "/events")
    real = evening["keys"]["Person A"]
    forged = real[:-2] + ("xy" if not real.endswith("xy") else "zz")
    for key in (forged, "x" * 24, "short"):
        for suffix in ("", "/state", "/stream?once=1", "/matches.vcf"):
            assert client.get(f"/e/{key}{suffix}").status_code == 404, (key, suffix)
        response = client.post(f"/e/{key}/answers", data={"other": "1", "answer": "yes"})
        assert response.status_code == 404
    assert re.fullmatch(r"[A-Za-z0-9_-]{24}", real)
