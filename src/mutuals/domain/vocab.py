"""The fixed vocabularies of interactions: channels, directions and kinds of value exchanged."""

from typing import Final, Literal, get_args

Channel = Literal["event", "meeting", "call", "mail", "email", "message", "linkedin", "social"]
Direction = Literal["gave", "received", "mutual"]
Kind = Literal[
    "trust",
    "value",
    "idea",
    "goal",
    "referral",
    "introduction",
    "social-support",
    "feedback",
    "advice",
    "buying",
    "selling",
]

CHANNELS: Final[tuple[str, ...]] = get_args(Channel)
DIRECTIONS: Final[tuple[str, ...]] = get_args(Direction)
KINDS: Final[tuple[str, ...]] = get_args(Kind)
