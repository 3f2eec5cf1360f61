"""The fixed vocabularies: interaction channels, directions and kinds of value, and relationship
stages. Kept free of heavy imports, since command-line help texts list them."""

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

Stage = Literal["prospect", "connected", "relationship", "referral-partner", "dormant"]

CHANNELS: Final[tuple[str, ...]] = get_args(Channel)
DIRECTIONS: Final[tuple[str, ...]] = get_args(Direction)
KINDS: Final[tuple[str, ...]] = get_args(Kind)
STAGES: Final[tuple[Stage, ...]] = get_args(Stage)

# The text-similarity backends prospecting offers, named here so that help texts and settings need
# not load them.
SIMILARITY_BACKENDS: Final[tuple[str, ...]] = ("blend", "e5", "lexical", "minilm", "wordllama")
DEFAULT_SIMILARITY_BACKEND: Final = "wordllama"
# The channels of a direct attempt to reach someone (`mutuals reach-out --channel`).
DIRECT_CHANNELS: Final[tuple[str, ...]] = ("linkedin", "email", "call", "mail", "event")
