"""Reading relationships: a contact's standing, who is due, the daily digest, strength rankings.

Everything is as of ``today``, a parameter; adapters pass the workspace clock's day when the member gives
no date. Results are plain JSON-ready dictionaries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from mutuals.relationships import (
    CadenceResolver,
    ContactStanding,
    Digest,
    DigestFollowUp,
    FollowUp,
    Ledger,
    StrengthTable,
    assess_contact,
    build_digest,
    by_value,
    follow_up_status,
    follow_up_value,
    strength_table,
)
from mutuals.services.contacts import ContactNotFound, contact_dict, resolve_contact
from mutuals.services.context import Workspace
from mutuals.services.network import Network, day_of, engine_settings, load_network
from mutuals.store import contacts as contact_store
from mutuals.store import interactions as interaction_store
from mutuals.store import relationships as store


def _score(value: float) -> float:
    return round(value, 1)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def ledger_dict(ledger: Ledger) -> dict[str, int]:
    """A ledger's counts, with its balance (given minus received)."""
    return {
        "given": ledger.given,
        "received": ledger.received,
        "mutual": ledger.mutual,
        "balance": ledger.balance,
        "referrals_given": ledger.referrals_given,
        "referrals_received": ledger.referrals_received,
        "introductions_given": ledger.introductions_given,
        "introductions_received": ledger.introductions_received,
    }


def follow_up_dict(follow_up: FollowUp) -> dict[str, Any]:
    """A stay-in-touch status as JSON-ready data."""
    cadence = follow_up.cadence
    return {
        "status": follow_up.status,
        "days_since": follow_up.days_since,
        "last_interaction": _iso(follow_up.last_interaction),
        "due_on": _iso(follow_up.due_on),
        "overdue_on": _iso(follow_up.overdue_on),
        "snoozed_until": _iso(follow_up.snoozed_until),
        "cadence": None
        if cadence is None
        else {
            "every_days": cadence.every_days,
            "max_days": cadence.max_days,
            "source": follow_up.cadence_source,
        },
    }


def due_row_dict(row: DigestFollowUp) -> dict[str, Any]:
    """One row of ``mutuals due``."""
    return {
        "id": row.contact_id,
        "name": row.name,
        "status": row.status,
        "days_since": row.days_since,
        "last_interaction": _iso(row.last_interaction),
        "due_on": _iso(row.due_on),
        "strength": _score(row.strength),
        "band": row.band,
        "stage": row.stage,
        "value": _score(row.value),
    }


def contact_standing(ws: Workspace, ref: str, *, today: date) -> dict[str, Any]:
    """The contact named by ``ref`` with its strength, band, stage, ledger, follow-up, stage
    suggestion and history, and the interaction timeline (newest first)."""
    contact_id = int(resolve_contact(ws, ref)["id"])
    with ws.db.transaction() as session:
        contact = contact_store.get_contact(session, owner_id=ws.owner_id, contact_id=contact_id)
        if contact is None:  # deleted between the two reads
            raise ContactNotFound(f"no contact with id {contact_id}")
        data = contact_dict(contact)
        timeline = [
            {
                "id": row.id,
                "on": day_of(row.occurred_at).isoformat(),
                "channel": row.channel,
                "direction": row.direction,
                "kinds": list(row.kinds),
                "note": row.summary,
                "source": row.source,
                "with": [
                    c.full_name
                    for c in row.contacts
                    if c.id != contact.id and c.owner_id == ws.owner_id
                ],
            }
            for row in interaction_store.interactions_for_contact(
                session, owner_id=ws.owner_id, contact_id=contact.id
            )
        ]
        history = [
            {"stage": change.stage, "on": change.changed_on.isoformat(), "note": change.note}
            for change in store.stage_changes(session, owner_id=ws.owner_id, contact_id=contact.id)
        ]
    network = load_network(ws, with_kinds=True, contact_ids=[data["id"]])
    standing = assess_contact(
        network.contacts[0],
        network.interactions(),
        today=today,
        tag_cadences=network.tag_cadences,
        settings=engine_settings(ws),
    )
    data.update(standing_dict(standing))
    data.update(today=today.isoformat(), stage_history=history, timeline=timeline)
    return data


def standing_dict(standing: ContactStanding) -> dict[str, Any]:
    """The engine's view of one contact as JSON-ready data."""
    suggestion = standing.stage_suggestion
    return {
        "strength": _score(standing.strength.score),
        "strength_before": _score(standing.strength.previous),
        "band": standing.strength.band,
        "stage": standing.stage,
        "given": standing.ledger.given,
        "received": standing.ledger.received,
        "ledger": ledger_dict(standing.ledger),
        "follow_up": follow_up_dict(standing.follow_up),
        "stage_suggestion": None
        if suggestion is None
        else {
            "suggested": suggestion.suggested,
            "reason": suggestion.reason,
            "evidence_on": suggestion.evidence_on.isoformat(),
        },
    }


@dataclass(frozen=True)
class FollowUpTable:
    """Strength and stay-in-touch status of every contact, computed column-wise."""

    network: Network
    strength: StrengthTable
    follow_ups: dict[int, FollowUp]


def follow_up_table(ws: Workspace, *, today: date, network: Network | None = None) -> FollowUpTable:
    """Strength of every contact (vectorised) and the follow-up status of those with a cadence."""
    network = network or load_network(ws)
    settings = engine_settings(ws)
    arrays = network.arrays
    table = strength_table(arrays, today=today, params=settings.strength, thresholds=settings.bands)
    last = np.full(arrays.n_contacts, -1, dtype=np.int64)
    keep = arrays.day <= today.toordinal()
    np.maximum.at(last, arrays.contact[keep], arrays.day[keep])
    resolver = CadenceResolver(network.tag_cadences)
    has_tag_cadences = bool(network.tag_cadences)
    follow_ups: dict[int, FollowUp] = {}
    for index, contact in enumerate(network.contacts):
        # Most contacts have no cadence at all: skip them before any per-contact work.
        if contact.cadence is None and not (has_tag_cadences and contact.tags):
            continue
        last_day = date.fromordinal(int(last[index])) if last[index] > 0 else None
        status = follow_up_status(contact, last_day, today=today, tag_cadences=resolver)
        if status.status != "none":
            follow_ups[contact.contact_id] = status
    return FollowUpTable(network=network, strength=table, follow_ups=follow_ups)


def due_follow_ups(ws: Workspace, *, today: date) -> list[DigestFollowUp]:
    """Contacts due or overdue on ``today`` (snoozed ones left out): overdue first, each group
    most valuable first, exactly as in the digest."""
    table = follow_up_table(ws, today=today)
    position = {cid: i for i, cid in enumerate(table.strength.contact_ids.tolist())}
    contacts = {c.contact_id: c for c in table.network.contacts}
    rows = []
    for cid, follow_up in table.follow_ups.items():
        if not follow_up.is_due:
            continue
        index = position[cid]
        score = float(table.strength.score[index])
        stage = contacts[cid].stage
        rows.append(
            DigestFollowUp(
                contact_id=cid,
                name=contacts[cid].name,
                status=follow_up.status,
                days_since=follow_up.days_since,
                due_on=follow_up.due_on,
                last_interaction=follow_up.last_interaction,
                strength=score,
                band=table.strength.band(index),
                stage=stage,
                value=follow_up_value(score, stage),
            )
        )
    overdue = by_value(r for r in rows if r.status == "overdue")
    return list(overdue + by_value(r for r in rows if r.status == "due"))


def due_list(ws: Workspace, *, today: date) -> list[dict[str, Any]]:
    """``mutuals due``: the due and overdue contacts as dictionaries."""
    return [due_row_dict(row) for row in due_follow_ups(ws, today=today)]


def digest(ws: Workspace, *, today: date) -> Digest:
    """The engine's digest for ``today`` over the whole network."""
    network = load_network(ws, with_kinds=True)
    return build_digest(
        network.contacts,
        network.interactions(),
        today=today,
        tag_cadences=network.tag_cadences,
        settings=engine_settings(ws),
    )


def digest_dict(result: Digest) -> dict[str, Any]:
    """A digest as JSON-ready data."""
    return {
        "today": result.today.isoformat(),
        "overdue": [due_row_dict(row) for row in result.overdue],
        "due": [due_row_dict(row) for row in result.due],
        "cooling": [
            {
                "id": row.contact_id,
                "name": row.name,
                "strength": _score(row.strength),
                "strength_before": _score(row.previous),
                "drop": _score(row.drop),
                "band": row.band,
                "stage": row.stage,
            }
            for row in result.cooling
        ],
        "nudges": [
            {
                "id": row.contact_id,
                "name": row.name,
                "owed": row.owed,
                "referrals_owed": row.referrals_owed,
                "introductions_owed": row.introductions_owed,
                "reason": row.reason,
                "strength": _score(row.strength),
            }
            for row in result.nudges
        ],
        "stage_moves": [
            {
                "id": row.contact_id,
                "name": row.name,
                "current": row.current,
                "suggested": row.suggested,
                "reason": row.reason,
                "evidence_on": row.evidence_on.isoformat(),
            }
            for row in result.stage_moves
        ],
        "overall": ledger_dict(result.overall),
        "leans_receiving": result.leans_receiving,
    }


def strength_by_contact(
    ws: Workspace, *, today: date, contact_ids: Sequence[int] | None = None
) -> dict[int, tuple[float, str]]:
    """Strength score (rounded) and band per contact id, for lists sorted by strength."""
    network = load_network(ws, contact_ids=contact_ids)
    settings = engine_settings(ws)
    table = strength_table(
        network.arrays, today=today, params=settings.strength, thresholds=settings.bands
    )
    return {
        int(cid): (_score(float(table.score[i])), table.band(i))
        for i, cid in enumerate(table.contact_ids.tolist())
    }
