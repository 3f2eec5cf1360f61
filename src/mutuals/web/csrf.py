"""Cross-site request forgery: every state-changing form carries a token only mutuals can make.

The token is an HMAC (itsdangerous) of the signed-in session's key, or, before sign-in and in
local mode, of a random per-browser cookie. A page from another site cannot read either, so it
cannot forge the token. The API is exempt: it authenticates by bearer token, never by cookie.
"""

from __future__ import annotations

from typing import Final

from fastapi import HTTPException, Request
from itsdangerous import Signer

from mutuals.web.access import Principal
from mutuals.web.auth import SAFE_METHODS, AccessConfig, is_api

CSRF_FIELD: Final = "csrf_token"
CSRF_HEADER: Final = "x-csrf-token"
REFUSAL: Final = (
    "This form was not sent from a mutuals page, or the page is too old. Go back, reload it "
    "and send the form again."
)


def _binding(request: Request) -> str:
    principal: Principal | None = getattr(request.state, "principal", None)
    if principal is not None and principal.via == "session" and principal.session_key:
        return principal.session_key
    cookie: str = getattr(request.state, "csrf_cookie", "")
    return cookie


def _signer(request: Request) -> Signer:
    config: AccessConfig = request.app.state.access
    return config.csrf_signer


def csrf_token(request: Request) -> str:
    """The token the page's forms carry (empty when the request has no binding yet)."""
    binding = _binding(request)
    if not binding:
        return ""
    return _signer(request).get_signature(binding).decode()


async def require_csrf(request: Request) -> None:
    """App-wide dependency: a state-changing page request without a valid token is a 403."""
    if request.method in SAFE_METHODS or is_api(request.url.path):
        return
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent:
        form = await request.form()
        value = form.get(CSRF_FIELD, "")
        sent = value if isinstance(value, str) else ""
    binding = _binding(request)
    if not (sent and binding and _signer(request).verify_signature(binding, sent)):
        raise HTTPException(403, REFUSAL)
