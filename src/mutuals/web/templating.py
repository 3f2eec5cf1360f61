"""The Jinja2 templates shared by every page router, with who is signed in and the form token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates


def _access_context(request: Request) -> dict[str, Any]:
    # Imported here: the access modules import services, and templates load before them.
    from mutuals.web.csrf import csrf_token
    from mutuals.web.deps import get_principal
    from mutuals.web.flash import read_flash_action

    flash, flash_undo = read_flash_action(request)
    return {
        "me": get_principal(request),
        "csrf_token": csrf_token(request),
        "flash": flash,
        "flash_undo": flash_undo,
    }


templates = Jinja2Templates(
    directory=Path(__file__).with_name("templates"), context_processors=[_access_context]
)
