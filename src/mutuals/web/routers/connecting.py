"""Connecting pages: reaching a contact (advice, paths, mutual connections, a direct attempt, the
draft note), the Outreach page, and reaching out to someone from People you may know.

Everything is the signed-in member's own graph: a contact id of another member is a 404.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mutuals.connecting.drafts import DRAFT_KINDS
from mutuals.domain.vocab import DIRECT_CHANNELS
from mutuals.services.connecting import connecting_view, outreach, reach_out
from mutuals.services.contacts import AmbiguousContact, ContactNotFound
from mutuals.services.context import Workspace
from mutuals.services.drafts import draft
from mutuals.web.deps import MAX_ID, ContactId, WorkspaceDep
from mutuals.web.routers.relationships import DayQuery, as_of, relationship_context
from mutuals.web.templating import templates

router = APIRouter(include_in_schema=False)


def connecting_context(ws: Workspace, contact_id: int, today: date) -> dict[str, Any]:
    """What the contact page's Reaching section needs (the contact must be the member's)."""
    try:
        view = connecting_view(ws, str(contact_id), today=today)
    except ContactNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    return {"conn": view, "direct_channels": DIRECT_CHANNELS}


def _day(value: str, today: date) -> date:
    if not value:
        return today
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a date; use YYYY-MM-DD") from None


@router.post("/contacts/{contact_id}/reach-out", response_model=None)
def reach_out_submit(
    request: Request,
    ws: WorkspaceDep,
    contact_id: ContactId,
    channel: Annotated[str, Form(max_length=20)],
    on: Annotated[str, Form(max_length=10)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
    today: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Log a direct attempt to reach the contact; back to their page (post/redirect/get)."""
    day = as_of(ws, today)
    try:
        reach_out(ws, str(contact_id), channel=channel, on=_day(on, day), note=note, today=day)
    except ContactNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    except ValueError as exc:
        context = relationship_context(ws, contact_id, day)
        context.update(connecting_context(ws, contact_id, day))
        context["reach_error"] = str(exc)
        return templates.TemplateResponse(request, "contacts/show.html", context, status_code=400)
    suffix = f"?today={today}" if today else ""
    return RedirectResponse(f"/contacts/{contact_id}{suffix}#connecting", status_code=303)


@router.get("/contacts/{contact_id}/draft/{kind}", response_class=HTMLResponse)
def draft_page(
    request: Request,
    ws: WorkspaceDep,
    contact_id: ContactId,
    kind: str,
    via: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    event: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    today: DayQuery = "",
) -> HTMLResponse:
    """The connection note, intro request (to ``via``, by default the best path's first
    friend) or follow-up for the contact (after ``event``, if given), ready to copy."""
    if kind not in DRAFT_KINDS:
        raise HTTPException(404, f"no draft '{kind}' (try {', '.join(DRAFT_KINDS)})")
    day = as_of(ws, today)
    view = connecting_context(ws, contact_id, day)["conn"]
    error = ""
    if kind == "intro" and via is None:
        ask = view["ask"]
        via = ask["id"] if ask else None
    try:
        if kind == "intro" and via is None:
            raise ValueError(f"no mutual connection leads to {view['target']} yet")
        found = draft(
            ws,
            kind,
            str(contact_id),
            via=str(via) if via is not None else None,
            event=event,
            today=day,
        )
    except ContactNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    except ValueError as exc:
        found, error = None, str(exc)
    return templates.TemplateResponse(
        request,
        "connecting/draft.html",
        {"kind": kind, "d": found, "error": error, "conn": view, "contact_id": contact_id},
        status_code=400 if error else 200,
    )


@router.get("/outreach", response_class=HTMLResponse)
def outreach_page(request: Request, ws: WorkspaceDep, today: DayQuery = "") -> HTMLResponse:
    """Every open outreach: waiting, replied, or time to ask for an intro (with the path)."""
    day = as_of(ws, today)
    return templates.TemplateResponse(
        request,
        "connecting/outreach.html",
        {"items": outreach(ws, today=day), "today": day.isoformat()},
    )


@router.post("/people/reach-out", response_model=None)
def reach_out_person(
    ws: WorkspaceDep,
    name: Annotated[str, Form(max_length=400)],
    channel: Annotated[str, Form(max_length=20)] = "linkedin",
) -> Response:
    """Someone from People you may know: log a direct attempt today, which adds them as a
    prospect, and open their page."""
    today = ws.clock.today()
    try:
        found = reach_out(ws, name, channel=channel, on=today, today=today)
    except ContactNotFound as exc:
        # Not the name back: a page should only show what is in the member's own network.
        raise HTTPException(404, "No one by that name in your network.") from exc
    except (AmbiguousContact, ValueError) as exc:
        raise HTTPException(400, str(exc)) from exc
    return RedirectResponse(f"/contacts/{found['id']}#connecting", status_code=303)
