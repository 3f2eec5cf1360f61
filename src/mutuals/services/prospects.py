"""Whom should I meet: the member's contacts ranked by mutual interest, with the reasons."""

from __future__ import annotations

from typing import Any

from mutuals.domain.profile import Profile
from mutuals.prospecting import get_backend, rank_prospects
from mutuals.services.context import Workspace
from mutuals.services.member import member_as_profile
from mutuals.store import contacts as store
from mutuals.store.embeddings import DatabaseEmbeddingCache
from mutuals.store.models import Contact


class ProfileMissing(ValueError):
    """The member has not said what they offer or need, so nobody can be ranked for them."""


class NoProspects(ValueError):
    """No contact has anything to match on, so the ranking would be empty: says why and what to do."""


# How a member gives contacts offers and needs: the profile CSV is the one import that has them.
HOW_TO_ADD = (
    "import a profile CSV with their offers and needs (columns name,email,headline,offers,"
    "needs,interests; items separated by ';'), for example mutuals import csv people.csv"
)


def nothing_to_rank(contacts: int) -> NoProspects:
    """The reason the ranking is empty, with the way to fix it."""
    if contacts == 0:
        return NoProspects(f"you have no contacts yet: {HOW_TO_ADD}")
    return NoProspects(
        f"none of your {contacts} contacts has offers, needs or interests yet, so there is "
        f"nothing to match on: {HOW_TO_ADD}"
    )


def contact_profile(contact: Contact) -> Profile:
    """A stored contact as the prospecting engine sees them."""
    return Profile(
        name=contact.full_name,
        id=str(contact.id),
        headline=contact.headline
        or " at ".join(p for p in (contact.position, contact.company) if p),
        interests=contact.interests,
        offers=contact.offers,
        needs=contact.needs,
        goals=contact.goals,
        location=contact.location,
    )


def prospects(ws: Workspace, *, top: int = 10, backend: str | None = None) -> list[dict[str, Any]]:
    """The member's ``top`` contacts by mutual score, best first, each with why.

    Contacts with no offers, needs or interests are left out: there is nothing to match on.
    When that leaves nobody, :class:`NoProspects` says why and how to fix it. Embeddings are
    cached in the database, so only new phrases are embedded.
    """
    me = member_as_profile(ws)
    if not (me.offers or me.needs or me.interests or me.goals):
        raise ProfileMissing(
            "your profile is empty: say what you offer and need first, for example "
            "mutuals profile set --offer 'bookkeeping' --need 'web design'"
        )
    with ws.db.transaction() as session:
        contacts = store.all_contacts(session, owner_id=ws.owner_id)
        by_id = {str(c.id): c for c in contacts}
        candidates = [
            contact_profile(c) for c in contacts if c.offers or c.needs or c.interests or c.goals
        ]
        summaries = {str(c.id): {"company": c.company, "position": c.position} for c in contacts}
    if not candidates:
        raise nothing_to_rank(len(contacts))
    model = get_backend(backend or ws.settings.similarity_backend)
    matches = rank_prospects(
        me, candidates, backend=model, top=top, cache=DatabaseEmbeddingCache(ws.db)
    )
    ranked = []
    for match in matches:
        contact_id = match.candidate.id
        ranked.append(
            {
                "id": int(contact_id),
                "name": by_id[contact_id].full_name,
                **summaries[contact_id],
                "score": round(float(match.score), 3),
                "why": match.why,
            }
        )
    return ranked
