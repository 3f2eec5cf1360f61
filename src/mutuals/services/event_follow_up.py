"""What a follow-up after a speed-networking event recalls: the event's name and day, and why the
two were seated together; it refuses an event the member was not at, or someone they did not
sit with there."""

from __future__ import annotations

from typing import Any

from mutuals.services.context import Workspace
from mutuals.services.events import EventNotFound
from mutuals.services.graph_people import MemberGraph
from mutuals.services.picks import NotMet
from mutuals.store import events as event_store


def event_follow_up(ws: Workspace, mg: MemberGraph, node: int, event_id: int) -> dict[str, Any]:
    """``{"event", "event_date", "event_place", "why"}`` for a follow-up to ``node`` after
    ``event_id``; ``why`` is the event's reason for seating us together, from my side, or "".

    Raises EventNotFound unless the member was on the event's list (the same words whether the
    event does not exist or is someone else's), and NotMet unless ``node`` sat with them there.
    """
    with ws.db.transaction() as session:
        attended = event_store.attended_by(session, member_id=ws.owner_id)
        found = next(((e, a) for e, a in attended if e.id == event_id), None)
        if found is None:
            raise EventNotFound(f"no event {event_id} among the events you were on the list of")
        event, mine = found
        day = event.starts_at.date().isoformat()
        tablemates = {a: n for (e, a), n in mg.node_met_at.items() if e == event_id}
        met = [a for a, n in tablemates.items() if n == node]
        if not met:
            # The same person under another company (a contact's record is older than the
            # registration, say): their name alone, if it names one tablemate only.
            key = mg.people.name_keys[node]
            same_name = [a for a, n in tablemates.items() if mg.people.name_keys[n] == key]
            met = same_name if len(same_name) == 1 else []
        if not met:
            raise NotMet(f"{mg.name_of(node)} did not sit with you at {event.name} ({day})")
        reasons = event_store.reasons_for(session, event_id=event_id)
        return {
            "event": event.name,
            "event_date": day,
            "event_place": event.place,
            "why": reasons.get((mine.id, met[0]), ""),
        }


def events_met(ws: Workspace, mg: MemberGraph, node: int) -> list[dict[str, Any]]:
    """The events at which ``node`` sat with the member, latest first: ``{"id", "name",
    "date"}``, for offering a follow-up after each."""
    event_ids = sorted({e for (e, _), n in mg.node_met_at.items() if n == node})
    if not event_ids:
        return []
    with ws.db.transaction() as session:
        found = [event_store.event_by_id(session, event_id=e) for e in event_ids]
        met = [
            {"id": e.id, "name": e.name, "date": e.starts_at.date().isoformat()}
            for e in found
            if e is not None
        ]
    return sorted(met, key=lambda e: (e["date"], e["id"]), reverse=True)
