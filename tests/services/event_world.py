"""An event for service and web tests: an organiser, attendees from a profile CSV, a fixed clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mutuals.clock import FixedClock
from mutuals.services import attendees, event_plan, event_run, events
from mutuals.services.context import Workspace

# Twelve people; the two at Acme must sit apart whenever the plan can manage it.
PEOPLE = [
    ("Priya Shah", "priya@example.com", "Shah & Co", "bookkeeping and tax returns", "a website"),
    ("Tom Becker", "tom@example.com", "Becker Web", "websites for shops", "help with VAT"),
    ("Ruth Cohen", "ruth@example.com", "Calm Minds", "stress workshops", "new clients"),
    ("Marco Rossi", "marco@example.com", "Rossi Legal", "employment law", "a bookkeeper"),
    ("Aiko Tanaka", "aiko@example.com", "Brightside", "angel investment", "startups to back"),
    ("Chidi Okafor", "chidi@example.com", "Loopbase", "software for gyms", "seed funding"),
    ("Lena Vogel", "lena@example.com", "Acme", "recruiting engineers", "clients hiring"),
    ("Sam Patel", "sam@example.com", "Acme", "dashboards", "data to analyse"),
    ("Julia Weber", "julia@example.com", "Weber Coaching", "coaching managers", "managers"),
    ("Omar Haddad", "omar@example.com", "Haddad Logistics", "shipping advice", "a recruiter"),
    ("Grace Kim", "grace@example.com", "Kim Events", "event venues", "speakers"),
    ("Ben Clarke", "ben@example.com", "Clarke Studio", "logo design", "a web designer"),
]
PHONE = "+44 7700 900123"
START = datetime(2026, 12, 10, 18, 30, tzinfo=UTC)


def write_csv(path: Path, people: list[tuple[str, str, str, str, str]] = PEOPLE) -> Path:
    lines = ["name,email,company,headline,interests,offers,needs,phone"]
    for name, email, company, offer, need in people:
        lines.append(f"{name},{email},{company},{offer},networking,{offer},{need},{PHONE}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def at(ws: Workspace, moment: datetime) -> Workspace:
    """The workspace with its clock stopped at ``moment``."""
    return ws.with_clock(FixedClock(moment))


def later(ws: Workspace, **delta: float) -> Workspace:
    clock = ws.clock
    assert isinstance(clock, FixedClock)
    return ws.with_clock(clock.advanced(timedelta(**delta)))


def lexical(ws: Workspace) -> Workspace:
    """The workspace with the lexical backend: fast, for tests that are not about wording."""
    return replace(ws, settings=ws.settings.model_copy(update={"similarity_backend": "lexical"}))


def planned_event(
    ws: Workspace, tmp_path: Path, *, checked_in: int = 10, rounds: int = 4, table_size: int = 2
) -> int:
    """An event with everyone imported, the first ``checked_in`` checked in, and a plan."""
    event = events.create_event(
        ws,
        name="Hour of Power",
        starts_at=START.replace(tzinfo=None),
        place="The Hub, Leeds",
        rounds=rounds,
        minutes=7,
        break_minutes=1,
        table_size=table_size,
    )
    attendees.import_attendees(ws, event["id"], write_csv(tmp_path / "people.csv"))
    event_plan.check_in(ws, event["id"], [p[0] for p in PEOPLE[:checked_in]])
    event_plan.plan_event(ws, event["id"])
    return int(event["id"])


def started(ws: Workspace, tmp_path: Path, **options: int) -> tuple[Workspace, int]:
    ws = at(ws, START)
    event_id = planned_event(ws, tmp_path, **options)
    event_run.step(ws, event_id, "start")
    return ws, event_id
