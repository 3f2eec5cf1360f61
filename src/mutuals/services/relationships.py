"""Recording relationships: log an interaction, set cadences, snooze, and confirm stage moves.

Values are checked against the vocabularies and the engine's rules, with messages that list what
is allowed. ``today`` is a parameter; adapters pass the workspace clock's day.

Logging an interaction clears the contact's snooze when the interaction is its latest: the
follow-up the snooze put off has happened, and the clock restarts from it. A back-dated entry
(older than the latest interaction) leaves the snooze alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Any, cast

from sqlalchemy.orm import Session

from mutuals.domain.limits import MAX_NOTE_CHARS, MAX_TAG_CHARS, check_text
from mutuals.domain.vocab import CHANNELS, DIRECTIONS, KINDS
from mutuals.relationships import (
    MAX_CADENCE_DAYS,
    MAX_OVERDUE_DAYS,
    MAX_SNOOZE_DAYS,
    STAGES,
    Cadence,
    Stage,
    check_day,
    snooze_until,
)
from mutuals.services.contacts import ContactNotFound, normalise_tags, resolve_contact
from mutuals.services.context import Workspace
from mutuals.services.network import day_of
from mutuals.services.standing import contact_standing
from mutuals.store import contacts as contact_store
from mutuals.store import interactions as interaction_store
from mutuals.store import relationships as store
from mutuals.store.models import Contact

# Stored at noon UTC, so the calendar day survives any time-zone shift of a few hours.
LOGGED_AT = time(12, 0)


def _check_choice(what: str, value: str, allowed: Sequence[str]) -> str:
    cleaned = value.strip().lower()
    if cleaned not in allowed:
        raise ValueError(f"unknown {what} '{value}'; choose one of: {', '.join(allowed)}")
    return cleaned


def _contact_id(ws: Workspace, ref: str) -> int:
    """Resolve a name or id before the writing transaction starts."""
    return int(resolve_contact(ws, ref)["id"])


def _contact(session: Session, ws: Workspace, contact_id: int) -> Contact:
    contact = contact_store.get_contact(session, owner_id=ws.owner_id, contact_id=contact_id)
    if contact is None:
        raise ContactNotFound(f"no contact with id {contact_id}")
    return contact


def log_interaction(
    ws: Workspace,
    ref: str,
    *,
    channel: str,
    kinds: Sequence[str],
    direction: str,
    on: date,
    note: str = "",
    others: Sequence[str] = (),
    today: date,
) -> dict[str, Any]:
    """Record an exchange with the contact named by ``ref`` (and ``others`` who took part).

    ``channel``, each of ``kinds`` (at least one) and ``direction`` must come from
    ``mutuals.domain.vocab``; ``on`` may not lie after ``today``.
    """
    channel = _check_choice("channel", channel, CHANNELS)
    direction = _check_choice("direction", direction, DIRECTIONS)
    if not kinds:
        raise ValueError(f"give at least one kind; choose from: {', '.join(KINDS)}")
    checked_kinds = list(dict.fromkeys(_check_choice("kind", k, KINDS) for k in kinds))
    check_day(on, "--on")
    check_text(note, "note", MAX_NOTE_CHARS)
    if on > today:
        raise ValueError(f"{on.isoformat()} is in the future; log what has happened")
    ids = list(dict.fromkeys(_contact_id(ws, name) for name in (ref, *others)))
    with ws.db.writing(ws.owner_id) as session:
        people = [_contact(session, ws, contact_id) for contact_id in ids]
        latest = {
            p.id: store.latest_interaction_at(session, owner_id=ws.owner_id, contact_id=p.id)
            for p in people
        }
        interaction = interaction_store.create_interaction(
            session,
            owner_id=ws.owner_id,
            contacts=people,
            occurred_at=datetime.combine(on, LOGGED_AT, tzinfo=UTC),
            channel=channel,
            direction=direction,
            kinds=checked_kinds,
            summary=note.strip(),
            source="manual",
        )
        unsnoozed = []
        for person in people:
            previous = latest[person.id]
            if person.snoozed_until is not None and (previous is None or on >= day_of(previous)):
                store.snooze_contact(session, contact=person, until=None)
                unsnoozed.append(person.full_name)
        session.flush()
        return {
            "id": interaction.id,
            "on": on.isoformat(),
            "channel": channel,
            "direction": direction,
            "kinds": checked_kinds,
            "note": interaction.summary,
            "contacts": [{"id": p.id, "name": p.full_name} for p in people],
            "snooze_lifted": unsnoozed,
        }


def cadence_of(every: int, max_days: int | None) -> Cadence:
    """``--every DAYS [--max DAYS]`` as a cadence, or a ``ValueError`` that says what is wrong."""
    if every < 1:
        raise ValueError(f"--every must be at least 1 day, not {every}")
    if every > MAX_CADENCE_DAYS:
        raise ValueError(f"--every may be at most {MAX_CADENCE_DAYS} days, not {every}")
    if max_days is not None and max_days > MAX_OVERDUE_DAYS:
        raise ValueError(f"--max may be at most {MAX_OVERDUE_DAYS} days, not {max_days}")
    if max_days is not None and max_days < every:
        raise ValueError(f"--max ({max_days}) must be at least --every ({every})")
    return Cadence.every(every, max_days)


def set_contact_cadence(
    ws: Workspace, ref: str, *, every: int | None, max_days: int | None = None
) -> dict[str, Any]:
    """Set the contact's own cadence (``every=None`` clears it, so its tags' cadences apply)."""
    cadence = None if every is None else cadence_of(every, max_days)
    contact_id = _contact_id(ws, ref)
    with ws.db.writing(ws.owner_id) as session:
        contact = _contact(session, ws, contact_id)
        store.set_contact_cadence(
            session,
            contact=contact,
            every_days=cadence.every_days if cadence else None,
            max_days=cadence.max_days if cadence else None,
        )
        return {
            "id": contact.id,
            "name": contact.full_name,
            "every_days": contact.cadence_every_days,
            "max_days": contact.cadence_max_days,
        }


def _tag(tag: str) -> str:
    cleaned = normalise_tags([tag])
    if len(cleaned) != 1:
        raise ValueError(f"'{tag}' is not one tag")
    return check_text(cleaned[0], "tag", MAX_TAG_CHARS)


def set_tag_cadence(
    ws: Workspace, tag: str, *, every: int | None, max_days: int | None = None
) -> dict[str, Any]:
    """Set the cadence of every contact tagged ``tag`` (``every=None`` removes it)."""
    name = _tag(tag)
    with ws.db.writing(ws.owner_id) as session:
        if every is None:
            store.delete_tag_cadence(session, owner_id=ws.owner_id, tag=name)
            return {"tag": name, "every_days": None, "max_days": None}
        cadence = cadence_of(every, max_days)
        row = store.set_tag_cadence(
            session,
            owner_id=ws.owner_id,
            tag=name,
            every_days=cadence.every_days,
            max_days=cadence.max_days,
        )
        return {"tag": row.tag, "every_days": row.every_days, "max_days": row.max_days}


def tag_cadences(ws: Workspace) -> list[dict[str, Any]]:
    """The owner's tag cadences, by tag."""
    with ws.db.writing(ws.owner_id) as session:
        return [
            {"tag": row.tag, "every_days": row.every_days, "max_days": row.max_days}
            for row in store.tag_cadences(session, owner_id=ws.owner_id)
        ]


def snooze(ws: Workspace, ref: str, *, days: int | None, today: date) -> dict[str, Any]:
    """Hide the contact's follow-up for ``days`` days (shown again on ``today + days``);
    ``days=None`` lifts the snooze."""
    if days is not None and not 1 <= days <= MAX_SNOOZE_DAYS:
        raise ValueError(f"--days must be at least 1 and at most {MAX_SNOOZE_DAYS}, not {days}")
    until = None if days is None else snooze_until(today, days)
    contact_id = _contact_id(ws, ref)
    with ws.db.writing(ws.owner_id) as session:
        contact = _contact(session, ws, contact_id)
        store.snooze_contact(session, contact=contact, until=until)
        return {
            "id": contact.id,
            "name": contact.full_name,
            "snoozed_until": until.isoformat() if until else None,
        }


def check_stage(stage: str) -> Stage:
    """``stage`` as one of the engine's stages, or a ``ValueError`` listing them."""
    return cast(Stage, _check_choice("stage", stage, STAGES))


def set_stage(ws: Workspace, ref: str, stage: str, *, on: date, note: str = "") -> dict[str, Any]:
    """Record the member's confirmed move of the contact to ``stage`` on ``on``."""
    checked = check_stage(stage)
    check_day(on, "--on")
    check_text(note, "note", MAX_NOTE_CHARS)
    contact_id = _contact_id(ws, ref)
    with ws.db.writing(ws.owner_id) as session:
        contact = _contact(session, ws, contact_id)
        store.add_stage_change(session, contact=contact, stage=checked, on=on, note=note.strip())
        history = store.stage_changes(session, owner_id=ws.owner_id, contact_id=contact.id)
        return {
            "id": contact.id,
            "name": contact.full_name,
            "stage": contact.stage,
            "stage_history": [
                {"stage": c.stage, "on": c.changed_on.isoformat(), "note": c.note} for c in history
            ],
        }


def accept_stage_suggestion(ws: Workspace, ref: str, *, today: date) -> dict[str, Any]:
    """Confirm the stage move mutuals suggests for the contact as of ``today``."""
    standing = contact_standing(ws, ref, today=today)
    suggestion = standing["stage_suggestion"]
    if suggestion is None:
        raise ValueError(
            f"no stage move is suggested for {standing['name']} (stage: {standing['stage']})"
        )
    return set_stage(
        ws, str(standing["id"]), suggestion["suggested"], on=today, note=suggestion["reason"]
    )
