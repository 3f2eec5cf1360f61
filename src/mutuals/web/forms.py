"""Form helpers shared by the page routers: list fields, and which field an error belongs to."""

from __future__ import annotations

from collections.abc import Sequence


def split_list(text: str) -> list[str]:
    """A comma- or line-separated field as its items."""
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


def split_lines(text: str) -> list[str]:
    """One phrase per line (phrases may contain commas)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def field_errors(message: str, clues: Sequence[tuple[str, str]], default: str) -> dict[str, str]:
    """The service's refusal placed next to the field it is about: the first field whose clue
    (a word the message uses) appears in it, or ``default``."""
    lowered = message.lower()
    for clue, field in clues:
        if clue in lowered:
            return {field: message}
    return {default: message}
