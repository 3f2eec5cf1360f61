"""The JSON API for an organiser's events under /api/v1: their list, and each event's state and
figures. Another organiser's event is a 404; picks are never listed, only counted."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path

from mutuals.services import event_run, events, picks
from mutuals.web.deps import MAX_ID, WorkspaceDep

# Any call may be refused for a missing, wrong or revoked token once the server has accounts.
router = APIRouter(
    prefix="/api/v1/events",
    tags=["events"],
    responses={401: {"description": "No valid bearer token"}},
)

EventId = Annotated[int, Path(ge=1, le=MAX_ID, description="The event's id")]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No event of yours has this id"}}


@router.get("")
def list_events(ws: WorkspaceDep) -> list[dict[str, Any]]:
    """The events you organise, soonest first."""
    return events.my_events(ws)


@router.get("/{event_id}", responses=NOT_FOUND)
def get_event(ws: WorkspaceDep, event_id: EventId) -> dict[str, Any]:
    """One of your events: its settings, where the evening is now, and how it went so far
    (attendance, no-shows, picks, mutual matches)."""
    try:
        event = events.get_event(ws, event_id)
    except events.EventNotFound as exc:
        raise HTTPException(404, "Not Found") from exc
    stats = picks.event_stats(ws, event_id)
    stats.pop("event", None)
    return {**event, "moment": event_run.moment_of(ws, event_id), "stats": stats}
