"""Embedding cache seam: vectors keyed by text hash and model version, so a text is embedded once.

The engine ships an in-memory cache; a persistent one (a database table) implements the same
protocol outside the engine.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np

from mutuals.prospecting.backends import TextBackend, Vectors


def text_key(text: str) -> str:
    """Stable key of a phrase: SHA-256 of its whitespace-collapsed form (the form embedded)."""
    return hashlib.sha256(canonical_text(text).encode("utf-8")).hexdigest()


def canonical_text(text: str) -> str:
    """The form of a phrase that is embedded: whitespace collapsed, case kept for the model."""
    return " ".join(text.split())


class EmbeddingCache(Protocol):
    """Stores float32 vectors by ``(text key, model version)``.

    ``get_many`` returns only the keys it holds (missing keys are simply absent);
    ``put_many`` stores vectors for one model version. Vectors are 1-D float32 arrays.
    """

    def get_many(self, keys: Sequence[str], *, model: str) -> Mapping[str, Vectors]:
        """Vectors held for these keys under ``model``."""
        ...

    def put_many(self, vectors: Mapping[str, Vectors], *, model: str) -> None:
        """Store vectors under ``model``, replacing any held for the same keys."""
        ...


class InMemoryEmbeddingCache:
    """A dictionary-backed :class:`EmbeddingCache` that lives as long as the object."""

    def __init__(self) -> None:
        self._store: dict[tuple[str, str], Vectors] = {}

    def __len__(self) -> int:
        return len(self._store)

    def get_many(self, keys: Sequence[str], *, model: str) -> dict[str, Vectors]:
        """Vectors held for these keys under ``model``."""
        found: dict[str, Vectors] = {}
        for key in keys:
            vector = self._store.get((model, key))
            if vector is not None:
                found[key] = vector
        return found

    def put_many(self, vectors: Mapping[str, Vectors], *, model: str) -> None:
        """Store vectors under ``model``."""
        for key, vector in vectors.items():
            self._store[(model, key)] = np.asarray(vector, dtype=np.float32)


def embed_texts(
    texts: Sequence[str], *, backend: TextBackend, cache: EmbeddingCache | None = None
) -> Vectors:
    """Embed ``texts`` in order, each distinct phrase once, reusing and filling ``cache``."""
    out = np.zeros((len(texts), backend.dim), dtype=np.float32)
    if not texts:
        return out
    keys = [text_key(t) for t in texts]
    first: dict[str, int] = {}
    for i, key in enumerate(keys):
        first.setdefault(key, i)
    known: Mapping[str, Vectors] = (
        cache.get_many(list(first), model=backend.version) if cache is not None else {}
    )
    missing = [key for key in first if key not in known]
    fresh: dict[str, Vectors] = {}
    if missing:
        vectors = backend.embed([canonical_text(texts[first[key]]) for key in missing])
        fresh = {key: vectors[j] for j, key in enumerate(missing)}
        if cache is not None:
            cache.put_many(fresh, model=backend.version)
    for i, key in enumerate(keys):
        out[i] = known[key] if key in known else fresh[key]
    return out
