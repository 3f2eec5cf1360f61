"""The member's own account: sharing with the community, password, export and deletion."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mutuals.services import accounts
from mutuals.services.backup import member_backup_json
from mutuals.services.community import (
    SharingOff,
    refresh_community_ties,
    set_sharing,
    sharing_status,
)
from mutuals.services.passwords import key_hash
from mutuals.services.signin import LoginRefused, LoginThrottled, check_credentials
from mutuals.web.auth import clear_session_cookie
from mutuals.web.deps import AccountDep, PrincipalDep, WorkspaceDep
from mutuals.web.templating import templates

router = APIRouter(include_in_schema=False)

Password = Annotated[str, Form(max_length=1024)]


def _confirm(request: Request, ws: WorkspaceDep, email: str, password: str) -> str:
    """ "" when ``password`` is the account's; otherwise what to tell the member."""
    address = request.client.host if request.client else "unknown"
    try:
        check_credentials(ws, email=email, password=password, address=address)
    except LoginThrottled as exc:
        return str(exc)
    except LoginRefused:
        return "That is not your current password."
    return ""


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, ws: WorkspaceDep, me: PrincipalDep) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "account/index.html", {"sharing": sharing_status(ws), "done": ""}
    )


@router.post("/account/sharing", response_model=None)
def sharing_submit(
    request: Request,
    ws: WorkspaceDep,
    me: AccountDep,
    action: Annotated[str, Form(pattern="^(on|off|refresh)$")],
) -> Response:
    if action == "refresh":
        try:
            refresh_community_ties(ws)
        except SharingOff as exc:
            raise HTTPException(400, str(exc)) from None
    else:
        set_sharing(ws, on=action == "on")
    return RedirectResponse("/account#sharing", status_code=303)


@router.get("/account/export.json")
def export_mine(ws: WorkspaceDep, me: PrincipalDep) -> Response:
    """Only the member's own data, in the backup format `mutuals restore` reads."""
    return Response(
        member_backup_json(ws.db, ws.owner_id),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="mutuals-my-data.json"'},
    )


@router.get("/account/password", response_class=HTMLResponse)
def password_form(request: Request, me: AccountDep) -> HTMLResponse:
    return templates.TemplateResponse(request, "account/password.html", {"error": ""})


@router.post("/account/password", response_model=None)
def password_submit(
    request: Request,
    ws: WorkspaceDep,
    me: AccountDep,
    current: Password,
    new: Password,
    new_again: Password,
) -> Response:
    assert me.email is not None and me.session_key is not None
    error = _confirm(request, ws, me.email, current)
    if not error and new != new_again:
        error = "The two new passwords differ."
    if not error:
        try:
            accounts.set_password(ws, me.email, new, keep_session=key_hash(me.session_key))
        except ValueError as exc:
            error = str(exc)
    if error:
        status = 429 if error.startswith("Too many") else 400
        return templates.TemplateResponse(
            request, "account/password.html", {"error": error}, status_code=status
        )
    return templates.TemplateResponse(
        request,
        "account/index.html",
        {"sharing": sharing_status(ws), "done": "Password changed; other sessions signed out."},
    )


@router.get("/account/delete", response_class=HTMLResponse)
def delete_form(request: Request, ws: WorkspaceDep, me: AccountDep) -> HTMLResponse:
    assert me.email is not None
    summary = accounts.removal_summary(ws, me.email)
    return templates.TemplateResponse(
        request, "account/delete.html", {"summary": summary, "error": ""}
    )


@router.post("/account/delete", response_model=None)
def delete_submit(
    request: Request, ws: WorkspaceDep, me: AccountDep, password: Password
) -> Response:
    assert me.email is not None
    error = _confirm(request, ws, me.email, password)
    if not error:
        try:
            accounts.remove_account(ws, me.email)
        except accounts.AccountError as exc:
            error = str(exc)
    if error:
        summary = accounts.removal_summary(ws, me.email)
        return templates.TemplateResponse(
            request,
            "account/delete.html",
            {"summary": summary, "error": error},
            status_code=400,
        )
    response = RedirectResponse("/login?deleted=1", status_code=303)
    clear_session_cookie(response, request)
    return response
