"""Security headers on every response, and error pages that never show a stack trace."""

from __future__ import annotations

import logging
from typing import Final

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mutuals.web.templating import templates

log = logging.getLogger("mutuals.web")

# No inline script anywhere (scripts are files under /static), no framing, forms post only here.
CONTENT_SECURITY_POLICY: Final = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS: Final = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    # Invitation links carry their key in the path: never send it to another site.
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
HSTS: Final = "max-age=31536000"


class SecurityHeadersMiddleware:
    """Adds ``HEADERS`` to every response (HSTS over https; no caching of pages)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                if https:
                    headers.setdefault("strict-transport-security", HSTS)
                if not static:
                    # Pages hold a member's private network: no shared cache may keep them.
                    headers.setdefault("cache-control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def server_error(request: Request, exc: Exception) -> HTMLResponse | JSONResponse:
    """A 500 that says sorry and nothing more; the traceback goes to the server's log only."""
    log.error("error serving %s %s", request.method, request.url.path, exc_info=exc)
    detail = "Something went wrong on the server. It has been logged; please try again."
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": detail}, status_code=500)
    return templates.TemplateResponse(
        request, "error.html", {"status": 500, "detail": detail}, status_code=500
    )
