"""The FastAPI application: server-rendered pages plus a JSON API under /api/v1."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from mutuals import __version__
from mutuals.services.context import Workspace
from mutuals.web.routers import api_contacts, contacts, home, prospects, relationships
from mutuals.web.templating import templates

STATIC = Path(__file__).with_name("static")


def create_app(ws: Workspace) -> FastAPI:
    """The web app serving the given workspace."""
    app = FastAPI(
        title="mutuals",
        version=__version__,
        description="Network well: contacts, prospects, relationships and speed-networking events.",
        openapi_url="/api/v1/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        # A body over the cap is refused with 413 as it arrives, before any route parses it.
        max_body_size=ws.settings.max_request_bytes,
    )
    app.state.workspace = ws
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(home.router)
    app.include_router(contacts.router)
    app.include_router(prospects.router)
    app.include_router(relationships.router)
    app.include_router(api_contacts.router)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(
        request: Request, exc: StarletteHTTPException
    ) -> HTMLResponse | JSONResponse:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": exc.status_code, "detail": exc.detail},
            status_code=exc.status_code,
        )

    @app.exception_handler(RequestValidationError)
    async def _bad_request(
        request: Request, exc: RequestValidationError
    ) -> HTMLResponse | Response:
        errors = exc.errors()
        if request.url.path.startswith("/api/"):
            # FastAPI's own report echoes each rejected input: that may be personal data, huge,
            # or text that cannot even be encoded (a lone surrogate). Say where and why only.
            return JSONResponse(
                {
                    "detail": [
                        {"type": e["type"], "loc": list(e["loc"]), "msg": e["msg"]} for e in errors
                    ]
                },
                status_code=422,
            )
        # A path that cannot name anything (an id out of range) is a missing page, not bad input.
        status = 404 if any(error["loc"][:1] == ("path",) for error in errors) else 422
        detail = "; ".join(f"{_field(error['loc'])}: {error['msg']}" for error in errors)
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "detail": detail}, status_code=status
        )

    return app


def _field(loc: Sequence[object]) -> str:
    return str(loc[-1]) if loc else "request"
