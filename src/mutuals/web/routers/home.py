"""The home page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from mutuals.services.stats import workspace_stats
from mutuals.web.deps import WorkspaceDep
from mutuals.web.templating import templates

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request, ws: WorkspaceDep) -> HTMLResponse:
    return templates.TemplateResponse(request, "home.html", {"stats": workspace_stats(ws)})
