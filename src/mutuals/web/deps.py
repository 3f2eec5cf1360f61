"""Dependencies injected into routes: the workspace of the signed-in owner, and checked ids."""

from __future__ import annotations

from typing import Annotated, Final

from fastapi import Depends, Path, Request

from mutuals.services.context import Workspace

# Ids are 32-bit integers in the database: a larger number names no contact, and would make the
# driver fail instead of finding nothing.
MAX_ID: Final = 2**31 - 1


def get_workspace(request: Request) -> Workspace:
    """The workspace this app serves (local mode: the default owner's)."""
    ws = request.app.state.workspace
    assert isinstance(ws, Workspace)
    return ws


WorkspaceDep = Annotated[Workspace, Depends(get_workspace)]
ContactId = Annotated[int, Path(ge=1, le=MAX_ID, description="The contact's id")]
