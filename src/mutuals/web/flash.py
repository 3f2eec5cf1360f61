"""Post/redirect/get with a flash message: a form that worked redirects, and the next page says
what happened, once.

The message rides in a short-lived signed cookie (itsdangerous, keyed by the server secret), so
it cannot be forged to put words on a page; the page that shows it deletes the cookie.
"""

from __future__ import annotations

import json
from typing import Final
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import RedirectResponse
from itsdangerous import BadSignature, Signer
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mutuals.web.auth import AccessConfig, cookie_flags

FLASH_COOKIE: Final = "mutuals_flash"
MAX_FLASH: Final = 1000


def _signer(connection: HTTPConnection) -> Signer:
    config: AccessConfig = connection.app.state.access
    # A salt of its own: a flash cookie can never pass for a session or a form token.
    return Signer(config.csrf_signer.secret_keys[-1], salt="mutuals-flash")


def local_target(next_url: str, default: str) -> str:
    """``next_url`` when it is a path on this site, else ``default`` (never an open redirect)."""
    parts = urlsplit(next_url)
    local = next_url.startswith("/") and not next_url.startswith("//") and not parts.netloc
    # A backslash is a slash to some browsers: "/\\evil.example" would leave the site.
    return next_url if local and "\\" not in next_url else default


def redirect(request: Request, url: str, message: str, *, undo: str = "") -> RedirectResponse:
    """A 303 to ``url`` that shows ``message`` on the page it lands on; with ``undo`` (a path on
    this site), the message carries an Undo button that posts there."""
    response = RedirectResponse(url, status_code=303)
    payload = json.dumps({"message": message[:MAX_FLASH], "undo": local_target(undo, "")})
    signed = _signer(request).sign(payload.encode()).decode()
    response.set_cookie(FLASH_COOKIE, signed, max_age=120, **cookie_flags(request))  # type: ignore[arg-type]
    return response


def read_flash_action(connection: HTTPConnection) -> tuple[str, str]:
    """The message waiting for this page and the path its Undo button posts to ("" for none)."""
    signed = connection.cookies.get(FLASH_COOKIE)
    if not signed:
        return "", ""
    try:
        payload = json.loads(_signer(connection).unsign(signed).decode())
    except (BadSignature, UnicodeDecodeError, ValueError):
        return "", ""
    if not isinstance(payload, dict):
        return "", ""
    return str(payload.get("message", "")), str(payload.get("undo", ""))


def read_flash(connection: HTTPConnection) -> str:
    """The message waiting for this page, or ""."""
    return read_flash_action(connection)[0]


class FlashMiddleware:
    """Deletes the flash cookie once a page (not another redirect) has been shown with it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or FLASH_COOKIE.encode() not in _cookie_header(scope):
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)

        async def send_clearing(message: Message) -> None:
            if message["type"] == "http.response.start" and not 300 <= message["status"] < 400:
                headers = MutableHeaders(scope=message)
                content_type = headers.get("content-type", "")
                if content_type.startswith("text/html"):
                    eraser = Response()
                    flags = cookie_flags(connection)
                    eraser.delete_cookie(
                        FLASH_COOKIE,
                        path="/",
                        secure=bool(flags["secure"]),
                        httponly=True,
                        samesite="lax",
                    )
                    headers.append("set-cookie", eraser.headers["set-cookie"])
            await send(message)

        await self.app(scope, receive, send_clearing)


def _cookie_header(scope: Scope) -> bytes:
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            return bytes(value)
    return b""
