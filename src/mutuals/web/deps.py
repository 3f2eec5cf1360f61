"""Dependencies injected into routes: who is asking, the workspace of their network, checked ids.

``get_workspace`` is the one place a request becomes an owner: the signed-in account's, or the
default owner's in local mode. Store queries are filtered by that owner, so another member's
record is simply not found (404).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Final

from fastapi import Depends, HTTPException, Path, Request

from mutuals.services.context import Workspace
from mutuals.web.access import ANONYMOUS, Principal
from mutuals.web.auth import with_principal

# Ids are 32-bit integers in the database: a larger number names no contact, and would make the
# driver fail instead of finding nothing.
MAX_ID: Final = 2**31 - 1


def app_workspace(request: Request) -> Workspace:
    """The workspace the app was made with (its database, settings and clock)."""
    ws = request.app.state.workspace
    assert isinstance(ws, Workspace)
    return ws


def get_principal(request: Request) -> Principal:
    """Who the request acts for (set by the access middleware)."""
    principal = getattr(request.state, "principal", None)
    return principal if isinstance(principal, Principal) else ANONYMOUS


def get_workspace(request: Request) -> Workspace:
    """The workspace of the signed-in account, or of the default owner in local mode."""
    principal = get_principal(request)
    if principal.owner_id is None:
        # Only a public route can get here without an owner, and it has no network to show.
        raise HTTPException(404, "Not Found")
    return with_principal(app_workspace(request), principal)


def require_role(role: str) -> Callable[[Request], Principal]:
    """A dependency that lets only ``role`` and above through (403 for everyone else)."""

    def check(request: Request) -> Principal:
        principal = get_principal(request)
        if not principal.can(role):
            raise HTTPException(403, f"Only an {role} can open this page.")
        return principal

    return check


def require_account(request: Request) -> Principal:
    """A dependency for account pages: a signed-in account (404 in local mode, which has none)."""
    principal = get_principal(request)
    if principal.via != "session":
        raise HTTPException(
            404, "There are no accounts here: this is local mode (add one with mutuals user add)."
        )
    return principal


WorkspaceDep = Annotated[Workspace, Depends(get_workspace)]
PrincipalDep = Annotated[Principal, Depends(get_principal)]
AccountDep = Annotated[Principal, Depends(require_account)]
AdminDep = Annotated[Principal, Depends(require_role("admin"))]
ContactId = Annotated[int, Path(ge=1, le=MAX_ID, description="The contact's id")]
