"""A database-backed embedding cache: each text is embedded once per model version, ever."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from mutuals.store.database import Database
from mutuals.store.models import Embedding

CHUNK = 500


class DatabaseEmbeddingCache:
    """Implements the prospecting engine's ``EmbeddingCache`` protocol on the ``embeddings`` table."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get_many(self, keys: Sequence[str], *, model: str) -> dict[str, NDArray[np.float32]]:
        """Vectors held for these keys under ``model`` (missing keys are absent)."""
        found: dict[str, NDArray[np.float32]] = {}
        with self.db.transaction() as session:
            for start in range(0, len(keys), CHUNK):
                chunk = list(keys[start : start + CHUNK])
                rows = session.execute(
                    select(Embedding.text_key, Embedding.vector).where(
                        Embedding.model == model, Embedding.text_key.in_(chunk)
                    )
                )
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32).copy()
        return found

    def put_many(self, vectors: Mapping[str, NDArray[np.float32]], *, model: str) -> None:
        """Store vectors under ``model``, replacing any held for the same keys."""
        if not vectors:
            return
        rows = [
            {
                "model": model,
                "text_key": key,
                "dim": int(np.asarray(vector).shape[-1]),
                "vector": np.asarray(vector, dtype=np.float32).tobytes(),
            }
            for key, vector in vectors.items()
        ]
        with self.db.writing(None) as session:
            dialect = session.get_bind().dialect.name
            upsert = postgresql.insert if dialect == "postgresql" else sqlite.insert
            for start in range(0, len(rows), CHUNK):
                statement = upsert(Embedding).values(rows[start : start + CHUNK])
                # Two processes may embed the same new phrase at once; the last write wins.
                statement = statement.on_conflict_do_update(
                    index_elements=["model", "text_key"],
                    set_={"dim": statement.excluded.dim, "vector": statement.excluded.vector},
                )
                session.execute(statement)
