"""A person's prospecting profile: what they are, offer, need and care about, as short phrases."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


def _phrases(items: Iterable[str] | str) -> tuple[str, ...]:
    """Strip and drop empty items; a bare string counts as one phrase, not as characters."""
    if isinstance(items, str):
        items = [items]
    return tuple(s for s in (item.strip() for item in items) if s)


@dataclass(frozen=True, slots=True)
class Profile:
    """One person as prospecting sees them.

    Each list field holds short free-text phrases ("bookkeeping and tax returns"). Any sequence is
    accepted and stored as a tuple with blank items removed, so profiles are hashable values.
    ``id`` identifies the person when names repeat; it defaults to the name.
    """

    name: str
    headline: str = ""
    interests: Sequence[str] = ()
    offers: Sequence[str] = ()
    needs: Sequence[str] = ()
    goals: Sequence[str] = ()
    industry: str = ""
    location: str = ""
    id: str = field(default="")

    def __post_init__(self) -> None:
        # Frozen dataclass: normalise through object.__setattr__ once, at construction.
        for name in ("interests", "offers", "needs", "goals"):
            object.__setattr__(self, name, _phrases(getattr(self, name)))
        object.__setattr__(self, "headline", self.headline.strip())
        if not self.id:
            object.__setattr__(self, "id", self.name)
