"""The give-first ledger: what was given against what was received, per contact and overall."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

from mutuals.relationships.interactions import Interaction


@dataclass(frozen=True, slots=True)
class Ledger:
    """Counts of interactions by direction.

    A mutual interaction is an exchange both ways, so it counts in ``given`` *and* ``received``
    (and in ``mutual``); it leaves the balance unchanged. Referrals and introductions are counted
    separately as well, by the interactions whose kinds include them.
    """

    given: int = 0
    received: int = 0
    mutual: int = 0
    referrals_given: int = 0
    referrals_received: int = 0
    introductions_given: int = 0
    introductions_received: int = 0

    @property
    def balance(self) -> int:
        """Given minus received: negative when the relationship leans toward receiving."""
        return self.given - self.received

    def __add__(self, other: Ledger) -> Ledger:
        return Ledger(
            given=self.given + other.given,
            received=self.received + other.received,
            mutual=self.mutual + other.mutual,
            referrals_given=self.referrals_given + other.referrals_given,
            referrals_received=self.referrals_received + other.referrals_received,
            introductions_given=self.introductions_given + other.introductions_given,
            introductions_received=self.introductions_received + other.introductions_received,
        )


def _count(counts: list[int], row: Interaction) -> None:
    """Add one interaction to the seven ``Ledger`` counters, in field order."""
    gave = row.direction != "received"
    got = row.direction != "gave"
    referral = "referral" in row.kinds
    intro = "introduction" in row.kinds
    counts[0] += gave
    counts[1] += got
    counts[2] += gave and got
    counts[3] += gave and referral
    counts[4] += got and referral
    counts[5] += gave and intro
    counts[6] += got and intro


def tally(interactions: Iterable[Interaction]) -> Ledger:
    """One ledger over all the given interactions (one contact's, or everyone's for the total)."""
    counts = [0] * 7
    for row in interactions:
        _count(counts, row)
    return Ledger(*counts)


def ledgers(
    interactions: Iterable[Interaction], *, today: date, since: date | None = None
) -> dict[int, Ledger]:
    """Ledgers per contact id over interactions dated from ``since`` (if given) to ``today``."""
    per_contact: dict[int, list[int]] = {}
    for row in interactions:
        if row.on > today or (since is not None and row.on < since):
            continue
        counts = per_contact.get(row.contact_id)
        if counts is None:
            counts = per_contact[row.contact_id] = [0] * 7
        _count(counts, row)
    return {contact_id: Ledger(*counts) for contact_id, counts in per_contact.items()}


def overall(per_contact: Iterable[Ledger]) -> Ledger:
    """The member's total across contacts."""
    total = Ledger()
    for ledger in per_contact:
        total = total + ledger
    return total


@dataclass(frozen=True, slots=True)
class NudgeRules:
    """When to nudge: received exceeds given by ``min_gap`` interactions, or any referral or
    introduction received is not yet matched by one given."""

    min_gap: int = 2

    def __post_init__(self) -> None:
        if self.min_gap < 1:
            raise ValueError("min_gap must be at least 1")


DEFAULT_NUDGE_RULES: Final = NudgeRules()


@dataclass(frozen=True, slots=True)
class LedgerNudge:
    """A suggestion to give first to a contact the member has received more from."""

    contact_id: int
    owed: int
    referrals_owed: int
    introductions_owed: int
    reason: str


def ledger_nudge(
    contact_id: int, ledger: Ledger, rules: NudgeRules = DEFAULT_NUDGE_RULES
) -> LedgerNudge | None:
    """A nudge when ``ledger`` leans toward receiving, else ``None``."""
    owed = max(0, ledger.received - ledger.given)
    referrals = max(0, ledger.referrals_received - ledger.referrals_given)
    intros = max(0, ledger.introductions_received - ledger.introductions_given)
    if owed < rules.min_gap and not referrals and not intros:
        return None
    parts = []
    if referrals:
        parts.append(f"{referrals} referral{'s' * (referrals > 1)} received and not returned")
    if intros:
        parts.append(f"{intros} introduction{'s' * (intros > 1)} received and not returned")
    if owed >= rules.min_gap:
        parts.append(f"received {ledger.received}, gave {ledger.given}")
    return LedgerNudge(contact_id, owed, referrals, intros, "; ".join(parts))


def ledger_nudges(
    per_contact: Mapping[int, Ledger], rules: NudgeRules = DEFAULT_NUDGE_RULES
) -> list[LedgerNudge]:
    """Nudges for every contact that leans toward receiving, largest debt first.

    Unreturned referrals weigh most, then introductions, then the plain balance.
    """
    nudges = [
        nudge
        for contact_id, ledger in per_contact.items()
        if (nudge := ledger_nudge(contact_id, ledger, rules)) is not None
    ]
    nudges.sort(key=lambda n: (-n.referrals_owed, -n.introductions_owed, -n.owed, n.contact_id))
    return nudges
