"""Who is due: the stay-in-touch clock per contact, reset by any interaction, with snooze."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal, get_args

from mutuals.relationships.cadence import Cadence, CadenceResolver, ResolvedCadence
from mutuals.relationships.contacts import ContactState
from mutuals.relationships.interactions import Interaction
from mutuals.relationships.limits import MAX_SNOOZE_DAYS

FollowUpStatus = Literal["none", "ok", "due", "overdue", "snoozed"]
FOLLOW_UP_STATUSES: Final[tuple[FollowUpStatus, ...]] = get_args(FollowUpStatus)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """One contact's stay-in-touch status as of a date.

    - ``none``: no cadence applies; ``ok``: within the ideal interval;
    - ``due``: the ideal interval has passed (``days_since >= every_days``);
    - ``overdue``: the maximum has passed (``days_since > max_days``);
    - ``snoozed``: due or overdue, but hidden until ``snoozed_until``.

    ``days_since`` counts from the last interaction (``None`` if there was none; then the clock
    starts at ``ContactState.added_on``, or the contact is due at once). ``action_on`` is the day to
    get in touch: ``today`` when due or overdue, the end of the snooze, or the coming due date.
    """

    contact_id: int
    status: FollowUpStatus
    days_since: int | None
    last_interaction: date | None
    cadence: Cadence | None
    cadence_source: str | None
    due_on: date | None
    overdue_on: date | None
    action_on: date | None
    snoozed_until: date | None

    @property
    def is_due(self) -> bool:
        """True when the member should get in touch now (due or overdue, not snoozed)."""
        return self.status in ("due", "overdue")


def snooze_until(today: date, days: int) -> date:
    """The ``snoozed_until`` for ``snooze --days N``: hidden until then, shown on it."""
    if days < 1:
        raise ValueError("snooze for at least one day")
    if days > MAX_SNOOZE_DAYS:
        raise ValueError(f"snooze for at most {MAX_SNOOZE_DAYS} days")
    return today + timedelta(days=days)


def last_interactions(interactions: Iterable[Interaction], *, today: date) -> dict[int, date]:
    """The latest interaction date per contact, on or before ``today``."""
    last: dict[int, date] = {}
    for row in interactions:
        if row.on <= today and (row.contact_id not in last or row.on > last[row.contact_id]):
            last[row.contact_id] = row.on
    return last


def _resolver(tag_cadences: Mapping[str, Cadence] | CadenceResolver | None) -> CadenceResolver:
    if isinstance(tag_cadences, CadenceResolver):
        return tag_cadences
    return CadenceResolver(tag_cadences or {})


def follow_up_status(
    contact: ContactState,
    last_interaction: date | None,
    *,
    today: date,
    tag_cadences: Mapping[str, Cadence] | CadenceResolver | None = None,
) -> FollowUp:
    """The stay-in-touch status of one contact whose latest interaction is ``last_interaction``.

    ``tag_cadences`` is a ``{tag: Cadence}`` mapping, or a ``CadenceResolver`` built once from it
    when many contacts are resolved in a row.
    """
    resolver = _resolver(tag_cadences)
    resolved: ResolvedCadence | None = resolver.resolve(contact.cadence, contact.tags)
    if last_interaction is not None and last_interaction > today:
        raise ValueError("last_interaction lies after today")
    days_since = None if last_interaction is None else (today - last_interaction).days
    snoozed = (
        contact.snoozed_until if contact.snoozed_until and contact.snoozed_until > today else None
    )
    if resolved is None:
        return FollowUp(
            contact_id=contact.contact_id,
            status="none",
            days_since=days_since,
            last_interaction=last_interaction,
            cadence=None,
            cadence_source=None,
            due_on=None,
            overdue_on=None,
            action_on=None,
            snoozed_until=snoozed,
        )
    cadence = resolved.cadence
    start = last_interaction if last_interaction is not None else contact.added_on
    if start is not None and start > today:
        # A contact added after the day asked about counts as added on that day: its clock starts
        # then, so the answer never depends on when the question was asked.
        start = today
    if start is None:
        # Never in touch and no date to count from: reach out now.
        due_on, overdue_on = today, today
    else:
        due_on = start + timedelta(days=cadence.every_days)
        overdue_on = start + timedelta(days=cadence.max_days + 1)
    status: FollowUpStatus
    if today >= overdue_on:
        status = "overdue"
    elif today >= due_on:
        status = "due"
    else:
        status = "ok"
    action_on = due_on if status == "ok" else today
    if snoozed is not None and status != "ok":
        status = "snoozed"
        action_on = snoozed
    return FollowUp(
        contact_id=contact.contact_id,
        status=status,
        days_since=days_since,
        last_interaction=last_interaction,
        cadence=cadence,
        cadence_source=resolved.source,
        due_on=due_on,
        overdue_on=overdue_on,
        action_on=action_on,
        snoozed_until=snoozed,
    )


def follow_ups(
    contacts: Iterable[ContactState],
    interactions: Iterable[Interaction],
    *,
    today: date,
    tag_cadences: Mapping[str, Cadence] | None = None,
) -> dict[int, FollowUp]:
    """Status, days since and due dates of every contact as of ``today``, keyed by contact id."""
    last = last_interactions(interactions, today=today)
    resolver = _resolver(tag_cadences)
    return {
        contact.contact_id: follow_up_status(
            contact, last.get(contact.contact_id), today=today, tag_cadences=resolver
        )
        for contact in contacts
    }


def upcoming(statuses: Iterable[FollowUp], *, today: date, within_days: int = 30) -> list[FollowUp]:
    """Follow-ups to act on within ``within_days`` of ``today`` (due ones included), by date."""
    horizon = today + timedelta(days=within_days)
    chosen = [f for f in statuses if f.action_on is not None and f.action_on <= horizon]
    return sorted(chosen, key=lambda f: (f.action_on or today, f.contact_id))
