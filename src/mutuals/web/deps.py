"""Dependencies injected into routes: the workspace of the signed-in owner."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from mutuals.services.context import Workspace


def get_workspace(request: Request) -> Workspace:
    """The workspace this app serves (local mode: the default owner's)."""
    ws = request.app.state.workspace
    assert isinstance(ws, Workspace)
    return ws


WorkspaceDep = Annotated[Workspace, Depends(get_workspace)]
