"""Stay-in-touch cadences: an ideal and a maximum interval, set per contact or per tag."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cadence:
    """Be in touch every ``every_days``; past ``max_days`` of silence the follow-up is overdue."""

    every_days: int
    max_days: int

    def __post_init__(self) -> None:
        if not 1 <= self.every_days <= self.max_days:
            raise ValueError("a cadence needs 1 <= every_days <= max_days")

    @classmethod
    def every(cls, days: int, max_days: int | None = None) -> Cadence:
        """``--every DAYS [--max DAYS]``: without a maximum, allow half the interval again."""
        return cls(days, max_days if max_days is not None else days + days // 2)


@dataclass(frozen=True, slots=True)
class ResolvedCadence:
    """The cadence that applies to a contact, and where it came from.

    ``source`` is ``"contact"`` for the contact's own setting, else the tags whose cadences were
    combined, as ``"tag:clients"`` or ``"tag:clients,tag:investors"``.
    """

    cadence: Cadence
    source: str


def _tag_key(tag: str) -> str:
    return tag.strip().casefold()


class CadenceResolver:
    """Resolves many contacts' cadences against one set of tag cadences (normalised once)."""

    __slots__ = ("_by_key",)

    def __init__(self, tag_cadences: Mapping[str, Cadence]) -> None:
        self._by_key = {_tag_key(tag): cadence for tag, cadence in tag_cadences.items()}

    def resolve(self, own: Cadence | None, tags: Iterable[str]) -> ResolvedCadence | None:
        """See ``resolve_cadence``."""
        if own is not None:
            return ResolvedCadence(own, "contact")
        if not self._by_key:
            return None
        matched = sorted({_tag_key(tag) for tag in tags} & self._by_key.keys())
        if not matched:
            return None
        every = min(self._by_key[key].every_days for key in matched)
        maximum = min(self._by_key[key].max_days for key in matched)
        return ResolvedCadence(Cadence(every, maximum), ",".join(f"tag:{key}" for key in matched))


def resolve_cadence(
    own: Cadence | None, tags: Iterable[str], tag_cadences: Mapping[str, Cadence]
) -> ResolvedCadence | None:
    """The contact's own cadence if set; else the tightest of its tags' cadences; else ``None``.

    With several tagged cadences the tightest is the smallest ideal and the smallest maximum (each
    may come from a different tag), so every tag's promise is kept. Tags match case-insensitively.
    """
    return CadenceResolver(tag_cadences).resolve(own, tags)
