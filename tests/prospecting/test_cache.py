"""The embedding cache: each text embedded once per model version."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mutuals.prospecting import InMemoryEmbeddingCache, LexicalBackend, embed_texts, text_key
from mutuals.prospecting.backends import Vectors


class CountingBackend(LexicalBackend):
    def __init__(self) -> None:
        super().__init__(dim=64)
        self.seen: list[str] = []

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.seen.extend(texts)
        return super().embed(texts)


def test_key_ignores_extra_whitespace_only() -> None:
    assert text_key("tax  returns ") == text_key("tax returns")
    assert text_key("Tax returns") != text_key("tax returns")


def test_each_distinct_text_is_embedded_once_and_then_served_from_cache() -> None:
    backend = CountingBackend()
    cache = InMemoryEmbeddingCache()
    first = embed_texts(["a website", "tax", "a website"], backend=backend, cache=cache)
    assert backend.seen == ["a website", "tax"]
    assert len(cache) == 2
    again = embed_texts(["tax", "a website", "payroll"], backend=backend, cache=cache)
    assert backend.seen == ["a website", "tax", "payroll"]
    np.testing.assert_array_equal(again[0], first[1])
    np.testing.assert_array_equal(again[1], first[0])


def test_vectors_are_kept_apart_by_model_version() -> None:
    cache = InMemoryEmbeddingCache()
    cache.put_many({"k": np.ones(3, dtype=np.float32)}, model="m1")
    assert cache.get_many(["k"], model="m2") == {}
    assert list(cache.get_many(["k", "missing"], model="m1")) == ["k"]
