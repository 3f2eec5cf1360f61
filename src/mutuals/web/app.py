"""The FastAPI application: server-rendered pages plus a JSON API under /api/v1."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Final

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp

from mutuals import __version__
from mutuals.services.context import Workspace
from mutuals.services.signin import app_secret
from mutuals.web.access import PublicPaths
from mutuals.web.auth import AccessConfig, AccessMiddleware
from mutuals.web.csrf import require_csrf
from mutuals.web.flash import FlashMiddleware
from mutuals.web.live import LiveEvents
from mutuals.web.routers import (
    account,
    admin,
    api_contacts,
    api_events,
    attendee,
    auth,
    connecting,
    console,
    contact_forms,
    contacts,
    docs,
    event_public,
    home,
    imports,
    organise,
    prospects,
    relationships,
)
from mutuals.web.security import SecurityHeadersMiddleware, server_error
from mutuals.web.templating import templates

STATIC = Path(__file__).with_name("static")


class MutualsApp(FastAPI):
    """FastAPI with the security headers outside everything, error pages included."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeadersMiddleware(super().build_middleware_stack())


def create_app(
    ws: Workspace, *, open_without_accounts: bool = True, warm: bool = False, serving: bool = False
) -> FastAPI:
    """The web app serving the given workspace.

    ``open_without_accounts`` is local mode: with no accounts, every request acts as the
    workspace's owner without a login. ``mutuals serve`` allows it only on a loopback address.
    ``warm`` loads the similarity model in the background as the server starts. ``serving``
    (the real server, not a test's app) freezes what start-up loaded out of the garbage
    collector's reach.
    """
    app = MutualsApp(
        title="mutuals",
        version=__version__,
        description=(
            "Network well: contacts, prospects, relationships and speed-networking events. "
            "Every call takes `Authorization: Bearer TOKEN` (from `mutuals user token`) once "
            "the server has accounts. The schema: /api/v1/openapi.json."
        ),
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        # A body over the cap is refused with 413 as it arrives, before any route parses it.
        max_body_size=ws.settings.max_request_bytes,
        # Every state-changing page request needs its form token, on every router.
        dependencies=[Depends(require_csrf)],
        lifespan=_lifespan(ws, warm=warm, serving=serving),
    )
    app.state.workspace = ws
    # Live event pages: woken by every change of an event (see web/live.py).
    app.state.live = LiveEvents(app)
    # The Swagger UI mount comes first: /static would otherwise swallow its paths.
    app.mount(docs.SWAGGER_MOUNT, StaticFiles(directory=docs.SWAGGER_ASSETS), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # contact_forms before contacts: /contacts/new is a page, not a contact id.
    routers = (auth, home, connecting, contact_forms, contacts, imports, prospects, relationships)
    events = (event_public, attendee, organise, console)
    for module in (*routers, account, admin, docs, *events):
        app.include_router(module.router)
    app.include_router(api_contacts.router)
    app.include_router(api_events.router)
    app.state.access = AccessConfig.of(
        app_secret(ws), PublicPaths.of(app.routes), open_without_accounts=open_without_accounts
    )
    app.add_middleware(FlashMiddleware)
    app.add_middleware(AccessMiddleware)
    app.add_exception_handler(Exception, server_error)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(
        request: Request, exc: StarletteHTTPException
    ) -> HTMLResponse | JSONResponse:
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
            )
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": exc.status_code, "detail": exc.detail},
            status_code=exc.status_code,
            headers=exc.headers,
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


# Young objects collected every 100,000 allocations rather than 700, and full collections a
# thousand times rarer: a round change to 500 phones allocates a few hundred thousand objects,
# and the default thresholds collected several times in its middle (p95 169 and 124 ms against
# 208 and 185 ms with the defaults, benchmarks/README.md).
COLLECTOR_THRESHOLDS: Final = (100_000, 50, 1000)


def settle_collector() -> None:
    """Tune the garbage collector for a long-running server: what start-up loaded (modules, the
    app, its routes) lives as long as the server, so it is frozen out of every collection, and
    collections come less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)


def _lifespan(
    ws: Workspace, *, warm: bool, serving: bool
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """Start the live-event listener and, with ``warm``, load the similarity model in the
    background as the server starts."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            from mutuals.web.warmup import warm_model

            app.state.warmup = warm_model(ws.settings.similarity_backend)
        live: LiveEvents = app.state.live
        await live.start()
        if serving:
            settle_collector()
        try:
            yield
        finally:
            await live.stop()

    return lifespan


def _field(loc: Sequence[object]) -> str:
    return str(loc[-1]) if loc else "request"
