"""Logging in and out, and signing up from an invitation."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mutuals.services import invitations
from mutuals.services.context import Workspace
from mutuals.services.signin import (
    LoginRefused,
    LoginThrottled,
    end_session,
    log_in,
    session_lifetime,
    start_session,
)
from mutuals.web.access import public
from mutuals.web.auth import AccessConfig, clear_session_cookie, set_session_cookie
from mutuals.web.deps import PrincipalDep, app_workspace
from mutuals.web.templating import templates

router = APIRouter(include_in_schema=False)

NextQuery = Annotated[str, Query(max_length=2000)]


def safe_next(target: str) -> str:
    """``target`` when it is a path on this site; "/" for anything that could leave it."""
    if (
        not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
        or any(ord(ch) < 32 for ch in target)
    ):
        return "/"
    parts = urlsplit(target)
    return "/" if parts.scheme or parts.netloc else target


def _pending(ws: Workspace, key: str) -> invitations.PendingInvitation:
    try:
        return invitations.pending_invitation(ws, key)
    except invitations.InvitationInvalid as exc:
        raise HTTPException(404, str(exc)) from None


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _signed_in_response(request: Request, key: str, target: str) -> Response:
    ws = app_workspace(request)
    config: AccessConfig = request.app.state.access
    response = RedirectResponse(target, status_code=303)
    max_age = int(session_lifetime(ws).total_seconds())
    set_session_cookie(response, request, config, key, max_age)
    return response


@router.get("/login", response_class=HTMLResponse, response_model=None)
@public
def login_form(request: Request, me: PrincipalDep, next: NextQuery = "/") -> Response:
    if me.via in ("session", "local"):
        return RedirectResponse(safe_next(next), status_code=303)
    return templates.TemplateResponse(
        request, "auth/login.html", {"next": safe_next(next), "error": "", "email": ""}
    )


@router.post("/login", response_model=None)
@public
def login_submit(
    request: Request,
    me: PrincipalDep,
    email: Annotated[str, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    ws = app_workspace(request)
    target = safe_next(next)
    context = {"next": target, "email": email}
    try:
        signed = log_in(ws, email=email, password=password, address=_address(request))
    except LoginThrottled as exc:
        return templates.TemplateResponse(
            request,
            "auth/login.html",
            {**context, "error": str(exc)},
            status_code=429,
            headers={"Retry-After": str(exc.wait_seconds)},
        )
    except LoginRefused:
        return templates.TemplateResponse(
            request,
            "auth/login.html",
            {**context, "error": "Wrong email or password."},
            status_code=400,
        )
    if me.session_key:
        # Signing in as someone else on this browser ends the old session, not just its cookie.
        end_session(ws, me.session_key)
    return _signed_in_response(request, signed.key, target)


@router.post("/logout", response_model=None)
def logout(request: Request, me: PrincipalDep) -> Response:
    if me.session_key:
        end_session(app_workspace(request), me.session_key)
    response = RedirectResponse("/login", status_code=303)
    clear_session_cookie(response, request)
    return response


@router.get("/invite/{key}", response_class=HTMLResponse)
@public
def invitation_form(request: Request, key: str) -> HTMLResponse:
    pending = _pending(app_workspace(request), key)
    return templates.TemplateResponse(
        request, "auth/invite.html", {"invite": pending, "key": key, "error": "", "name": ""}
    )


@router.post("/invite/{key}", response_model=None)
@public
def invitation_submit(
    request: Request,
    me: PrincipalDep,
    key: str,
    name: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1024)],
    password_again: Annotated[str, Form(max_length=1024)],
) -> Response:
    ws = app_workspace(request)
    pending = _pending(ws, key)
    try:
        if password != password_again:
            raise ValueError("The two passwords differ.")
        account = invitations.accept_invitation(ws, key, name=name, password=password)
    except invitations.InvitationInvalid as exc:
        raise HTTPException(404, str(exc)) from None
    except ValueError as exc:
        return templates.TemplateResponse(
            request,
            "auth/invite.html",
            {"invite": pending, "key": key, "error": str(exc), "name": name},
            status_code=400,
        )
    if me.session_key:
        end_session(ws, me.session_key)
    return _signed_in_response(request, start_session(ws, account.id), "/")
