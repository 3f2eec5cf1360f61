"""An evening already under way, for the tests of event ties and event follow-ups.

Round 1: Mia, Ana and Bo at one table, Cy with Di. Round 2: Mia with Cy, Ana with Di, Bo with Ed.
Round 3 (not held yet): Mia with Ed. The plan is written as it stands, so that who sat with whom
is known exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from mutuals.clock import FixedClock
from mutuals.services import accounts, attendees, events
from mutuals.services.context import Workspace
from mutuals.store import events as event_store
from mutuals.store.event_models import Event, EventAttendee

TODAY = date(2026, 12, 11)
PASSWORD = "correct horse battery"
PEOPLE = ("Mia Moss", "Ana Silva", "Bo Chen", "Cy Diaz", "Di Ezra", "Ed Fox")
# Why the planner seated Mia with Bo, from Mia's side.
MIA_BO_WHY = "You offer *bookkeeping*, which they need (*help with VAT*) (one-sided so far)."


@dataclass
class World:
    organiser: Workspace
    mia: Workspace
    ana: Workspace
    event_id: int
    ids: dict[str, int]


def as_owner(ws: Workspace, owner_id: int) -> Workspace:
    return Workspace(settings=ws.settings, db=ws.db, owner_id=owner_id).with_clock(
        FixedClock.on(TODAY)
    )


def hold_evening(organiser: Workspace, members: dict[str, int]) -> tuple[int, dict[str, int]]:
    """The evening, run by ``organiser``; ``members`` links attendees to member accounts.
    Returns the event id and each attendee's id by name."""
    event = events.create_event(
        organiser, name="Hour of Power", starts_at=datetime(2026, 12, 10, 18, 30), place="Leeds"
    )
    for name in PEOPLE:
        attendees.register(
            organiser,
            event["id"],
            name=name,
            email=f"{name.split()[0].lower()}@ex.org",
            company=f"{name.split()[1]} Ltd",
            consent=True,
            member_id=members.get(name),
        )
    with organiser.db.transaction() as session:
        rows = session.query(EventAttendee).filter_by(event_id=event["id"]).all()
        ids = {a.name: a.id for a in rows}
        for a in rows:
            a.linkedin_url = f"https://www.linkedin.com/in/{a.name.split()[0].lower()}"
            a.status = "checked_in"
        m, a_, b, c, d, e = (ids[n] for n in PEOPLE)
        stored = session.get_one(Event, event["id"])
        stored.plan = {
            "rounds": [[[m, a_, b], [c, d]], [[m, c], [a_, d], [b, e]], [[m, e], [a_, b]]],
            "byes": [[e], [], [c, d]],
        }
        stored.rounds, stored.current_round, stored.status = 3, 2, "running"
        event_store.add_reasons(session, event_id=stored.id, reasons={(m, b): MIA_BO_WHY})
    return int(event["id"]), ids


def world_on(workspace: Workspace) -> World:
    """Mia and Ana are members; the organiser is another account."""
    # The first account takes over the database's default owner: the organiser's.
    host, _ = accounts.add_account(workspace, email="org@ex.org", name="Org", password=PASSWORD)
    organiser = as_owner(workspace, host.id)
    mia, _ = accounts.add_account(organiser, email="mia@ex.org", name="Mia Moss", password=PASSWORD)
    ana, _ = accounts.add_account(
        organiser, email="ana@ex.org", name="Ana Silva", password=PASSWORD
    )
    event_id, ids = hold_evening(organiser, {"Mia Moss": mia.id, "Ana Silva": ana.id})
    return World(organiser, as_owner(workspace, mia.id), as_owner(workspace, ana.id), event_id, ids)
