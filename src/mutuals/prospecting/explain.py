"""Talking points for a pair: which phrases of one side met which of the other's, in plain words."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol, runtime_checkable

import numpy as np

from mutuals.prospecting.phrases import PhraseTable, headline_core
from mutuals.prospecting.score import strength

# Strength below which a phrase pair is not worth naming, when no calibrated level is given.
MENTION = 0.5


def mention_level(*, floor: float, ceiling: float, match: float) -> float:
    """The strength of a backend's ``match`` cosine: the least strength an explanation names."""
    return float(strength(np.asarray([match], dtype=np.float32), floor, ceiling)[0])


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """A phrase of the giver that meets a phrase of the receiver, with its strength in [0, 1]."""

    giver_phrase: str
    receiver_phrase: str
    strength: float
    from_headline: bool = False


def best_pair(
    mine: PhraseTable, i: int, theirs: PhraseTable, j: int, *, floor: float, ceiling: float
) -> PhraseMatch | None:
    """The strongest phrase pair between person ``i`` of ``mine`` and ``j`` of ``theirs``."""
    if mine.counts[i] == 0 or theirs.counts[j] == 0:
        return None
    a, b = mine.rows_of(i), theirs.rows_of(j)
    sims = strength(mine.vectors[a] @ theirs.vectors[b].T, floor, ceiling)
    r, c = np.unravel_index(int(np.argmax(sims)), sims.shape)
    return PhraseMatch(
        giver_phrase=mine.texts[a.start + int(r)],
        receiver_phrase=theirs.texts[b.start + int(c)],
        strength=float(sims[r, c]),
        from_headline=bool(mine.is_headline[a.start + int(r)]),
    )


@runtime_checkable
class ChancePieceAware(Protocol):
    """A backend that can tell a similarity carried by shared word pieces from a real one."""

    @property
    def match(self) -> float:
        """Cosine from which an explanation names two phrases as meeting."""
        ...

    def cosine_without_chance_pieces(self, first: str, second: str) -> float:
        """The cosine of two phrases without the word pieces they share only by chance."""
        ...


def related(match: PhraseMatch | None, backend: object, *, mention: float) -> PhraseMatch | None:
    """``match`` if a person would call its two phrases related, else None.

    The relatedness threshold: with a backend that knows its word pieces, the pair must still
    reach the backend's ``match`` cosine once pieces shared only by chance are left out
    ("bookkeeping" and "a booking system" meet through "book" alone). Other backends are taken
    at their word. A pair that fails keeps its place in the score; it is only not named.
    """
    # Only a pair strong enough to be named is checked: the check tokenises both phrases.
    if match is None or match.strength < mention or not isinstance(backend, ChancePieceAware):
        return match
    giver = headline_core(match.giver_phrase) if match.from_headline else match.giver_phrase
    if backend.cosine_without_chance_pieces(giver, match.receiver_phrase) >= backend.match:
        return match
    return replace(match, strength=0.0)


def _you_give(match: PhraseMatch) -> str:
    if match.from_headline:
        return (
            f"as *{match.giver_phrase}* you can help with what they need "
            f"(*{match.receiver_phrase}*)"
        )
    return f"you offer *{match.giver_phrase}*, which they need (*{match.receiver_phrase}*)"


def _they_give(match: PhraseMatch) -> str:
    if match.from_headline:
        return (
            f"as *{match.giver_phrase}* they can help with what you need "
            f"(*{match.receiver_phrase}*)"
        )
    return f"they offer *{match.giver_phrase}*, which you need (*{match.receiver_phrase}*)"


def _shared(match: PhraseMatch) -> str:
    if match.giver_phrase.casefold() == match.receiver_phrase.casefold():
        return f"you share *{match.giver_phrase}*"
    return f"you share an interest: *{match.giver_phrase}* and *{match.receiver_phrase}*"


def sentence(
    gives: PhraseMatch | None,
    gets: PhraseMatch | None,
    shared: PhraseMatch | None,
    *,
    mention: float = MENTION,
) -> str:
    """Join the parts worth mentioning into one sentence, from the first person's point of view.

    A part is named only when its strength reaches ``mention``; weaker ones are not claimed.
    """

    def named(match: PhraseMatch | None) -> bool:
        return match is not None and match.strength >= mention

    parts: list[str] = []
    if gives is not None and named(gives):
        parts.append(_you_give(gives))
    if gets is not None and named(gets):
        parts.append(_they_give(gets))
    if shared is not None and named(shared):
        parts.append(_shared(shared))
    if not parts:
        return "No clear overlap yet between what you offer, need or care about."
    text = "; ".join(parts)
    if named(gives) != named(gets):
        text += " (one-sided so far)"
    return text[0].upper() + text[1:] + "."
