"""The database embedding cache on SQLite and PostgreSQL."""

from __future__ import annotations

import numpy as np

from mutuals.services.context import Workspace
from mutuals.store.embeddings import DatabaseEmbeddingCache


def test_round_trip_and_replace(workspace: Workspace) -> None:
    cache = DatabaseEmbeddingCache(workspace.db)
    vectors = {f"k{i}": np.full(4, i, dtype=np.float32) for i in range(700)}
    cache.put_many(vectors, model="m1")
    got = cache.get_many([*vectors, "absent"], model="m1")
    assert set(got) == set(vectors)
    assert np.array_equal(got["k699"], vectors["k699"])
    assert cache.get_many(["k1"], model="other") == {}
    cache.put_many({"k1": np.ones(4, dtype=np.float32)}, model="m1")
    assert np.array_equal(cache.get_many(["k1"], model="m1")["k1"], np.ones(4))
