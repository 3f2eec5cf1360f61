"""The member's own prospecting profile: what they are, offer, need and care about."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mutuals.domain import limits
from mutuals.domain.profile import Profile
from mutuals.services.context import Workspace
from mutuals.store.models import Owner

PROFILE_LISTS = ("interests", "offers", "needs", "goals")
PROFILE_TEXTS = ("headline", "industry", "location")


def member_profile(ws: Workspace) -> dict[str, Any]:
    """The member's profile as a JSON-ready dictionary."""
    with ws.db.transaction() as session:
        owner = session.get_one(Owner, ws.owner_id)
        return _as_dict(owner)


def set_member_profile(
    ws: Workspace,
    *,
    name: str | None = None,
    headline: str | None = None,
    industry: str | None = None,
    location: str | None = None,
    interests: Sequence[str] | None = None,
    offers: Sequence[str] | None = None,
    needs: Sequence[str] | None = None,
    goals: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Replace the given parts of the member's profile; parts not given stay as they are."""
    lists = {"interests": interests, "offers": offers, "needs": needs, "goals": goals}
    texts = {"headline": headline, "industry": industry, "location": location}
    given: dict[str, Any] = {k: v.strip() for k, v in texts.items() if v is not None}
    given.update({k: split_phrases(v) for k, v in lists.items() if v is not None})
    if name is not None:
        given["name"] = name.strip()
    problem = limits.fields_problem(given, limits.PROFILE_TEXT, limits.PROFILE_LISTS)
    if problem:
        raise limits.FieldError(*problem)
    with ws.db.writing(ws.owner_id) as session:
        owner = session.get_one(Owner, ws.owner_id)
        if name is not None and not given["name"]:
            raise ValueError("your profile needs a name")
        for field, value in given.items():
            setattr(owner, field, value)
        session.flush()
        return _as_dict(owner)


def member_as_profile(ws: Workspace) -> Profile:
    """The member as the prospecting engine sees them."""
    data = member_profile(ws)
    return Profile(
        name=data["name"],
        id=f"owner:{ws.owner_id}",
        headline=data["headline"],
        interests=data["interests"],
        offers=data["offers"],
        needs=data["needs"],
        goals=data["goals"],
        industry=data["industry"],
        location=data["location"],
    )


def split_phrases(items: Sequence[str]) -> list[str]:
    """Phrases from repeated options or ';'-separated text, trimmed and de-duplicated."""
    phrases: dict[str, str] = {}
    for item in items:
        for phrase in item.split(";"):
            phrase = " ".join(phrase.split())
            if phrase:
                phrases.setdefault(phrase.lower(), phrase)
    return list(phrases.values())


def _as_dict(owner: Owner) -> dict[str, Any]:
    data: dict[str, Any] = {"name": owner.name}
    for field in PROFILE_TEXTS:
        data[field] = getattr(owner, field)
    for field in PROFILE_LISTS:
        data[field] = list(getattr(owner, field))
    return data
