"""Running the evening: start, pause, next round and end, with every time from the workspace
clock and stored, so a restarted server carries on mid-round."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from mutuals.events import timer
from mutuals.services.context import Workspace
from mutuals.services.events import event_dict, find_event, run_state, touch
from mutuals.services.match_mail import mail_configured, send_pending
from mutuals.store.event_models import Event

ACTIONS: Final = ("start", "pause", "next", "end")
_STEPS: Final[dict[str, Callable[[timer.RunState, Any], timer.RunState]]] = {
    "start": timer.start,
    "pause": timer.pause,
    "next": timer.next_round,
    "end": timer.end,
}


def _store_state(event: Event, state: timer.RunState) -> None:
    event.status = state.status
    event.current_round = state.current_round
    event.phase_started_at = state.phase_started_at
    event.elapsed_before = state.elapsed_before


def step(ws: Workspace, ref: str | int, action: str) -> dict[str, Any]:
    """Apply ``action`` (start, pause, next or end) now; returns the event and its moment."""
    if action not in _STEPS:
        raise ValueError(f"unknown action '{action}'; choose one of {', '.join(ACTIONS)}")
    now = ws.clock.now()
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        if action == "start" and event.plan is None:
            raise timer.RunError("plan the event before starting it (mutuals event plan)")
        state = _STEPS[action](run_state(event), now)
        _store_state(event, state)
        if action == "end":
            event.ended_at = now
        touch(session, event, run=True)
        done = {**event_dict(event), "moment": timer.moment(state, now).as_dict()}
    if action == "end" and mail_configured(ws.settings):
        # Matches made while mail was not configured, or whose send failed, go out now.
        try:
            done["mail"] = send_pending(ws, done["id"]).as_dict()
        except ValueError as exc:
            done["mail"] = {"sent": 0, "to": [], "failed": [str(exc)]}
    return done


def moment_of(ws: Workspace, ref: str | int) -> dict[str, Any]:
    """Where the organiser's event is now: phase, round and time left."""
    with ws.db.transaction() as session:
        event = find_event(session, ws.owner_id, ref)
        return timer.moment(run_state(event), ws.clock.now()).as_dict()
