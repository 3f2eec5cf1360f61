"""An attendee's phone page at /e/KEY: their table now, whom they meet and why, the countdown,
"Follow up with X?", and their mutual matches' contact details. Live by server-sent events.

The key in the path is the only credential: an unknown or forged one is a 404, like a page that
does not exist. Members also find the events they attended under /my/events.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Annotated, Any, Final

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sse_starlette.sse import EventSourceResponse
from starlette.concurrency import run_in_threadpool

from mutuals.services import attendees, picks
from mutuals.services.event_view import attendee_view, load_personal
from mutuals.web.access import public
from mutuals.web.deps import MAX_ID, AccountDep, WorkspaceDep, app_workspace
from mutuals.web.live import LiveEvents
from mutuals.web.templating import templates

router = APIRouter(include_in_schema=False)

PING: Final = 15
KeyPath = Annotated[str, Path(min_length=1, max_length=100)]


def live_of(request: Request) -> LiveEvents:
    live = request.app.state.live
    assert isinstance(live, LiveEvents)
    return live


def attendee_of(request: Request, key: KeyPath) -> tuple[int, int]:
    """``(event id, attendee id)`` of the link's key; 404 for anything else."""
    found = attendees.attendee_for_key(app_workspace(request), key)
    if found is None:
        raise HTTPException(404, "Not Found")
    return found


AttendeeDep = Annotated[tuple[int, int], Depends(attendee_of)]


async def current_view(request: Request, event_id: int, attendee_id: int) -> dict[str, Any]:
    live = live_of(request)
    snap = await live.snapshot(event_id)
    if snap is None:
        raise HTTPException(404, "Not Found")
    ws = app_workspace(request)
    personal = await run_in_threadpool(load_personal, ws, attendee_id)
    return attendee_view(snap, attendee_id, personal, now=ws.clock.now())


@router.get("/e/{key}", response_class=HTMLResponse)
@public
async def phone_page(
    request: Request, key: KeyPath, who: AttendeeDep, welcome: int = 0
) -> HTMLResponse:
    view = await current_view(request, *who)
    can_cancel = await run_in_threadpool(attendees.cancellable, app_workspace(request), *who)
    return templates.TemplateResponse(
        request,
        "events/phone.html",
        {"view": view, "base": f"/e/{key}", "welcome": bool(welcome), "can_cancel": can_cancel},
    )


@router.get("/e/{key}/state")
@public
async def phone_state(request: Request, key: KeyPath, who: AttendeeDep) -> JSONResponse:
    return JSONResponse(await current_view(request, *who))


@router.get("/e/{key}/stream")
@public
async def phone_stream(
    request: Request, key: KeyPath, who: AttendeeDep, once: Annotated[int, Query(ge=0, le=1)] = 0
) -> EventSourceResponse:
    """Server-sent events: the page's state now, then again at every change.

    ``once=1`` sends the state now and closes (for scripts and checks).
    """
    event_id, attendee_id = who
    return EventSourceResponse(
        attendee_events(request, event_id, attendee_id, once=bool(once)), ping=PING
    )


def state_message(version: int, view: dict[str, Any]) -> bytes:
    """One server-sent event carrying a phone's whole state, encoded here rather than by
    sse-starlette's general encoder: a round change sends one to every phone at once. Compact
    JSON never holds a line break, so the state is one ``data:`` line."""
    data = json.dumps(view, separators=(",", ":"))
    return f"event: state\r\nid: {version}\r\ndata: {data}\r\n\r\n".encode()


async def attendee_events(
    request: Request, event_id: int, attendee_id: int, *, once: bool
) -> AsyncIterator[bytes]:
    live = live_of(request)
    ws = app_workspace(request)
    async with live.subscription(event_id, attendee_id) as sub:
        personal = await run_in_threadpool(load_personal, ws, attendee_id)
        while True:
            snap = await live.snapshot(event_id)
            if snap is None:
                return
            view = attendee_view(
                snap, attendee_id, personal, now=app_workspace(request).clock.now()
            )
            yield state_message(snap.version, view)
            if once:
                return
            await sub.wake.wait()
            sub.wake.clear()
            if sub.personal:
                sub.personal = False
                personal = await run_in_threadpool(load_personal, ws, attendee_id)


@router.post("/e/{key}/answers", response_model=None)
@public
async def phone_answer(
    request: Request,
    key: KeyPath,
    who: AttendeeDep,
    other: Annotated[int, Form(ge=1, le=MAX_ID)],
    answer: Annotated[str, Form(pattern="^(yes|no)$")],
) -> Response:
    """Answer "Follow up with X?" (only about someone one sat with)."""
    event_id, attendee_id = who
    ws = app_workspace(request)
    try:
        await run_in_threadpool(picks.answer, ws, event_id, attendee_id, other, yes=answer == "yes")
    except picks.NotMet as exc:
        raise HTTPException(400, str(exc)) from exc
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse(await current_view(request, event_id, attendee_id))
    return RedirectResponse(f"/e/{key}", status_code=303)


@router.post("/e/{key}/cancel", response_class=HTMLResponse)
@public
async def phone_cancel(request: Request, key: KeyPath, who: AttendeeDep) -> HTMLResponse:
    """ "I can't come": the attendee gives their place up before the event begins (the first on
    the waiting list gets it) and their link stops working."""
    ws = app_workspace(request)
    try:
        done = await run_in_threadpool(attendees.cancel_own, ws, *who)
    except attendees.CannotCancel as exc:
        raise HTTPException(400, str(exc)) from exc
    return templates.TemplateResponse(request, "events/cancelled.html", {"done": done})


@router.get("/my/events", response_class=HTMLResponse)
def my_events(request: Request, ws: WorkspaceDep) -> HTMLResponse:
    """The events a member is on the list of."""
    return templates.TemplateResponse(
        request, "events/mine.html", {"events": attendees.events_attended(ws)}
    )


@router.post("/my/events/{event_id}/open", response_model=None)
def open_my_page(
    request: Request,
    ws: WorkspaceDep,
    me: AccountDep,
    event_id: Annotated[int, Path(ge=1, le=MAX_ID)],
) -> Response:
    """A member opens their own phone page for an event they are on the list of."""
    attendee_id = attendees.attendee_for_member(ws, event_id)
    if attendee_id is None:
        raise HTTPException(404, "Not Found")
    path = attendees.member_link(ws, event_id, attendee_id)
    return RedirectResponse(path, status_code=303)


@router.get("/e/{key}/matches.vcf")
@public
async def matches_vcard(request: Request, key: KeyPath, who: AttendeeDep) -> Response:
    """The mutual matches as vCards, for phones and mail apps (and attendees without an
    account)."""
    from mutuals.services.match_mail import match_vcard

    view = await current_view(request, *who)
    return Response(
        match_vcard(view["matches"], view["event"]["name"]),
        media_type="text/vcard; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="matches.vcf"'},
    )
