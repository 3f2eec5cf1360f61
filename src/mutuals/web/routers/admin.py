"""The admin's page: who has an account, invitations on or off, and a new invitation link."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mutuals.domain.account import ROLES
from mutuals.services import accounts, invitations
from mutuals.web.deps import AdminDep, app_workspace
from mutuals.web.templating import templates

router = APIRouter(prefix="/admin", include_in_schema=False)


def _page(request: Request, *, link: str = "", error: str = "", status: int = 200) -> HTMLResponse:
    ws = app_workspace(request)
    return templates.TemplateResponse(
        request,
        "admin.html",
        {
            "accounts": accounts.list_accounts(ws),
            "open": invitations.invitations_open(ws),
            "roles": ROLES,
            "link": link,
            "error": error,
        },
        status_code=status,
    )


@router.get("", response_class=HTMLResponse)
def admin_page(request: Request, me: AdminDep) -> HTMLResponse:
    return _page(request)


@router.post("/invitations", response_class=HTMLResponse)
def invite_submit(
    request: Request,
    me: AdminDep,
    email: Annotated[str, Form(max_length=320)],
    role: Annotated[str, Form(max_length=20)] = "member",
) -> HTMLResponse:
    ws = app_workspace(request)
    try:
        key = invitations.invite(
            ws, email, role=role, invited_by=me.owner_id if me.signed_in else None
        )
    except ValueError as exc:
        return _page(request, error=str(exc), status=400)
    base = str(request.base_url)
    return _page(request, link=invitations.invitation_link(base, key))


@router.post("/invitations/switch", response_model=None)
def switch_submit(
    request: Request, me: AdminDep, state: Annotated[str, Form(pattern="^(on|off)$")]
) -> Response:
    invitations.set_invitations(app_workspace(request), open_=state == "on")
    return RedirectResponse("/admin", status_code=303)
