"""Relationship pages: the Due page (the digest), its iCalendar feed, and logging on a contact."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mutuals.domain.vocab import CHANNELS, DIRECTIONS, KINDS
from mutuals.relationships import MAX_HORIZON_DAYS, STAGES, check_day
from mutuals.services import relationships as service
from mutuals.services.calendar import follow_up_calendar
from mutuals.services.contacts import ContactNotFound
from mutuals.services.context import Workspace
from mutuals.services.standing import contact_standing, digest, digest_dict
from mutuals.web.deps import ContactId, WorkspaceDep
from mutuals.web.flash import local_target, redirect
from mutuals.web.forms import field_errors
from mutuals.web.templating import templates

router = APIRouter(include_in_schema=False)

DayQuery = Annotated[str, Query(max_length=40, description="As of YYYY-MM-DD (default: today)")]


def as_of(ws: Workspace, value: str) -> date:
    """``?today=YYYY-MM-DD``, or the workspace clock's today."""
    if not value:
        return ws.clock.today()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"'{value}' is not a date; use YYYY-MM-DD") from None
    try:
        return check_day(day, "?today=")
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None


def relationship_context(
    ws: WorkspaceDep, contact_id: int, today: date, form: Mapping[str, object] | None = None
) -> dict[str, object]:
    """What the contact page needs: the contact with its standing, the form's choices, and what
    was typed into the log form (``form``) when it is shown again with an error."""
    try:
        contact = contact_standing(ws, str(contact_id), today=today)
    except ContactNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    return {
        "c": contact,
        "channels": CHANNELS,
        "directions": DIRECTIONS,
        "kinds": KINDS,
        "stages": STAGES,
        "today": today.isoformat(),
        "form": form or {},
        "error": "",
        "errors": {},
    }


@router.get("/due", response_class=HTMLResponse)
def due_page(request: Request, ws: WorkspaceDep, today: DayQuery = "") -> HTMLResponse:
    day = as_of(ws, today)
    return templates.TemplateResponse(
        request, "relationships/due.html", {"d": digest_dict(digest(ws, today=day))}
    )


@router.get("/due.ics")
def due_feed(
    ws: WorkspaceDep,
    today: DayQuery = "",
    within: Annotated[int, Query(ge=0, le=MAX_HORIZON_DAYS)] = 30,
) -> Response:
    payload, _ = follow_up_calendar(
        ws, today=as_of(ws, today), now=ws.clock.now(), within_days=within
    )
    return Response(
        payload,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="mutuals-follow-ups.ics"'},
    )


LOG_CLUES = (
    ("kind", "kinds"),
    ("channel", "channel"),
    ("direction", "direction"),
    ("--on", "on"),
    ("future", "on"),
    ("date", "on"),
)


@router.get("/contacts/{contact_id}/log")
def log_form(contact_id: ContactId) -> RedirectResponse:
    """The log form lives on the contact page (a reload after an error lands here)."""
    return RedirectResponse(f"/contacts/{contact_id}#log", status_code=303)


@router.post("/contacts/{contact_id}/log", response_model=None)
def log_submit(
    request: Request,
    ws: WorkspaceDep,
    contact_id: ContactId,
    channel: Annotated[str, Form(max_length=20)] = "",
    direction: Annotated[str, Form(max_length=10)] = "",
    on: Annotated[str, Form(max_length=10)] = "",
    kinds: Annotated[list[str] | None, Form(max_length=30)] = None,
    note: Annotated[str, Form(max_length=20000)] = "",
) -> Response:
    today = ws.clock.today()
    typed = {
        "on": on,
        "channel": channel,
        "direction": direction,
        "kinds": kinds or [],
        "note": note,
    }
    try:
        try:
            day = date.fromisoformat(on) if on else today
        except ValueError:
            raise ValueError(f"'{on}' is not a date; use YYYY-MM-DD") from None
        done = service.log_interaction(
            ws,
            str(contact_id),
            channel=channel,
            kinds=kinds or [],
            direction=direction,
            on=day,
            note=note,
            today=today,
        )
    except ContactNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    except ValueError as exc:
        context = relationship_context(ws, contact_id, today, form=typed)
        context["errors"] = field_errors(str(exc), LOG_CLUES, "kinds")
        return templates.TemplateResponse(request, "contacts/show.html", context, status_code=400)
    name = done["contacts"][0]["name"]
    message = f"Logged {done['channel']} with {name} on {done['on']} ({', '.join(done['kinds'])})."
    return redirect(request, f"/contacts/{contact_id}#timeline", message)


@router.post("/contacts/{contact_id}/stage", response_model=None)
def stage_submit(
    request: Request,
    ws: WorkspaceDep,
    contact_id: ContactId,
    stage: Annotated[str, Form(max_length=20)],
    note: Annotated[str, Form(max_length=2000)] = "",
    next: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    today = ws.clock.today()
    try:
        done = service.set_stage(ws, str(contact_id), stage, on=today, note=note)
    except ContactNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    except ValueError as exc:
        context = relationship_context(ws, contact_id, today)
        context["error"] = str(exc)
        return templates.TemplateResponse(request, "contacts/show.html", context, status_code=400)
    target = local_target(next, f"/contacts/{contact_id}")
    return redirect(request, target, f"{done['name']} is now at stage {done['stage']}.")
