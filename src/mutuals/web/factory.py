"""The app for each worker process of ``mutuals serve --workers N``: made from the environment
that the serve command set before starting the workers."""

from __future__ import annotations

import os
from typing import Final

from fastapi import FastAPI

OPEN_ENV: Final = "MUTUALS_SERVE_OPEN"


def create_from_environment() -> FastAPI:
    """A worker's app over ``MUTUALS_DATABASE_URL`` (and the other ``MUTUALS_*`` settings)."""
    from mutuals.services.context import open_workspace
    from mutuals.settings import Settings
    from mutuals.web.app import create_app

    ws = open_workspace(Settings())
    return create_app(ws, open_without_accounts=os.environ.get(OPEN_ENV) == "1", serving=True)
