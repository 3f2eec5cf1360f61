"""Counts of what a workspace holds, for `mutuals info` and the home page."""

from __future__ import annotations

from sqlalchemy import func, select

from mutuals.services.context import Workspace
from mutuals.store.models import Contact, ImportRun, Interaction, Organisation


def workspace_stats(ws: Workspace) -> dict[str, int]:
    """How many contacts, organisations, interactions and imports the owner has."""
    counts: dict[str, int] = {}
    with ws.db.transaction() as session:
        for label, model in (
            ("contacts", Contact),
            ("organisations", Organisation),
            ("interactions", Interaction),
            ("imports", ImportRun),
        ):
            counts[label] = (
                session.scalar(
                    select(func.count()).select_from(model).where(model.owner_id == ws.owner_id)
                )
                or 0
            )
    return counts
