"""The public side of events: the local events directory (page and calendar feed), each listed
event's page with its registration form, and its calendar file. No login needed."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mutuals.services import attendees, events
from mutuals.services.event_files import directory_ics, public_event_ics
from mutuals.web.access import public
from mutuals.web.deps import MAX_ID, PrincipalDep, app_workspace
from mutuals.web.templating import templates

router = APIRouter(include_in_schema=False)

EventId = Annotated[int, Path(ge=1, le=MAX_ID, description="The event's id")]
NearQuery = Annotated[str, Query(max_length=200)]
FromQuery = Annotated[str, Query(max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$")]
CALENDAR = "text/calendar; charset=utf-8"


def _since(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise HTTPException(422, f"'{value}' is not a date; use YYYY-MM-DD") from None


@router.get("/events", response_class=HTMLResponse)
@public
def directory_page(
    request: Request, near: NearQuery = "", from_: Annotated[str, Query(alias="from")] = ""
) -> HTMLResponse:
    ws = app_workspace(request)
    found = events.directory(ws, near=near or None, since=_since(from_[:10]))
    return templates.TemplateResponse(
        request, "events/directory.html", {"events": found, "near": near, "from_": from_}
    )


@router.get("/events.ics")
@public
def directory_feed(request: Request, near: NearQuery = "") -> Response:
    data = directory_ics(app_workspace(request), near=near or None)
    return Response(data, media_type=CALENDAR)


@router.get("/events/{event_id}", response_class=HTMLResponse)
@public
def event_page(request: Request, event_id: EventId, me: PrincipalDep) -> HTMLResponse:
    return _event_page(request, event_id, me_signed_in=me.via == "session")


def _event_page(
    request: Request,
    event_id: int,
    *,
    me_signed_in: bool,
    error: str = "",
    typed: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    try:
        event = events.public_event(app_workspace(request), event_id)
    except events.EventNotFound as exc:
        raise HTTPException(404, "Not Found") from exc
    return templates.TemplateResponse(
        request,
        "events/public.html",
        {"event": event, "error": error, "typed": typed or {}, "member": me_signed_in},
        status_code=status,
    )


@router.get("/events/{event_id}/calendar.ics")
@public
def event_calendar(request: Request, event_id: EventId) -> Response:
    try:
        data = public_event_ics(app_workspace(request), event_id)
    except events.EventNotFound as exc:
        raise HTTPException(404, "Not Found") from exc
    return Response(
        data,
        media_type=CALENDAR,
        headers={"Content-Disposition": f'attachment; filename="event-{event_id}.ics"'},
    )


def _lines(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ";").split(";") if part.strip()]


@router.post("/events/{event_id}/register", response_model=None)
@public
def register(
    request: Request,
    event_id: EventId,
    me: PrincipalDep,
    name: Annotated[str, Form(max_length=400)] = "",
    email: Annotated[str, Form(max_length=320)] = "",
    company: Annotated[str, Form(max_length=300)] = "",
    headline: Annotated[str, Form(max_length=500)] = "",
    interests: Annotated[str, Form(max_length=2000)] = "",
    offers: Annotated[str, Form(max_length=2000)] = "",
    needs: Annotated[str, Form(max_length=2000)] = "",
    consent: Annotated[str, Form(max_length=10)] = "",
    member: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Join the list (or the waiting list past the cap); then off to one's own private page."""
    signed_in = me.via == "session"
    try:
        done = attendees.register(
            app_workspace(request),
            event_id,
            name=name,
            email=email,
            company=company,
            headline=headline,
            interests=_lines(interests),
            offers=_lines(offers),
            needs=_lines(needs),
            consent=bool(consent),
            # Only a signed-in member can link their own account: never someone else's.
            member_id=me.owner_id if signed_in and member else None,
        )
    except events.EventNotFound as exc:
        raise HTTPException(404, "Not Found") from exc
    except ValueError as exc:
        typed = {
            "name": name,
            "email": email,
            "company": company,
            "headline": headline,
            "interests": interests,
            "offers": offers,
            "needs": needs,
        }
        return _event_page(
            request, event_id, me_signed_in=signed_in, error=str(exc), typed=typed, status=400
        )
    return RedirectResponse(f"{done.path}?welcome=1", status_code=303)
