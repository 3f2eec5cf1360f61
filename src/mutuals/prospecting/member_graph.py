"""One vector per member for the averaged score: an HNSW over whole profiles, for candidates.

Each direction of the mutual score averages over all needs of the side that needs, with no
saturation, so a member's score often comes from several moderate phrase matches rather than one
close phrase; nearest phrases (or nearest (need, offer) combinations) miss such members at
100,000 members. Without the clipping at the floor and the max over the asker's phrases, both
directions are linear in the member's *mean* need and *mean* offer vectors, and the whole-text
view is linear in their whole-need and whole-offer vectors. So each member is stored as
``mean need ⊕ mean offer ⊕ whole need ⊕ whole offer`` and the asker searches with
``my mean offer ⊕ my mean need ⊕ my whole offer ⊕ my whole need``: the inner product is the sum
of both directions' linear approximations and both whole-text cosines, and the nearest members
are re-scored exactly by the caller.

Rows are appended and never reused: an edit frees the member's old row (owner -1, still in the
graph, never returned) and appends a new one, so graph ids are always row numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]
Vectors = NDArray[np.float32]
# HNSW links per member and the breadth of the search that places a new member.
LINKS = 32
BUILD_EFFORT = 80
SEARCH_EFFORT = 64


def _faiss() -> Any:
    import faiss  # imported lazily: about 0.3 s, and only the ANN index needs it

    return faiss


def grown(arr: IntArray, need: int, fill: int) -> IntArray:
    """``arr`` with room for at least ``need`` entries (new ones ``fill``), grown by half at a
    time so that appends one by one stay cheap; ``arr`` itself when it is long enough."""
    if need <= len(arr):
        return arr
    out = np.full(max(need, int(len(arr) * 1.5) + 1024), fill, dtype=np.int64)
    out[: len(arr)] = arr
    return out


def member_query(
    my_offers: Vectors, my_needs: Vectors, whole_offer: Vectors, whole_need: Vectors
) -> Vectors:
    """The asker's search vector (one row), matching the layout of the members' vectors."""
    dim = len(whole_offer)
    mean_offer = my_offers.mean(axis=0) if len(my_offers) else np.zeros(dim, np.float32)
    mean_need = my_needs.mean(axis=0) if len(my_needs) else np.zeros(dim, np.float32)
    out: Vectors = np.concatenate([mean_offer, mean_need, whole_offer, whole_need])
    return np.ascontiguousarray(out[None, :], dtype=np.float32)


@dataclass(slots=True)
class ProfileGraph:
    """One row per member version (owner by row, row by person) and an HNSW over the rows."""

    owner: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    row: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))  # per person, -1: none
    size: int = 0
    ann: Any = None

    def set_person(self, person: int) -> int:
        """Give ``person`` a new row (their old one stops counting); returns it."""
        self.row = grown(self.row, person + 1, -1)
        old = int(self.row[person])
        if old >= 0:
            self.owner[old] = -1
        self.owner = grown(self.owner, self.size + 1, -1)
        new = self.size
        self.owner[new] = person
        self.row[person] = new
        self.size += 1
        return new

    def live(self) -> IntArray:
        """The people who have a row, in row order."""
        owners = self.owner[: self.size]
        out: IntArray = owners[owners >= 0]
        return out

    def train(self, sample: Vectors) -> None:
        """Start the HNSW, its 8-bit codes fitted on ``sample`` rows; rows join with :meth:`add`."""
        faiss = _faiss()
        ann = faiss.IndexHNSWSQ(
            sample.shape[1], faiss.ScalarQuantizer.QT_8bit, LINKS, faiss.METRIC_INNER_PRODUCT
        )
        ann.hnsw.efConstruction = BUILD_EFFORT
        ann.train(np.ascontiguousarray(sample, dtype=np.float32))
        self.ann = ann

    def add(self, first: int, vectors: Vectors) -> None:
        """Add rows ``first, first + 1, …`` to the HNSW (the next ids: rows are never reused)."""
        if self.ann is None or not len(vectors):
            return
        assert int(self.ann.ntotal) == first, "graph ids and rows out of step"
        self.ann.add(np.ascontiguousarray(vectors, dtype=np.float32))

    def nearest(self, query: Vectors, depth: int) -> IntArray:
        """The people of the ``depth`` rows nearest to ``query`` (needs the HNSW)."""
        if self.ann is None or depth <= 0:
            return np.zeros(0, dtype=np.int64)
        faiss = _faiss()
        params = faiss.SearchParametersHNSW(efSearch=max(depth, SEARCH_EFFORT))
        _, ids = self.ann.search(query, depth, params=params)
        rows = ids[ids >= 0]
        owners = self.owner[rows]
        out: IntArray = owners[owners >= 0]
        return out

    def save(self, folder: Path) -> None:
        np.savez(folder / "members.npz", owner=self.owner[: self.size], row=self.row)
        if self.ann is not None:
            _faiss().write_index(self.ann, str(folder / "members.faiss"))

    @classmethod
    def load(cls, folder: Path) -> ProfileGraph:
        data = np.load(folder / "members.npz")
        graph = cls(owner=data["owner"], row=data["row"], size=len(data["owner"]))
        ann_file = folder / "members.faiss"
        graph.ann = _faiss().read_index(str(ann_file)) if ann_file.exists() else None
        return graph

    def nbytes(self) -> int:
        return int(self.owner.nbytes + self.row.nbytes)

    def graph_nbytes(self) -> int:
        """Bytes of the HNSW: its 8-bit codes and its links (counted, not serialised: a copy of
        a 1,000,000-member graph would itself take more than a gigabyte)."""
        if self.ann is None:
            return 0
        faiss = _faiss()
        hnsw = self.ann.hnsw
        codes = int(self.ann.ntotal) * int(faiss.downcast_index(self.ann.storage).code_size)
        links = 4 * hnsw.neighbors.size() + 8 * hnsw.offsets.size() + 4 * hnsw.levels.size()
        return int(codes + links)
