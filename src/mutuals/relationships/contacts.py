"""What the engine knows of a contact besides its interactions: tags, cadence, snooze, stage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mutuals.relationships.cadence import Cadence
from mutuals.relationships.stages import Stage


@dataclass(frozen=True, slots=True)
class ContactState:
    """One contact as a service loads it from the store.

    ``cadence`` is the contact's own stay-in-touch setting (it wins over any tag's).
    ``added_on`` starts the stay-in-touch clock of a contact never interacted with.
    ``name`` is passed through to the digest so adapters can render it.
    """

    contact_id: int
    name: str = ""
    tags: tuple[str, ...] = ()
    cadence: Cadence | None = None
    snoozed_until: date | None = None
    stage: Stage = "connected"
    added_on: date | None = None
