"""The sign-in gate: one ASGI middleware that finds who is asking and turns away who may not.

- API paths (/api/) take ``Authorization: Bearer TOKEN``; a signed-in browser may also read them
  (GET). Without either: 401 with ``WWW-Authenticate: Bearer``.
- Pages take the session cookie. Without it: a redirect to /login?next=...
- Local mode: with no accounts at all, and a server that allows it (a loopback bind), every
  request acts as the default owner, as before accounts existed.
- Public paths (``access.public``) need nobody.

Routes then read the principal from ``request.state.principal``; ``deps.get_workspace`` turns
it into the workspace of that account, so every store query is filtered by its owner.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, replace
from typing import Final
from urllib.parse import quote

from itsdangerous import BadSignature, Signer
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.requests import HTTPConnection
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mutuals.services.context import Workspace
from mutuals.services.signin import any_account, session_account, token_account
from mutuals.web.access import ANONYMOUS, Principal, PublicPaths

SESSION_COOKIE: Final = "mutuals_session"
CSRF_COOKIE: Final = "mutuals_csrf"
SAFE_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS"})
API_PREFIX: Final = "/api/"


@dataclass(frozen=True)
class AccessConfig:
    """What the gate needs, made once per app: signers keyed by the server secret, the public
    paths, and whether local mode may open the app without accounts."""

    session_signer: Signer
    csrf_signer: Signer
    public_paths: PublicPaths
    open_without_accounts: bool

    @classmethod
    def of(
        cls, secret: str, public_paths: PublicPaths, *, open_without_accounts: bool
    ) -> AccessConfig:
        return cls(
            session_signer=Signer(secret, salt="mutuals-session"),
            csrf_signer=Signer(secret, salt="mutuals-csrf"),
            public_paths=public_paths,
            open_without_accounts=open_without_accounts,
        )


def is_api(path: str) -> bool:
    return path.startswith(API_PREFIX)


def cookie_flags(connection: HTTPConnection) -> dict[str, object]:
    """HttpOnly and SameSite=Lax always; Secure whenever the request came over https."""
    return {
        "httponly": True,
        "samesite": "lax",
        "secure": connection.url.scheme == "https",
        "path": "/",
    }


def set_session_cookie(
    response: Response, connection: HTTPConnection, config: AccessConfig, key: str, max_age: int
) -> None:
    """Hand the browser a signed session cookie for ``key``."""
    value = config.session_signer.sign(key).decode()
    response.set_cookie(SESSION_COOKIE, value, max_age=max_age, **cookie_flags(connection))  # type: ignore[arg-type]


def clear_session_cookie(response: Response, connection: HTTPConnection) -> None:
    flags = cookie_flags(connection)
    response.delete_cookie(
        SESSION_COOKIE,
        path="/",
        secure=bool(flags["secure"]),
        httponly=True,
        samesite="lax",
    )


def login_url(path: str, query: str) -> str:
    """/login with ``next`` set to where the visitor was going."""
    target = path + (f"?{query}" if query else "")
    return "/login?next=" + quote(target, safe="/")


class AccessMiddleware:
    """Find the principal for every HTTP request, and refuse the ones that need a login."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        app = scope["app"]
        config: AccessConfig = app.state.access
        if scope["path"].startswith(config.public_paths.prefixes):
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        ws: Workspace = app.state.workspace
        principal = await run_in_threadpool(
            _principal, ws, config, connection.headers, connection.cookies, scope
        )
        state = scope.setdefault("state", {})
        csrf_cookie = connection.cookies.get(CSRF_COOKIE, "")
        new_csrf = not csrf_cookie or len(csrf_cookie) > 100
        if new_csrf:
            csrf_cookie = secrets.token_urlsafe(32)
        state["csrf_cookie"] = csrf_cookie
        if principal is None:
            await _refuse(scope, receive, send, bad_token=False)
            return
        if principal is _BAD_TOKEN:
            await _refuse(scope, receive, send, bad_token=True)
            return
        state["principal"] = principal

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and new_csrf and not is_api(scope["path"]):
                response = Response()
                response.set_cookie(CSRF_COOKIE, csrf_cookie, **cookie_flags(connection))  # type: ignore[arg-type]
                cookie = response.headers["set-cookie"]
                message["headers"] = [
                    *message["headers"],
                    (b"set-cookie", cookie.encode("latin-1")),
                ]
            await send(message)

        await self.app(scope, receive, send_with_cookie)


# A token was given and is wrong: refused even where no login is needed, so a client learns now.
_BAD_TOKEN: Final = Principal(via="anonymous", name="bad token")


def _principal(
    ws: Workspace,
    config: AccessConfig,
    headers: Headers,
    cookies: dict[str, str],
    scope: Scope,
) -> Principal | None:
    path: str = scope["path"]
    api = is_api(path)
    authorization = headers.get("authorization", "")
    if api and authorization:
        scheme, _, token = authorization.partition(" ")
        account = token_account(ws, token.strip()) if scheme.lower() == "bearer" else None
        if account is None:
            return _BAD_TOKEN
        return Principal(
            via="token",
            owner_id=account.id,
            role=account.role,
            email=account.email,
            name=account.name,
        )
    signed = cookies.get(SESSION_COOKIE)
    if signed and (not api or scope["method"] in SAFE_METHODS):
        try:
            key = config.session_signer.unsign(signed).decode()
        except BadSignature:
            key = ""
        account = session_account(ws, key) if key else None
        if account is not None:
            return Principal(
                via="session",
                owner_id=account.id,
                role=account.role,
                email=account.email,
                name=account.name,
                session_key=key,
            )
    if config.open_without_accounts and not any_account(ws):
        return Principal(via="local", owner_id=ws.owner_id, role="admin", name="local")
    if config.public_paths.allows(path):
        return ANONYMOUS
    return None


async def _refuse(scope: Scope, receive: Receive, send: Send, *, bad_token: bool) -> None:
    if is_api(scope["path"]):
        detail = (
            "invalid or revoked token" if bad_token else "sign in: send Authorization: Bearer TOKEN"
        )
        response: Response = Response(
            json.dumps({"detail": detail}),
            status_code=401,
            media_type="application/json",
            headers={
                "WWW-Authenticate": 'Bearer realm="mutuals"'
                + (', error="invalid_token"' if bad_token else "")
            },
        )
    else:
        query = scope.get("query_string", b"").decode("latin-1")
        target = login_url(scope["path"], query) if scope["method"] in SAFE_METHODS else "/login"
        response = Response(status_code=303, headers={"Location": target})
    await response(scope, receive, send)


def with_principal(ws: Workspace, principal: Principal) -> Workspace:
    """The workspace of the principal's owner (the app's default owner in local mode)."""
    assert principal.owner_id is not None, "no owner: the route needs a login"
    return ws if ws.owner_id == principal.owner_id else replace(ws, owner_id=principal.owner_id)
