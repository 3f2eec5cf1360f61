"""Plain value types shared by every layer of mutuals. No I/O happens here."""

from mutuals.domain.contact import ContactRecord, InteractionRecord
from mutuals.domain.vocab import CHANNELS, DIRECTIONS, KINDS, Channel, Direction, Kind

__all__ = [
    "CHANNELS",
    "DIRECTIONS",
    "KINDS",
    "Channel",
    "ContactRecord",
    "Direction",
    "InteractionRecord",
    "Kind",
]
