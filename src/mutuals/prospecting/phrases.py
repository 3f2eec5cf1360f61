"""Profiles turned into embedded phrase tables: offers (with the headline), needs and shared topics.

Each table holds every person's phrases as consecutive rows. A person with no phrase of a kind
gets one zero row, which matches nothing; that keeps segment reductions free of empty segments.
Beside the phrases, each person's whole offer (headline and offers) and whole need are embedded
as one text each: the whole-text view of the score.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mutuals.domain.profile import Profile
from mutuals.prospecting.backends import TextBackend, Vectors
from mutuals.prospecting.cache import EmbeddingCache, embed_texts

IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class PhraseTable:
    """One kind of phrase for many people.

    ``vectors[ptr[i]:ptr[i+1]]`` are person ``i``'s rows; ``counts[i]`` is how many of them are
    real phrases (0 means one placeholder zero row). ``texts`` and ``is_headline`` describe rows.
    """

    vectors: Vectors
    ptr: IntArray
    counts: IntArray
    texts: tuple[str, ...]
    is_headline: BoolArray

    @property
    def people(self) -> int:
        """Number of people in the table."""
        return len(self.ptr) - 1

    def rows_of(self, person: int) -> slice:
        """The row range of one person."""
        return slice(int(self.ptr[person]), int(self.ptr[person + 1]))

    def take(self, people: Sequence[int] | IntArray) -> PhraseTable:
        """A table of the given people, in the given order."""
        idx = np.asarray(people, dtype=np.int64)
        sizes = self.ptr[idx + 1] - self.ptr[idx]
        ptr = np.zeros(len(idx) + 1, dtype=np.int64)
        np.cumsum(sizes, out=ptr[1:])
        # Row numbers of each chosen person's segment, laid end to end.
        rows = np.repeat(self.ptr[idx] - ptr[:-1], sizes) + np.arange(ptr[-1], dtype=np.int64)
        return PhraseTable(
            vectors=self.vectors[rows],
            ptr=ptr,
            counts=self.counts[idx],
            texts=tuple(self.texts[r] for r in rows.tolist()),
            is_headline=self.is_headline[rows],
        )

    def pooled(self) -> Vectors:
        """One unit vector per person: the normalised mean of their phrase vectors."""
        sums = np.add.reduceat(self.vectors, self.ptr[:-1], axis=0).astype(np.float32)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        np.divide(sums, norms, out=sums, where=norms > 0)
        return sums


@dataclass(frozen=True, slots=True)
class EmbeddedProfiles:
    """Profiles with their three phrase tables, embedded by one backend.

    ``whole_offers[i]`` is person ``i``'s headline and offers embedded as one text and
    ``whole_needs[i]`` their needs as one text (zero rows when there are none).
    """

    profiles: tuple[Profile, ...]
    offers: PhraseTable
    needs: PhraseTable
    shared: PhraseTable
    model: str
    whole_offers: Vectors
    whole_needs: Vectors

    def take(self, people: Sequence[int] | IntArray) -> EmbeddedProfiles:
        """The subset of the given people, in the given order."""
        idx = np.asarray(people, dtype=np.int64)
        return EmbeddedProfiles(
            profiles=tuple(self.profiles[i] for i in idx.tolist()),
            offers=self.offers.take(people),
            needs=self.needs.take(people),
            shared=self.shared.take(people),
            model=self.model,
            whole_offers=self.whole_offers[idx],
            whole_needs=self.whole_needs[idx],
        )


# A headline is one short phrase: a job title whose word pieces resemble many unrelated needs
# ("Sawmill owner" and "keeping our survey launch seaworthy"). Its vector is scaled down, so it
# counts among what a person gives but does not outweigh their own offers. Chosen on sets A and
# B (benchmarks/README.md).
HEADLINE_WEIGHT = 0.7

_AUDIENCE = re.compile(r"\s+for\s+", re.IGNORECASE)


def headline_core(headline: str) -> str:
    """What a headline says a person is, without whom they serve ("Accountant for small firms").

    The audience ("for small firms", "for charities") describes the customers, not the help, and
    generic business words in it resemble almost any business need; keeping them let a headline
    "meet" needs it has nothing to do with.
    """
    core = _AUDIENCE.split(headline, maxsplit=1)[0].strip()
    return core or headline


def offer_phrases(profile: Profile) -> list[tuple[str, bool]]:
    """What a person can give: their offers, then their headline (what they are)."""
    rows = [(text, False) for text in profile.offers]
    if profile.headline:
        rows.append((profile.headline, True))
    return rows


def need_phrases(profile: Profile) -> list[tuple[str, bool]]:
    """What a person is looking for."""
    return [(text, False) for text in profile.needs]


def shared_phrases(profile: Profile) -> list[tuple[str, bool]]:
    """Topics two people can share: interests and goals."""
    return [(text, False) for text in (*profile.interests, *profile.goals)]


def _table(
    profiles: Sequence[Profile],
    pick: Callable[[Profile], list[tuple[str, bool]]],
    *,
    backend: TextBackend,
    cache: EmbeddingCache | None,
) -> PhraseTable:
    texts: list[str] = []
    heads: list[bool] = []
    counts = np.zeros(len(profiles), dtype=np.int64)
    ptr = np.zeros(len(profiles) + 1, dtype=np.int64)
    for i, profile in enumerate(profiles):
        rows = pick(profile) or [("", False)]
        counts[i] = sum(1 for text, _ in rows if text)
        texts.extend(text for text, _ in rows)
        heads.extend(head for _, head in rows)
        ptr[i + 1] = len(texts)
    real = [i for i, t in enumerate(texts) if t]
    vectors = np.zeros((len(texts), backend.dim), dtype=np.float32)
    if real:
        # A headline is embedded by its core; the table keeps the full text for explanations.
        meant = [headline_core(texts[i]) if heads[i] else texts[i] for i in real]
        vectors[real] = embed_texts(meant, backend=backend, cache=cache)
        vectors[np.asarray(heads, dtype=np.bool_)] *= np.float32(HEADLINE_WEIGHT)
    return PhraseTable(
        vectors=vectors,
        ptr=ptr,
        counts=counts,
        texts=tuple(texts),
        is_headline=np.asarray(heads, dtype=np.bool_),
    )


def whole_offer_text(profile: Profile) -> str:
    """Everything a person gives as one text: the headline, then the offers."""
    return " ".join(t for t in (profile.headline, *profile.offers) if t.strip())


def whole_need_text(profile: Profile) -> str:
    """Everything a person needs as one text."""
    return " ".join(t for t in profile.needs if t.strip())


def _whole(
    profiles: Sequence[Profile],
    text: Callable[[Profile], str],
    *,
    backend: TextBackend,
    cache: EmbeddingCache | None,
) -> Vectors:
    texts = [text(p) for p in profiles]
    out = np.zeros((len(texts), backend.dim), dtype=np.float32)
    real = [i for i, t in enumerate(texts) if t]
    if real:
        out[real] = embed_texts([texts[i] for i in real], backend=backend, cache=cache)
    return out


def embed_profiles(
    profiles: Sequence[Profile], *, backend: TextBackend, cache: EmbeddingCache | None = None
) -> EmbeddedProfiles:
    """Embed every phrase of every profile, each distinct phrase once (once ever with a cache)."""
    return EmbeddedProfiles(
        profiles=tuple(profiles),
        offers=_table(profiles, offer_phrases, backend=backend, cache=cache),
        needs=_table(profiles, need_phrases, backend=backend, cache=cache),
        shared=_table(profiles, shared_phrases, backend=backend, cache=cache),
        model=backend.version,
        whole_offers=_whole(profiles, whole_offer_text, backend=backend, cache=cache),
        whole_needs=_whole(profiles, whole_need_text, backend=backend, cache=cache),
    )
