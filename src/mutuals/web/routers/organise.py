"""The organiser's pages: their events, a new event, and each event's door page (attendees,
import, check-in by name search, the plan, the figures and the printouts).

Only organisers (and admins) open them, and each sees only their own events: another's is a 404.
"""

from __future__ import annotations

import tempfile
from pathlib import Path as FilePath
from typing import Annotated, Any, Final
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mutuals.io.errors import ImportFailure
from mutuals.services import attendees, event_plan, events, picks
from mutuals.web.deps import MAX_ID, WorkspaceDep, require_role
from mutuals.web.templating import templates

router = APIRouter(
    prefix="/organise", include_in_schema=False, dependencies=[Depends(require_role("organiser"))]
)

EventId = Annotated[int, Path(ge=1, le=MAX_ID, description="The event's id")]
# A profile CSV of a few thousand people is well under this.
MAX_UPLOAD: Final = 5 * 1024 * 1024


def own_event(ws: WorkspaceDep, event_id: EventId) -> dict[str, Any]:
    """The organiser's own event, or 404 (also for another organiser's)."""
    try:
        return events.get_event(ws, event_id)
    except events.EventNotFound as exc:
        raise HTTPException(404, "Not Found") from exc


OwnEvent = Annotated[dict[str, Any], Depends(own_event)]


@router.get("", response_class=HTMLResponse)
def my_events(request: Request, ws: WorkspaceDep) -> HTMLResponse:
    return _list_page(request, ws)


def _list_page(
    request: Request, ws: WorkspaceDep, *, error: str = "", status: int = 200
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "events/organise_list.html",
        {"events": events.my_events(ws), "error": error},
        status_code=status,
    )


@router.post("", response_model=None)
def create(
    request: Request,
    ws: WorkspaceDep,
    name: Annotated[str, Form(max_length=300)],
    on: Annotated[str, Form(max_length=16)],
    place: Annotated[str, Form(max_length=300)],
    rounds: Annotated[int, Form(ge=1, le=60)] = 6,
    minutes: Annotated[int, Form(ge=1, le=240)] = 7,
    break_minutes: Annotated[int, Form(ge=0, le=240)] = 1,
    table_size: Annotated[int, Form(ge=2, le=12)] = 2,
    capacity: Annotated[str, Form(max_length=6)] = "",
    timezone: Annotated[str, Form(max_length=64)] = "UTC",
    listed: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    try:
        event = events.create_event(
            ws,
            name=name,
            starts_at=events.parse_when(on.replace("T", " ")),
            place=place,
            rounds=rounds,
            minutes=minutes,
            break_minutes=break_minutes,
            table_size=table_size,
            capacity=int(capacity) if capacity.strip().isdigit() else None,
            timezone=timezone or "UTC",
            listed=bool(listed),
        )
    except ValueError as exc:
        return _list_page(request, ws, error=str(exc), status=400)
    return RedirectResponse(f"/organise/{event['id']}", status_code=303)


def _event_page(
    request: Request,
    ws: WorkspaceDep,
    event: dict[str, Any],
    *,
    q: str = "",
    error: str = "",
    notice: str = "",
    status: int = 200,
) -> HTMLResponse:
    people = attendees.list_attendees(ws, event["id"])
    found = attendees.search_attendees(ws, event["id"], q) if q else []
    plan = event_plan.plan_json(ws, event["id"]) if event["planned"] else None
    return templates.TemplateResponse(
        request,
        "events/organise.html",
        {
            "event": event,
            "people": people,
            "counts": {s: sum(1 for a in people if a["status"] == s) for s in attendees.STATUSES},
            "q": q,
            "found": found,
            "plan": plan,
            "stats": picks.event_stats(ws, event["id"]),
            "error": error,
            "notice": notice,
        },
        status_code=status,
    )


@router.get("/{event_id}", response_class=HTMLResponse)
def event_page(
    request: Request,
    ws: WorkspaceDep,
    event: OwnEvent,
    q: Annotated[str, Query(max_length=200)] = "",
    done: Annotated[str, Query(max_length=300)] = "",
) -> HTMLResponse:
    return _event_page(request, ws, event, q=q, notice=done)


def _number(text: str, field: str) -> int | None:
    """A whole number typed in the edit form, None when left empty."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(f"{field} must be a whole number")
    return int(text)


@router.post("/{event_id}/edit", response_model=None)
def edit(
    request: Request,
    ws: WorkspaceDep,
    event: OwnEvent,
    name: Annotated[str, Form(max_length=300)] = "",
    on: Annotated[str, Form(max_length=16)] = "",
    place: Annotated[str, Form(max_length=300)] = "",
    rounds: Annotated[str, Form(max_length=3)] = "",
    minutes: Annotated[str, Form(max_length=4)] = "",
    break_minutes: Annotated[str, Form(max_length=4)] = "",
    table_size: Annotated[str, Form(max_length=3)] = "",
    capacity: Annotated[str, Form(max_length=6)] = "",
    listed: Annotated[str, Form(max_length=10)] = "",
    listed_shown: Annotated[str, Form(max_length=1)] = "",
) -> Response:
    """Change the event's details; a field left empty stays as it is."""
    try:
        done = events.edit_event(
            ws,
            event["id"],
            name=name or None,
            starts_at=events.parse_when(on.replace("T", " ")) if on.strip() else None,
            place=place or None,
            rounds=_number(rounds, "rounds"),
            minutes=_number(minutes, "minutes"),
            break_minutes=_number(break_minutes, "the break"),
            table_size=_number(table_size, "the table size"),
            capacity=_number(capacity, "the cap"),
            listed=bool(listed) if listed_shown else None,
        )
    except ValueError as exc:
        return _event_page(request, ws, event, error=str(exc), status=400)
    notice = "Saved."
    if done["plan_dropped"]:
        notice += " The plan no longer fits: plan again."
    if done["promoted"]:
        notice += " Moved up from the waiting list: " + ", ".join(done["promoted"]) + "."
    return RedirectResponse(f"/organise/{event['id']}?{urlencode({'done': notice})}", 303)


@router.post("/{event_id}/delete", response_model=None)
def delete(
    request: Request,
    ws: WorkspaceDep,
    event: OwnEvent,
    confirm: Annotated[str, Form(max_length=300)],
) -> Response:
    """Delete the event; the organiser types its name to confirm."""
    if " ".join(confirm.split()) != event["name"]:
        return _event_page(
            request, ws, event, error="Type the event's name exactly to delete it.", status=400
        )
    events.delete_event(ws, event["id"])
    return RedirectResponse("/organise", status_code=303)


@router.post("/{event_id}/attendees", response_model=None)
async def import_attendees(
    request: Request, ws: WorkspaceDep, event: OwnEvent, file: Annotated[UploadFile, File()]
) -> Response:
    """Upload a profile CSV; a bad row is refused with its line and field, nothing written."""
    from starlette.concurrency import run_in_threadpool

    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return _event_page(request, ws, event, error="The file is larger than 5 MB.", status=400)
    name = FilePath(file.filename or "attendees.csv").name
    with tempfile.TemporaryDirectory() as folder:
        path = FilePath(folder) / name
        path.write_bytes(data)
        try:
            done = await run_in_threadpool(attendees.import_attendees, ws, event["id"], path)
        except ImportFailure as exc:
            return _event_page(request, ws, event, error=str(exc), status=400)
    notice = f"Added {done['added']}, updated {done['updated']}: {done['attendees']} on the list."
    return RedirectResponse(f"/organise/{event['id']}?done={notice}", status_code=303)


@router.post("/{event_id}/checkin", response_model=None)
def check_in(
    request: Request,
    ws: WorkspaceDep,
    event: OwnEvent,
    attendee: Annotated[int, Form(ge=1, le=MAX_ID)],
    q: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    try:
        done = event_plan.check_in(ws, event["id"], [str(attendee)])
    except ValueError as exc:
        return _event_page(request, ws, event, q=q, error=str(exc), status=400)
    notice = f"{done[0]['name']} is checked in."
    return RedirectResponse(f"/organise/{event['id']}?done={notice}", status_code=303)


@router.post("/{event_id}/plan", response_model=None)
def plan(
    request: Request,
    ws: WorkspaceDep,
    event: OwnEvent,
    weights: Annotated[str, Form(pattern="^(mutual|none)$")] = "none",
    budget: Annotated[str, Form(max_length=6)] = "",
) -> Response:
    try:
        seconds = _number(budget, "the time limit")
        event_plan.plan_event(
            ws,
            event["id"],
            weights=weights,  # type: ignore[arg-type]
            budget_seconds=None if seconds is None else float(seconds),
        )
    except ValueError as exc:
        return _event_page(request, ws, event, error=str(exc), status=400)
    return RedirectResponse(f"/organise/{event['id']}?done=Planned.", status_code=303)


@router.post("/{event_id}/mail", response_model=None)
def mail(
    request: Request,
    ws: WorkspaceDep,
    event: OwnEvent,
    what: Annotated[str, Form(pattern="^(links|matches)$")],
) -> Response:
    """Email every private link, or every mutual match, not mailed yet (once each)."""
    from mutuals.services.link_mail import send_event_links
    from mutuals.services.match_mail import send_matches

    send = send_event_links if what == "links" else send_matches
    try:
        done = send(ws, event["id"])
    except ValueError as exc:
        return _event_page(request, ws, event, error=str(exc), status=400)
    noun = "private links" if what == "links" else "match emails"
    notice = f"Mailed {done['sent']} {noun}."
    if done["failed"]:
        notice += " Not sent: " + "; ".join(done["failed"])
    return RedirectResponse(f"/organise/{event['id']}?{urlencode({'done': notice[:300]})}", 303)


PRINTS: Final = {"sheets", "itineraries", "badges", "cards"}


@router.get("/{event_id}/print/{what}.pdf")
def printout(ws: WorkspaceDep, event: OwnEvent, what: str) -> Response:
    from mutuals.services.event_files import printout as render

    if what not in PRINTS:
        raise HTTPException(404, "Not Found")
    try:
        data = render(ws, event["id"], what)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{what}.pdf"'},
    )
