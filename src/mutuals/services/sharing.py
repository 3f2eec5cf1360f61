"""Sharing networks on a laptop: export my ties for a friend, import a friend's file as theirs.

An export holds name, company, position, LinkedIn URL and tie strength of each connected contact,
never emails, phones, notes or interactions. Importing a friend's file replaces whatever that
friend shared before, in one transaction.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from mutuals.connecting import tie_strengths
from mutuals.io.network_csv import SharedPerson, read_network_csv, write_network_csv
from mutuals.relationships import strength_scores
from mutuals.services.contacts import resolve_contact
from mutuals.services.context import Workspace
from mutuals.services.network import engine_settings, full_name, load_network
from mutuals.store import connecting as store


def export_network(ws: Workspace, *, today: date) -> tuple[bytes, int]:
    """My connected contacts as a network CSV (prospects are not ties yet), and how many."""
    with ws.db.transaction() as session:
        contacts = [
            c
            for c in store.contact_identity_columns(session, owner_id=ws.owner_id)
            if c.stage != "prospect"
        ]
    network = load_network(ws)
    scores = strength_scores(network.arrays, today=today, params=engine_settings(ws).strength)
    score_of = dict(zip(network.arrays.contact_ids.tolist(), scores.tolist(), strict=True))
    ties = tie_strengths([score_of.get(c.id, 0.0) for c in contacts]).tolist()
    people = [
        SharedPerson(
            name=full_name(c.first_name, c.last_name),
            company=c.company,
            position=c.position,
            linkedin_url=c.linkedin_url,
            strength=tie,
        )
        for c, tie in zip(contacts, ties, strict=True)
    ]
    return write_network_csv(people), len(people)


def import_network(ws: Workspace, path: str | Path, *, from_ref: str) -> dict[str, Any]:
    """Load ``path`` as the network shared by my contact ``from_ref``, replacing their earlier
    share. The whole file is checked before anything is written."""
    friend = resolve_contact(ws, from_ref)
    people = read_network_csv(path)
    with ws.db.writing(ws.owner_id) as session:
        before = store.share_sizes(session, owner_id=ws.owner_id).get(int(friend["id"]), 0)
        count = store.replace_share(
            session,
            owner_id=ws.owner_id,
            from_contact_id=int(friend["id"]),
            people=(
                {
                    "name": p.name,
                    "company": p.company,
                    "position": p.position,
                    "linkedin_url": p.linkedin_url,
                    "strength": p.strength,
                }
                for p in people
            ),
        )
    return {"from": friend["name"], "from_id": friend["id"], "ties": count, "replaced": before}
