"""People to meet: the member's contacts ranked by mutual interest, with the reasons; people the
member may know (second-degree, from friends' shares); and the profile form that drives both."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from mutuals.domain.vocab import DIRECT_CHANNELS
from mutuals.services.member import member_profile, set_member_profile
from mutuals.services.prospects import NoProspects, ProfileMissing, prospects
from mutuals.services.suggestions import suggestions
from mutuals.web.deps import WorkspaceDep
from mutuals.web.flash import redirect
from mutuals.web.templating import templates

router = APIRouter(include_in_schema=False)


@router.get("/prospects", response_class=HTMLResponse)
def people_to_meet(
    request: Request, ws: WorkspaceDep, top: Annotated[int, Query(ge=1, le=200)] = 20
) -> HTMLResponse:
    try:
        ranked = prospects(ws, top=top)
        missing = ""
    except ProfileMissing as exc:
        ranked, missing = [], str(exc)
    except NoProspects:
        # The page words the reason itself, with the web's own ways to add offers and needs.
        ranked, missing = [], ""
    known = suggestions(ws, today=ws.clock.today(), top=10)
    return templates.TemplateResponse(
        request,
        "prospects.html",
        {
            "ranked": ranked,
            "missing": missing,
            "top": top,
            "known": known,
            "direct_channels": DIRECT_CHANNELS,
        },
    )


@router.get("/profile", response_class=HTMLResponse)
def profile_form(request: Request, ws: WorkspaceDep) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "profile.html", {"p": member_profile(ws), "error": ""}
    )


@router.post("/profile", response_model=None)
def profile_submit(
    request: Request,
    ws: WorkspaceDep,
    name: Annotated[str, Form(max_length=200)],
    headline: Annotated[str, Form(max_length=500)] = "",
    offers: Annotated[str, Form(max_length=5000)] = "",
    needs: Annotated[str, Form(max_length=5000)] = "",
    interests: Annotated[str, Form(max_length=5000)] = "",
    goals: Annotated[str, Form(max_length=5000)] = "",
    location: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    try:
        set_member_profile(
            ws,
            name=name,
            headline=headline,
            location=location,
            offers=offers.splitlines(),
            needs=needs.splitlines(),
            interests=interests.splitlines(),
            goals=goals.splitlines(),
        )
    except ValueError as exc:
        return templates.TemplateResponse(
            request,
            "profile.html",
            {"p": member_profile(ws), "error": str(exc)},
            status_code=400,
        )
    return redirect(request, "/prospects", "Saved your profile.")
