"""During the event: the organiser's console (start, pause, next round, end; late arrival,
no-show and leaving) and the big screen for the projector, live by server-sent events."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sse_starlette.sse import EventSourceResponse
from starlette.concurrency import run_in_threadpool

from mutuals.services import attendees, event_plan, event_run
from mutuals.services.event_view import screen_view
from mutuals.web.deps import MAX_ID, WorkspaceDep, app_workspace, require_role
from mutuals.web.routers.attendee import PING, live_of
from mutuals.web.routers.organise import OwnEvent
from mutuals.web.templating import templates

router = APIRouter(
    prefix="/organise", include_in_schema=False, dependencies=[Depends(require_role("organiser"))]
)


async def _screen(request: Request, event_id: int) -> dict[str, Any]:
    snap = await live_of(request).snapshot(event_id)
    if snap is None:
        raise HTTPException(404, "Not Found")
    return screen_view(snap, now=app_workspace(request).clock.now())


def _console(
    request: Request,
    ws: WorkspaceDep,
    event: dict[str, Any],
    *,
    error: str = "",
    status: int = 200,
) -> HTMLResponse:
    people = attendees.list_attendees(ws, event["id"])
    return templates.TemplateResponse(
        request,
        "events/console.html",
        {
            "event": event,
            "moment": event_run.moment_of(ws, event["id"]),
            "here": [a for a in people if a["status"] == "checked_in"],
            "missing": [a for a in people if a["status"] in ("registered", "waitlist")],
            "error": error,
        },
        status_code=status,
    )


@router.get("/{event_id}/console", response_class=HTMLResponse)
def console(request: Request, ws: WorkspaceDep, event: OwnEvent) -> HTMLResponse:
    return _console(request, ws, event)


@router.post("/{event_id}/run", response_model=None)
def run(
    request: Request,
    ws: WorkspaceDep,
    event: OwnEvent,
    action: Annotated[str, Form(pattern="^(start|pause|next|end)$")],
) -> Response:
    try:
        event_run.step(ws, event["id"], action)
    except ValueError as exc:
        return _console(request, ws, event, error=str(exc), status=400)
    return RedirectResponse(f"/organise/{event['id']}/console", status_code=303)


@router.post("/{event_id}/presence", response_model=None)
def presence(
    request: Request,
    ws: WorkspaceDep,
    event: OwnEvent,
    attendee: Annotated[int, Form(ge=1, le=MAX_ID)],
    action: Annotated[str, Form(pattern="^(late|noshow|leave)$")],
) -> Response:
    """Late arrival, no-show or leaving: the rounds still to come are re-planned."""
    ref = str(attendee)
    try:
        if action == "late":
            event_plan.check_in(ws, event["id"], [ref])
        elif action == "noshow":
            event_plan.no_show(ws, event["id"], ref)
        else:
            event_plan.leave(ws, event["id"], ref)
    except ValueError as exc:
        return _console(request, ws, event, error=str(exc), status=400)
    return RedirectResponse(f"/organise/{event['id']}/console", status_code=303)


@router.get("/{event_id}/screen", response_class=HTMLResponse)
async def screen(request: Request, event: OwnEvent) -> HTMLResponse:
    view = await _screen(request, event["id"])
    return templates.TemplateResponse(
        request, "events/screen.html", {"view": view, "base": f"/organise/{event['id']}/screen"}
    )


@router.get("/{event_id}/screen/state")
async def screen_state(request: Request, event: OwnEvent) -> JSONResponse:
    return JSONResponse(await _screen(request, event["id"]))


@router.get("/{event_id}/screen/stream")
async def screen_stream(
    request: Request, event: OwnEvent, once: Annotated[int, Query(ge=0, le=1)] = 0
) -> EventSourceResponse:
    """Server-sent events for the big screen and the console (``once=1``: one and close)."""
    return EventSourceResponse(_screen_events(request, event["id"], bool(once)), ping=PING)


async def _screen_events(
    request: Request, event_id: int, once: bool
) -> AsyncIterator[dict[str, str]]:
    live = live_of(request)
    async with live.subscription(event_id) as sub:
        while True:
            snap = await live.snapshot(event_id)
            if snap is None:
                return
            view = await run_in_threadpool(
                screen_view, snap, now=app_workspace(request).clock.now()
            )
            yield {"event": "state", "id": str(snap.version), "data": json.dumps(view)}
            if once:
                return
            await sub.wake.wait()
            sub.wake.clear()
