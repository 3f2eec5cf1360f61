"""Both directions at once: one vector per (need, offer) of each member, for nearest neighbours.

The mutual score is a soft minimum of "my offers meet your needs" and "your offers meet my
needs", so the best prospects are near in both directions together. For each member and each of
their (need, offer) combinations the graph holds ``need ⊕ offer`` (concatenated); the asker
searches with ``my offer ⊕ my need``, whose inner product is the sum of the two similarities.
Rows point into the phrase stores (no vector is stored twice at full precision); the ANN keeps
8-bit codes of the concatenations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]
Vectors = NDArray[np.float32]
# HNSW links per combination and the breadth of the search that places a new one.
LINKS = 16
BUILD_EFFORT = 40
SEARCH_EFFORT = 64


def _faiss() -> Any:
    import faiss  # imported lazily: about 0.3 s, and only the ANN index needs it

    return faiss


def _grow(arr: IntArray, need: int, fill: int) -> IntArray:
    if need <= len(arr):
        return arr
    out = np.full(max(need, int(len(arr) * 1.5) + 1024), fill, dtype=np.int64)
    out[: len(arr)] = arr
    return out


@dataclass(slots=True)
class PairGraph:
    """Every (need row, offer row) combination of every member, and an HNSW over them."""

    need: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    offer: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    owner: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    first: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))  # per person
    last: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    size: int = 0
    ann: Any = None

    def set_person(self, person: int, needs: IntArray, offers: IntArray) -> IntArray:
        """Replace ``person``'s combinations (their old ones stop counting); returns new rows."""
        self.first = _grow(self.first, person + 1, 0)
        self.last = _grow(self.last, person + 1, 0)
        self.owner[self.first[person] : self.last[person]] = -1
        grid_n, grid_o = np.meshgrid(needs, offers, indexing="ij")
        count = grid_n.size
        end = self.size + count
        self.need = _grow(self.need, end, 0)
        self.offer = _grow(self.offer, end, 0)
        self.owner = _grow(self.owner, end, -1)
        rows = np.arange(self.size, end, dtype=np.int64)
        self.need[rows] = grid_n.ravel()
        self.offer[rows] = grid_o.ravel()
        self.owner[rows] = person
        self.first[person], self.last[person] = self.size, end
        self.size = end
        return rows

    def vectors(self, rows: IntArray, needs: Vectors, offers: Vectors) -> Vectors:
        """``need ⊕ offer`` for the given combination rows."""
        out: Vectors = np.concatenate([needs[self.need[rows]], offers[self.offer[rows]]], axis=1)
        return out

    def train(self, needs: Vectors, offers: Vectors, minimum: int) -> None:
        """Build the HNSW over every row (ids are rows), unless there are fewer than ``minimum``."""
        if int((self.owner[: self.size] >= 0).sum()) < minimum:
            self.ann = None
            return
        faiss = _faiss()
        dim = needs.shape[1] + offers.shape[1]
        ann = faiss.IndexHNSWSQ(
            dim, faiss.ScalarQuantizer.QT_8bit, LINKS, faiss.METRIC_INNER_PRODUCT
        )
        ann.hnsw.efConstruction = BUILD_EFFORT
        rng = np.random.default_rng(0)
        sample = np.sort(rng.choice(self.size, size=min(self.size, 100_000), replace=False))
        ann.train(self.vectors(sample, needs, offers))
        for start in range(0, self.size, 100_000):
            rows = np.arange(start, min(self.size, start + 100_000), dtype=np.int64)
            ann.add(self.vectors(rows, needs, offers))
        self.ann = ann

    def extend(self, rows: IntArray, needs: Vectors, offers: Vectors) -> None:
        """Add new rows to the HNSW (they are its next ids: rows are never reused)."""
        if self.ann is None or not len(rows):
            return
        assert int(self.ann.ntotal) == int(rows[0]), "graph ids and rows out of step"
        self.ann.add(self.vectors(rows, needs, offers))

    def nearest(
        self, my_offers: Vectors, my_needs: Vectors, depth: int, needs: Vectors, offers: Vectors
    ) -> IntArray:
        """Owners of the ``depth`` combinations nearest to each ``my offer ⊕ my need``."""
        if not len(my_offers) or not len(my_needs) or self.size == 0:
            return np.zeros(0, dtype=np.int64)
        grid_o, grid_n = np.meshgrid(np.arange(len(my_offers)), np.arange(len(my_needs)))
        queries = np.ascontiguousarray(
            np.concatenate([my_offers[grid_o.ravel()], my_needs[grid_n.ravel()]], axis=1)
        )
        if self.ann is None:
            live = np.flatnonzero(self.owner[: self.size] >= 0)
            sims = queries @ self.vectors(live, needs, offers).T
            depth = min(depth, len(live))
            if depth == 0:
                return np.zeros(0, dtype=np.int64)
            pick = np.argpartition(-sims, depth - 1, axis=1)[:, :depth]
            rows = live[pick.ravel()]
        else:
            faiss = _faiss()
            params = faiss.SearchParametersHNSW(efSearch=max(depth, SEARCH_EFFORT))
            _, ids = self.ann.search(queries, depth, params=params)
            rows = ids[ids >= 0]
        owners = self.owner[rows]
        out: IntArray = np.unique(owners[owners >= 0])
        return out

    def save(self, folder: Path) -> None:
        np.savez(
            folder / "pairs.npz",
            need=self.need[: self.size],
            offer=self.offer[: self.size],
            owner=self.owner[: self.size],
            first=self.first,
            last=self.last,
        )
        if self.ann is not None:
            _faiss().write_index(self.ann, str(folder / "pairs.faiss"))

    @classmethod
    def load(cls, folder: Path) -> PairGraph:
        data = np.load(folder / "pairs.npz")
        graph = cls(
            need=data["need"],
            offer=data["offer"],
            owner=data["owner"],
            first=data["first"],
            last=data["last"],
            size=len(data["owner"]),
        )
        ann_file = folder / "pairs.faiss"
        graph.ann = _faiss().read_index(str(ann_file)) if ann_file.exists() else None
        return graph

    def nbytes(self) -> int:
        return int(self.need.nbytes + self.offer.nbytes + self.owner.nbytes + self.first.nbytes * 2)
