"""An event on the community server of tests/web/community.py, run by its organiser account.

Member A is on the list as a member; six more people come from a profile CSV, and one of them
has not arrived yet. The event is planned and round 1 is running.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from mutuals.services import attendees, event_plan, event_run, events
from mutuals.services.context import Workspace
from tests.web.community import Community

PEOPLE = [
    ("Priya Shah", "priya.event@example.com", "Shah & Co", "bookkeeping", "a website"),
    ("Tom Becker", "tom.event@example.com", "Becker Web", "websites", "help with VAT"),
    ("Ruth Cohen", "ruth.event@example.com", "Calm Minds", "workshops", "new clients"),
    ("Marco Rossi", "marco.event@example.com", "Rossi Legal", "employment law", "a bookkeeper"),
    ("Aiko Tanaka", "aiko.event@example.com", "Brightside", "investment", "startups"),
    ("Chidi Okafor", "chidi.event@example.com", "Loopbase", "gym software", "funding"),
    ("Late Larry", "larry.event@example.com", "Larry Ltd", "lateness", "patience"),
]
PHONE = "+44 7700 900456"


@dataclass(frozen=True)
class EventWorld:
    """Ids the authorisation matrix fills into paths and forms."""

    event_id: int
    key: str  # Priya's private link key
    priya: int
    partner: int  # whom Priya sits with in round 1
    late: int  # an attendee not checked in yet
    member_attendee: int  # member A's own attendee record


def write_people(path: Path) -> Path:
    lines = ["name,email,company,headline,interests,offers,needs,phone"]
    lines += [f"{n},{e},{c},{o},events,{o},{need},{PHONE}" for n, e, c, o, need in PEOPLE]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def organiser_ws(community: Community) -> Workspace:
    lexical = community.ws.settings.model_copy(update={"similarity_backend": "lexical"})
    return replace(community.ws, owner_id=community.owner_ids["organiser"], settings=lexical)


def add_event(community: Community, folder: Path) -> EventWorld:
    ws = organiser_ws(community)
    event = events.create_event(
        ws,
        name="Matrix Night",
        starts_at=datetime(2026, 12, 10, 18, 30),
        place="The Hub, Leeds",
        rounds=3,
        minutes=7,
        break_minutes=1,
    )
    event_id = int(event["id"])
    attendees.import_attendees(ws, event_id, write_people(folder / "people.csv"))
    attendees.register(
        ws,
        event_id,
        name="Member A",
        email=community.email("member_a"),
        company="Alpha",
        consent=True,
        member_id=community.owner_ids["member_a"],
    )
    event_plan.check_in(ws, event_id, [p[0] for p in PEOPLE[:6]] + ["Member A"])
    event_plan.plan_event(ws, event_id, weights="none")
    event_run.step(ws, event_id, "start")
    ids = {a["name"]: a["id"] for a in attendees.list_attendees(ws, event_id)}
    plan = event_plan.plan_json(ws, event_id)
    table = next(t for t in plan["rounds"][0] if "Priya Shah" in t)
    partner = next(n for n in table if n != "Priya Shah")
    key = attendees.issue_link(ws, event_id, "Priya Shah").removeprefix("/e/")
    return EventWorld(
        event_id=event_id,
        key=key,
        priya=ids["Priya Shah"],
        partner=ids[partner],
        late=ids["Late Larry"],
        member_attendee=ids["Member A"],
    )
