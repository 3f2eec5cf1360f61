"""Sharing a network with the community server, by consent: on, off, and refreshed.

A community tie holds a connected contact's name, company, position, LinkedIn URL and tie
strength (as in a network export for a friend); never emails, phones, notes or interactions.
Turning sharing off deletes the ties at once.
"""

from __future__ import annotations

from typing import Any, Final

from mutuals.connecting import tie_strength
from mutuals.io.linkedin_url import normalise_linkedin_url
from mutuals.services.context import Workspace
from mutuals.services.network import full_name
from mutuals.services.signin import utc_now
from mutuals.services.standing import strength_by_contact
from mutuals.store import community as store
from mutuals.store.models import Owner

SHARED_FIELDS: Final = ("name", "company", "position", "linkedin_url", "strength")


class SharingOff(ValueError):
    """Ties can only be refreshed while sharing is on."""


def sharing_status(ws: Workspace) -> dict[str, Any]:
    """Whether the member shares, and how many ties are shared."""
    with ws.db.transaction() as session:
        owner = session.get_one(Owner, ws.owner_id)
        return {
            "sharing": owner.shares_network,
            "ties": store.count_ties(session, owner_id=ws.owner_id),
            "fields": list(SHARED_FIELDS),
        }


def set_sharing(ws: Workspace, *, on: bool) -> dict[str, Any]:
    """Give or withdraw consent. On shares the ties now; off deletes every community tie."""
    with ws.db.writing(ws.owner_id) as session:
        owner = session.get_one(Owner, ws.owner_id)
        owner.shares_network = on
        if not on:
            store.delete_ties(session, owner_id=ws.owner_id)
    if on:
        refresh_community_ties(ws)
    return sharing_status(ws)


def refresh_community_ties(ws: Workspace) -> int:
    """Rebuild the member's community ties from their connected contacts as of today (a
    prospect is someone still to reach, not a tie); returns how many."""
    strength = strength_by_contact(ws, today=ws.clock.today())
    with ws.db.writing(ws.owner_id) as session:
        owner = session.get_one(Owner, ws.owner_id)
        if not owner.shares_network:
            raise SharingOff("sharing is off; turn it on first (mutuals share on)")
        ties = [
            tie_of(row, strength.get(int(row.id), (0.0, ""))[0])
            for row in store.shareable_contacts(session, owner_id=ws.owner_id)
            if row.stage != "prospect"
        ]
        return store.replace_ties(
            session, owner_id=ws.owner_id, ties=[t for t in ties if t["name"]], now=utc_now(ws)
        )


def tie_of(row: Any, score: float) -> dict[str, Any]:
    """A community tie from a contact row and its relationship strength (0-100)."""
    try:
        key = normalise_linkedin_url(row.linkedin_url) or None
    except ValueError:
        key = None
    return {
        "contact_id": int(row.id),
        "name": full_name(row.first_name, row.last_name),
        "company": row.company,
        "position": row.position,
        "linkedin_url": row.linkedin_url,
        "linkedin_key": key,
        "strength": tie_strength(score),
    }
