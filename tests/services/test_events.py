"""Event services on SQLite and PostgreSQL: the list, the plan, the run clock, re-planning and
the directory; organisers see only their own events."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from mutuals.events.followup import first_meetings
from mutuals.io.errors import ImportFailure
from mutuals.services import accounts, attendees, event_plan, event_run, events
from mutuals.services.context import Workspace, open_workspace
from mutuals.services.events import AmbiguousName, EventNotFound
from mutuals.store.event_models import Event, EventReason
from tests.services.event_world import (
    PEOPLE,
    START,
    later,
    lexical,
    planned_event,
    started,
    write_csv,
)


def _plan(ws: Workspace, event_id: int) -> list[list[list[int]]]:
    with ws.db.transaction() as session:
        plan = session.get_one(Event, event_id).plan
        assert plan is not None
        rounds: list[list[list[int]]] = plan["rounds"]
        return rounds


def _ids(ws: Workspace, event_id: int) -> dict[str, int]:
    return {a["name"]: a["id"] for a in attendees.list_attendees(ws, event_id)}


def test_import_refuses_a_bad_row_by_line_and_field_and_writes_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    event = events.create_event(
        workspace, name="Hour", starts_at=datetime(2026, 12, 10, 18, 30), place="Leeds"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "name,email,company,headline,interests,offers,needs\n"
        "Ada Lovelace,ada@example.org,,,,,\n"
        "Bad Email,not-an-email,,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailure, match=r"bad\.csv:3: field 'email'"):
        attendees.import_attendees(workspace, event["id"], bad)
    missing = tmp_path / "missing.csv"
    missing.write_text("name,email\nAda Lovelace,\n", encoding="utf-8")
    with pytest.raises(ImportFailure, match=r"missing\.csv:2: field 'email': an email is required"):
        attendees.import_attendees(workspace, event["id"], missing)
    assert attendees.list_attendees(workspace, event["id"]) == []
    done = attendees.import_attendees(workspace, event["id"], write_csv(tmp_path / "ok.csv"))
    assert done == {"added": 12, "updated": 0, "attendees": 12}
    again = attendees.import_attendees(workspace, event["id"], write_csv(tmp_path / "ok.csv"))
    assert again == {"added": 0, "updated": 12, "attendees": 12}


def test_the_plan_seats_everyone_checked_in_never_twice_and_keeps_a_company_apart(
    workspace: Workspace, tmp_path: Path
) -> None:
    ws = lexical(workspace)
    event_id = planned_event(ws, tmp_path, checked_in=10, rounds=5)
    ids = _ids(ws, event_id)
    present = {ids[p[0]] for p in PEOPLE[:10]}
    rounds = _plan(ws, event_id)
    assert len(rounds) == 5
    for tables in rounds:
        seated = [p for t in tables for p in t]
        assert sorted(seated) == sorted(present)
        assert all(len(t) == 2 for t in tables)
    met = first_meetings(rounds)
    assert sum(len(t) * (len(t) - 1) // 2 for r in rounds for t in r) == len(met)
    acme = tuple(sorted((ids["Lena Vogel"], ids["Sam Patel"])))
    assert acme not in met
    planned = event_plan.plan_json(ws, event_id)
    assert planned["rounds"][0][0] == [
        next(n for n, i in ids.items() if i == p) for p in rounds[0][0]
    ]
    with ws.db.transaction() as session:
        reasons = session.scalars(select(EventReason).where(EventReason.event_id == event_id)).all()
    # Both sides of every planned meeting have their "why you two".
    assert len(reasons) == 2 * len(met)


def test_a_restarted_server_resumes_the_countdown_mid_round(
    workspace: Workspace, tmp_path: Path
) -> None:
    ws, event_id = started(lexical(workspace), tmp_path)
    three_minutes_in = later(ws, minutes=3)
    assert event_run.moment_of(three_minutes_in, event_id)["left"] == 240.0
    reopened = open_workspace(ws.settings).with_clock(three_minutes_in.clock)
    try:
        reopened = replace(reopened, owner_id=ws.owner_id)
        moment = event_run.moment_of(reopened, event_id)
        assert (moment["round"], moment["phase"], moment["left"]) == (1, "round", 240.0)
    finally:
        reopened.close()


def test_a_latecomer_sits_from_the_next_round_and_held_rounds_stay(
    workspace: Workspace, tmp_path: Path
) -> None:
    ws, event_id = started(lexical(workspace), tmp_path, checked_in=10, rounds=5)
    before = _plan(ws, event_id)
    ws = later(ws, minutes=8)
    event_run.step(ws, event_id, "next")
    event_plan.check_in(ws, event_id, ["Grace Kim"])
    after = _plan(ws, event_id)
    assert after[:2] == before[:2]
    grace = _ids(ws, event_id)["Grace Kim"]
    assert all(grace in [p for t in tables for p in t] for tables in after[2:])
    met = first_meetings(after)
    assert sum(len(t) * (len(t) - 1) // 2 for r in after for t in r) == len(met)


def test_a_leaver_is_planned_out_of_the_rounds_to_come(
    workspace: Workspace, tmp_path: Path
) -> None:
    ws, event_id = started(lexical(workspace), tmp_path, checked_in=10, rounds=5)
    tom = _ids(ws, event_id)["Tom Becker"]
    event_plan.leave(ws, event_id, "Tom Becker")
    after = _plan(ws, event_id)
    assert tom in [p for t in after[0] for p in t]
    assert all(tom not in [p for t in tables for p in t] for tables in after[1:])
    with pytest.raises(ValueError, match="not checked in"):
        event_plan.leave(ws, event_id, "Ben Clarke")


def test_run_steps_are_stored_and_refused_when_they_do_not_fit(
    workspace: Workspace, tmp_path: Path
) -> None:
    ws, event_id = started(lexical(workspace), tmp_path, rounds=2)
    with pytest.raises(ValueError, match="already running"):
        event_run.step(ws, event_id, "start")
    event_run.step(later(ws, minutes=1), event_id, "pause")
    assert event_run.moment_of(later(ws, hours=2), event_id)["left"] == 360.0
    event_run.step(later(ws, minutes=9), event_id, "next")
    with pytest.raises(ValueError, match="last one"):
        event_run.step(later(ws, minutes=10), event_id, "next")
    done = event_run.step(later(ws, minutes=20), event_id, "end")
    assert done["status"] == "ended" and done["moment"]["phase"] == "ended"


def test_organisers_see_only_their_own_events_and_names_resolve_like_contacts(
    workspace: Workspace,
) -> None:
    olu, _ = accounts.add_account(
        workspace, email="olu@example.org", name="Olu", password="long enough", role="organiser"
    )
    ina, _ = accounts.add_account(
        workspace, email="ina@example.org", name="Ina", password="long enough", role="organiser"
    )
    as_olu, as_ina = replace(workspace, owner_id=olu.id), replace(workspace, owner_id=ina.id)
    first = events.create_event(
        as_olu, name="Hour of Power", starts_at=datetime(2026, 12, 10, 18, 30), place="Leeds"
    )
    events.create_event(
        as_olu, name="Hour of Power", starts_at=datetime(2027, 1, 14, 18, 30), place="Leeds"
    )
    with pytest.raises(EventNotFound):
        events.get_event(as_ina, first["id"])
    with pytest.raises(EventNotFound):
        events.get_event(as_ina, "Hour of Power")
    with pytest.raises(AmbiguousName, match=r"#\d+ Hour of Power \(2026-12-10\); #\d+"):
        events.get_event(as_olu, "hour of power")
    assert [e["id"] for e in events.my_events(as_ina)] == []


def test_the_directory_lists_upcoming_listed_events_by_place_and_date(
    workspace: Workspace,
) -> None:
    for name, when, place, listed in [
        ("Leeds Hour", datetime(2026, 12, 10, 18, 30), "The Hub, Leeds", True),
        ("York Hour", datetime(2026, 12, 11, 8, 0), "Guildhall, York", True),
        ("Past Hour", datetime(2026, 10, 1, 18, 30), "The Hub, Leeds", True),
        ("Private", datetime(2026, 12, 12, 18, 30), "The Hub, Leeds", False),
    ]:
        events.create_event(workspace, name=name, starts_at=when, place=place, listed=listed)
    since = date(2026, 12, 1)
    assert [e["name"] for e in events.directory(workspace, since=since)] == [
        "Leeds Hour",
        "York Hour",
    ]
    assert [e["name"] for e in events.directory(workspace, near="leeds", since=since)] == [
        "Leeds Hour"
    ]
    assert events.directory(workspace, near="leeds", since=date(2026, 12, 11)) == []


def test_registration_fills_the_cap_then_the_waiting_list(workspace: Workspace) -> None:
    event = events.create_event(
        workspace, name="Small", starts_at=datetime(2026, 12, 10, 18, 30), place="Leeds", capacity=2
    )
    states = [
        attendees.register(
            workspace, event["id"], name=f"P{i}", email=f"p{i}@example.org", consent=True
        ).attendee["status"]
        for i in range(3)
    ]
    assert states == ["registered", "registered", "waitlist"]
    with pytest.raises(ValueError, match="agree to be matched"):
        attendees.register(workspace, event["id"], name="No", email="no@example.org", consent=False)
    with pytest.raises(ValueError, match="already on the list"):
        attendees.register(workspace, event["id"], name="P0", email="P0@example.org", consent=True)
    assert events.directory(workspace, since=date(2026, 12, 1))[0]["places_left"] == 0


def test_a_private_link_is_stored_only_as_a_hash_and_a_forged_one_finds_nobody(
    workspace: Workspace, tmp_path: Path
) -> None:
    ws = lexical(workspace)
    event_id = planned_event(ws, tmp_path, checked_in=4)
    path = attendees.issue_link(ws, event_id, "Priya Shah")
    key = path.removeprefix("/e/")
    assert path.startswith("/e/") and len(key) >= 22
    found = attendees.attendee_for_key(ws, key)
    assert found == (event_id, _ids(ws, event_id)["Priya Shah"])
    with ws.db.engine.connect() as conn:
        from sqlalchemy import text

        stored = [row[0] for row in conn.execute(text("SELECT key_hash FROM event_links"))]
    assert stored and key not in stored
    assert attendees.attendee_for_key(ws, key[:-1] + ("A" if key[-1] != "A" else "B")) is None
    assert attendees.attendee_for_key(ws, "../../etc/passwd") is None
    assert START.year == 2026


def test_editing_an_event_drops_a_plan_that_no_longer_fits_and_lets_waiting_people_in(
    workspace: Workspace, tmp_path: Path
) -> None:
    ws = lexical(workspace)
    small = events.create_event(
        ws, name="Small", starts_at=datetime(2026, 12, 10, 18, 30), place="Leeds", capacity=1
    )
    for i in range(3):
        attendees.register(ws, small["id"], name=f"P{i}", email=f"p{i}@example.org", consent=True)
    done = events.edit_event(ws, small["id"], place="  York  ", capacity=2)
    assert (done["place"], done["capacity"], done["promoted"]) == ("York", 2, ["P1"])
    with pytest.raises(ValueError, match="rounds must be between"):
        events.edit_event(ws, small["id"], rounds=0)
    event_id = planned_event(ws, tmp_path, checked_in=6)
    assert events.edit_event(ws, event_id, minutes=5)["planned"] is True
    reshaped = events.edit_event(ws, event_id, rounds=3)
    assert reshaped["plan_dropped"] and not reshaped["planned"] and reshaped["status"] == "draft"
    event_plan.plan_event(ws, event_id)
    event_run.step(ws, event_id, "start")
    with pytest.raises(ValueError, match="has begun"):
        events.edit_event(ws, event_id, table_size=3)
    assert events.edit_event(ws, event_id, name="Renamed Night")["name"] == "Renamed Night"


def test_deleting_an_event_takes_its_list_and_links_and_only_the_organisers_own(
    workspace: Workspace, tmp_path: Path
) -> None:
    ws = lexical(workspace)
    event_id = planned_event(ws, tmp_path, checked_in=4)
    key = attendees.issue_link(ws, event_id, "Priya Shah").removeprefix("/e/")
    # The first account takes over the workspace's own network; the second is someone else.
    made = [
        accounts.add_account(ws, email=f"{n}@example.org", name=n, password="long enough")[0]
        for n in ("first", "other")
    ]
    assert made[1].id != ws.owner_id
    other = replace(ws, owner_id=made[1].id)
    with pytest.raises(events.EventNotFound):
        events.delete_event(other, event_id)
    assert events.delete_event(ws, event_id) == {"deleted": event_id, "name": "Hour of Power"}
    assert attendees.attendee_for_key(ws, key) is None
    with pytest.raises(events.EventNotFound):
        events.get_event(ws, event_id)


def test_the_plan_honours_the_organisers_time_limit(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mutuals.events

    ws = lexical(workspace)
    event_id = planned_event(ws, tmp_path)
    asked: list[float | None] = []
    plan_rotation = mutuals.events.plan_rotation

    def spy(*args: object, **options: object) -> object:
        asked.append(options.get("budget_seconds"))  # type: ignore[arg-type]
        return plan_rotation(*args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(mutuals.events, "plan_rotation", spy)
    planned = event_plan.plan_event(ws, event_id, budget_seconds=0.0)
    assert asked == [0.0]
    assert planned["stats"]["repeats"] == 0 and len(planned["rounds"]) == 4
    with pytest.raises(ValueError, match="--budget"):
        event_plan.plan_event(ws, event_id, budget_seconds=-1.0)
