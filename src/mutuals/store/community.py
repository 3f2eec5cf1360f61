"""Community ties: what members share with their community, stored flat and indexed for the graph."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import CursorResult, delete, func, insert, select
from sqlalchemy.orm import Session

from mutuals.domain.person_key import person_key
from mutuals.store.models import CommunityTie, Contact, Owner

# What a shared tie may hold. Emails, phones, notes and interactions are never among them.
TIE_FIELDS = (
    "contact_id",
    "name",
    "company",
    "position",
    "linkedin_url",
    "linkedin_key",
    "strength",
)


def shareable_contacts(session: Session, *, owner_id: int) -> Sequence[Any]:
    """The owner's contacts as the columns a tie is made from (never emails, phones or notes),
    with the stage, since a prospect is not a tie yet."""
    return session.execute(
        select(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Contact.company,
            Contact.position,
            Contact.linkedin_url,
            Contact.stage,
        )
        .where(Contact.owner_id == owner_id)
        .order_by(Contact.id)
    ).all()


def replace_ties(
    session: Session, *, owner_id: int, ties: Sequence[dict[str, Any]], now: Any
) -> int:
    """Replace the owner's community ties with ``ties`` in one statement each way."""
    delete_ties(session, owner_id=owner_id)
    if ties:
        rows = [
            {
                "owner_id": owner_id,
                "created_at": now,
                "person_key": person_key(tie["name"], tie["company"], tie["linkedin_url"]),
                **{k: tie[k] for k in TIE_FIELDS},
            }
            for tie in ties
        ]
        session.execute(insert(CommunityTie), rows)
    return len(ties)


def delete_ties(session: Session, *, owner_id: int) -> int:
    return _count(session.execute(delete(CommunityTie).where(CommunityTie.owner_id == owner_id)))


def count_ties(session: Session, *, owner_id: int) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(CommunityTie).where(CommunityTie.owner_id == owner_id)
        )
        or 0
    )


def community_ties(session: Session, *, exclude_owner: int | None = None) -> Sequence[Any]:
    """Every community tie as ``(owner_id, linkedin_key, name, company, position, strength)``,
    ordered by sharer: the rows the warm-intro graph is loaded from."""
    query = select(
        CommunityTie.owner_id,
        CommunityTie.linkedin_key,
        CommunityTie.name,
        CommunityTie.company,
        CommunityTie.position,
        CommunityTie.strength,
    ).order_by(CommunityTie.owner_id, CommunityTie.id)
    if exclude_owner is not None:
        query = query.where(CommunityTie.owner_id != exclude_owner)
    return session.execute(query).all()


def sharing_members(session: Session, *, exclude_owner: int) -> dict[int, str]:
    """Every member who shares their network now (not one who withdrew or never shared), but
    ``exclude_owner``: owner id to email."""
    rows = session.execute(
        select(Owner.id, Owner.email).where(
            Owner.shares_network.is_(True), Owner.id != exclude_owner, Owner.email.is_not(None)
        )
    )
    return {int(i): str(e) for i, e in rows}


def community_tie_keys(session: Session, *, owner_ids: Iterable[int]) -> Sequence[Any]:
    """The community ties of members ``owner_ids``, who share now, as rows ``(id, owner_id,
    strength, person_key)`` ordered by member: what the graph is built from."""
    wanted = sorted(set(owner_ids))
    if not wanted:
        return []
    # Core, not the ORM: plain rows need no entity processing.
    return (
        session.connection()
        .execute(
            select(
                CommunityTie.id,
                CommunityTie.owner_id,
                CommunityTie.strength,
                CommunityTie.person_key,
            )
            .join(Owner, Owner.id == CommunityTie.owner_id)
            .where(CommunityTie.owner_id.in_(wanted), Owner.shares_network.is_(True))
            .order_by(CommunityTie.owner_id, CommunityTie.id)
        )
        .all()
    )


def community_tie_details(session: Session, *, ids: Iterable[int]) -> dict[int, Any]:
    """Name, company, position and LinkedIn URL of the community ties ``ids``, by id."""
    wanted = sorted(set(ids))
    out: dict[int, Any] = {}
    for start in range(0, len(wanted), 500):
        rows = session.execute(
            select(
                CommunityTie.id,
                CommunityTie.name,
                CommunityTie.company,
                CommunityTie.position,
                CommunityTie.linkedin_url,
            ).where(CommunityTie.id.in_(wanted[start : start + 500]))
        )
        out.update((int(r.id), r) for r in rows)
    return out


def _count(result: object) -> int:
    """How many rows a DELETE touched."""
    assert isinstance(result, CursorResult)
    return int(result.rowcount)
