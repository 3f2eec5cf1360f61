"""Top-k prospects among many people who write their own phrases: ANN recall, then exact scores.

When members rarely reuse phrases, scoring everyone means one pass over every phrase vector. This
index keeps each kind of phrase (offers with headlines, needs, topics) in a faiss HNSW graph
over 8-bit scalar codes. A query asks it for the phrases nearest to each of the asker's own (their offers against needs, their needs against
offers, their topics against topics); the owners of those phrases are the candidates, and each
candidate is scored exactly, from full-precision vectors, with the same formula as
:func:`mutuals.prospecting.score.score_block`. A member who edits their profile is re-embedded:
their old phrases stay in the graph but no longer count, and the new ones are added to it. The
whole index saves to and loads from a folder, so a restart does not re-embed anyone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutuals.domain.profile import Profile
from mutuals.prospecting.ann_scores import direction_from, direction_to, shared
from mutuals.prospecting.backends import TextBackend
from mutuals.prospecting.cache import EmbeddingCache
from mutuals.prospecting.pair_graph import PairGraph
from mutuals.prospecting.phrases import EmbeddedProfiles, PhraseTable, embed_profiles
from mutuals.prospecting.score import (
    DEFAULT_WEIGHTS,
    Matrix,
    ScoreWeights,
    combine,
    resolve_calibration,
    whole_view,
)

IntArray = NDArray[np.int64]
KINDS = ("offers", "needs", "shared")
# Nearest (need, offer) combinations fetched per (offer, need) of the asker, and nearest
# phrases per phrase of the asker; a search looks at least SEARCH_EFFORT wide.
PAIR_NEIGHBOURS = 300
NEIGHBOURS = 100
SEARCH_EFFORT = 64
# HNSW links per phrase and the breadth of the search that places a new phrase.
GRAPH_LINKS = 16
BUILD_EFFORT = 40
# Fewer phrases than this and the exact scan is as fast: no ANN structure is trained.
ANN_MIN_PHRASES = 20_000


def _faiss() -> Any:
    import faiss  # imported lazily: about 0.3 s, and only the ANN index needs it

    return faiss


@dataclass(slots=True)
class PhraseStore:
    """One kind of phrase for everyone: full vectors by row, each person's rows in slots.

    Rows are appended and never moved; a member's edit frees their old rows (``owner`` -1) and
    appends new ones, so row ids in the ANN stay valid.
    """

    dim: int
    vectors: NDArray[np.float32] = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    owner: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    slots: IntArray = field(default_factory=lambda: np.zeros((0, 1), np.int64))
    size: int = 0
    ann: Any = None

    def __post_init__(self) -> None:
        if self.vectors.shape[1] != self.dim:
            self.vectors = np.zeros((0, self.dim), dtype=np.float32)

    def append(self, vectors: NDArray[np.float32], owners: IntArray) -> IntArray:
        """Store phrase vectors for ``owners``; returns their row ids."""
        need = self.size + len(vectors)
        if need > len(self.vectors):
            cap = max(need, int(len(self.vectors) * 1.5) + 1024)
            grown = np.zeros((cap, self.dim), dtype=np.float32)
            grown[: self.size] = self.vectors[: self.size]
            owner = np.full(cap, -1, dtype=np.int64)
            owner[: self.size] = self.owner[: self.size]
            self.vectors, self.owner = grown, owner
        rows = np.arange(self.size, need, dtype=np.int64)
        self.vectors[rows] = vectors
        self.owner[rows] = owners
        self.size = need
        return rows

    def set_person(self, person: int, rows: IntArray) -> None:
        """Point ``person``'s slots at ``rows`` (-1 pads; no rows: an empty person)."""
        if person >= len(self.slots):
            grown = np.full((max(person + 1, 2 * len(self.slots)), self.slots.shape[1]), -1)
            grown[: len(self.slots)] = self.slots
            self.slots = grown.astype(np.int64)
        if len(rows) > self.slots.shape[1]:
            wider = np.full((len(self.slots), len(rows)), -1, dtype=np.int64)
            wider[:, : self.slots.shape[1]] = self.slots
            self.slots = wider
        self.slots[person] = -1
        self.slots[person, : len(rows)] = rows

    def rows_of(self, person: int) -> IntArray:
        row = self.slots[person]
        out: IntArray = row[row >= 0]
        return out

    def nbytes(self) -> int:
        """Memory of the full vectors, owners and slots (the ANN is counted separately)."""
        return int(self.vectors.nbytes + self.owner.nbytes + self.slots.nbytes)


@dataclass(slots=True)
class AnnProspectIndex:
    """Profiles, their phrase stores and one ANN per kind of phrase."""

    backend: TextBackend
    weights: ScoreWeights = DEFAULT_WEIGHTS
    profiles: list[Profile] = field(default_factory=list)
    position: dict[str, int] = field(default_factory=dict)
    stores: dict[str, PhraseStore] = field(default_factory=dict)
    pairs: PairGraph = field(default_factory=PairGraph)
    # The whole-text view: each person's whole offer and whole need, one row per person.
    whole_offers: NDArray[np.float32] = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    whole_needs: NDArray[np.float32] = field(default_factory=lambda: np.zeros((0, 0), np.float32))

    @classmethod
    def build(
        cls,
        profiles: Sequence[Profile],
        *,
        backend: TextBackend,
        cache: EmbeddingCache | None = None,
        weights: ScoreWeights = DEFAULT_WEIGHTS,
        batch: int = 20_000,
    ) -> AnnProspectIndex:
        """Embed everyone (in batches, through ``cache``) and train the ANN on what was stored."""
        index = cls(backend=backend, weights=weights)
        index.stores = {k: PhraseStore(backend.dim) for k in KINDS}
        for start in range(0, len(profiles), batch):
            index._add(profiles[start : start + batch], cache)
        for store in index.stores.values():
            store.ann = _train(store)
        needs, offers = index.stores["needs"], index.stores["offers"]
        index.pairs.train(needs.vectors, offers.vectors, ANN_MIN_PHRASES)
        return index

    def __len__(self) -> int:
        return len(self.profiles)

    def _add(self, profiles: Sequence[Profile], cache: EmbeddingCache | None) -> list[int]:
        first = len(self.profiles)
        people = list(range(first, first + len(profiles)))
        for p, profile in zip(people, profiles, strict=True):
            if profile.id in self.position:
                raise ValueError(f"{profile.id!r} is already in the index: use update()")
            self.position[profile.id] = p
            self.profiles.append(profile)
        embedded = embed_profiles(profiles, backend=self.backend, cache=cache)
        self._set_whole(people, embedded)
        for kind in KINDS:
            table: PhraseTable = getattr(embedded, kind)
            store = self.stores[kind]
            real = _real_rows(table)
            owners = np.repeat(np.asarray(people, dtype=np.int64), np.diff(table.ptr))[real]
            rows = store.append(table.vectors[real], owners)
            at = 0
            for p, count in zip(people, table.counts.tolist(), strict=True):
                store.set_person(p, rows[at : at + count])
                at += count
            _append_to_ann(store, rows)
        for p in people:
            self._pair_up(p)
        return people

    def _set_whole(self, people: list[int], embedded: EmbeddedProfiles) -> None:
        dim = self.backend.dim
        if self.whole_offers.shape[1] != dim:
            self.whole_offers = np.zeros((0, dim), np.float32)
            self.whole_needs = np.zeros((0, dim), np.float32)
        grow = max(people, default=-1) + 1 - len(self.whole_offers)
        if grow > 0:
            pad = np.zeros((grow, dim), np.float32)
            self.whole_offers = np.concatenate([self.whole_offers, pad])
            self.whole_needs = np.concatenate([self.whole_needs, pad])
        self.whole_offers[people] = embedded.whole_offers
        self.whole_needs[people] = embedded.whole_needs

    def _pair_up(self, p: int) -> None:
        needs, offers = self.stores["needs"], self.stores["offers"]
        rows = self.pairs.set_person(p, needs.rows_of(p), offers.rows_of(p))
        self.pairs.extend(rows, needs.vectors, offers.vectors)

    def update(self, profile: Profile, *, cache: EmbeddingCache | None = None) -> None:
        """Add a member, or replace their phrases after an edit (no rebuild of anything else)."""
        p = self.position.get(profile.id)
        if p is None:
            self._add([profile], cache)
            return
        self.profiles[p] = profile
        embedded = embed_profiles([profile], backend=self.backend, cache=cache)
        self._set_whole([p], embedded)
        for kind in KINDS:
            store = self.stores[kind]
            old = store.rows_of(p)
            store.owner[old] = -1  # still in the graph, never returned
            table: PhraseTable = getattr(embedded, kind)
            real = _real_rows(table)
            rows = store.append(table.vectors[real], np.full(int(real.sum()), p, np.int64))
            store.set_person(p, rows)
            _append_to_ann(store, rows)
        self._pair_up(p)

    def memory(self) -> dict[str, int]:
        """Bytes held: full vectors and slots, and the ANN structures (codes, lists, graph)."""
        faiss = _faiss()
        ann = 0
        for store in self.stores.values():
            if store.ann is not None:
                ann += int(faiss.serialize_index(store.ann).nbytes)
        if self.pairs.ann is not None:
            ann += int(faiss.serialize_index(self.pairs.ann).nbytes)
        vectors = sum(s.nbytes() for s in self.stores.values()) + self.pairs.nbytes()
        return {"vectors": vectors, "ann": ann, "total": vectors + ann}

    def candidates(
        self,
        me: Profile | EmbeddedProfiles,
        neighbours: int = NEIGHBOURS,
        pair_neighbours: int = PAIR_NEIGHBOURS,
    ) -> IntArray:
        """Who might be among ``me``'s best (everyone, in an index too small for an ANN).

        The owners of the ``pair_neighbours`` (need, offer) combinations nearest to each of
        ``me``'s (offer, need) combinations, who meet ``me`` both ways, and of the
        ``neighbours`` phrases nearest to each of ``me``'s, who meet ``me`` one way or share
        topics.
        """
        mine = self._embed(me)
        # my offers meet their needs, my needs meet their offers, topics meet topics
        asks = (("offers", mine.needs), ("needs", mine.offers), ("shared", mine.shared))
        if any(self.stores[kind].ann is None and self.stores[kind].size for kind, _ in asks):
            return np.arange(len(self.profiles), dtype=np.int64)
        needs, offers = self.stores["needs"], self.stores["offers"]
        found = [
            self.pairs.nearest(
                _real(mine.offers),
                _real(mine.needs),
                pair_neighbours,
                needs.vectors,
                offers.vectors,
            )
        ]
        for kind, table in asks:
            store = self.stores[kind]
            queries = _real(table)
            if not len(queries) or store.size == 0 or not neighbours:
                continue
            _, ids = _search(store.ann, queries, neighbours)
            owners = store.owner[ids[ids >= 0]]
            found.append(owners[owners >= 0])
        out: IntArray = np.unique(np.concatenate(found))
        return out

    def _embed(self, me: Profile | EmbeddedProfiles) -> EmbeddedProfiles:
        if isinstance(me, EmbeddedProfiles):
            return me
        return embed_profiles([me], backend=self.backend)

    def scores(self, me: Profile | EmbeddedProfiles, people: IntArray) -> Matrix:
        """The exact mutual score of ``me`` with each of ``people`` (positions in the index)."""
        mine = self._embed(me)
        lo, hi = resolve_calibration(
            self.weights, floor=self.backend.floor, ceiling=self.backend.ceiling
        )
        bn = self.weights.best_need
        offers, needs, topics = (self.stores[k] for k in KINDS)
        gives = direction_to(_real(mine.offers), needs, people, lo, hi, bn)
        gets = direction_from(_real(mine.needs), offers, people, lo, hi, bn)
        both = shared(_real(mine.shared), topics, people, lo, hi)
        whole = whole_view(
            self.whole_needs[people] @ mine.whole_offers[0],
            self.whole_offers[people] @ mine.whole_needs[0],
            floor=lo,
            ceiling=1.0,
        )
        return combine(gives, gets, both, whole, self.weights)

    def top(
        self,
        me: Profile,
        k: int = 10,
        neighbours: int = NEIGHBOURS,
        pair_neighbours: int = PAIR_NEIGHBOURS,
    ) -> list[tuple[int, float]]:
        """The ``k`` best (position, exact score) among the :meth:`candidates`, best first.

        Someone with ``me.id`` is skipped.
        """
        mine = self._embed(me)
        people = self.candidates(mine, neighbours, pair_neighbours)
        skip = self.position.get(me.id)
        if skip is not None:
            people = people[people != skip]
        if not len(people):
            return []
        total = self.scores(mine, people)
        order = np.argsort(-total, kind="stable")[:k]
        return [(int(people[i]), float(total[i])) for i in order]

    def save(self, folder: Path) -> None:
        """Write everything needed to answer queries without re-embedding."""
        faiss = _faiss()
        folder.mkdir(parents=True, exist_ok=True)
        for kind, store in self.stores.items():
            np.save(folder / f"{kind}.vectors.npy", store.vectors[: store.size])
            np.save(folder / f"{kind}.owner.npy", store.owner[: store.size])
            np.save(folder / f"{kind}.slots.npy", store.slots[: len(self.profiles)])
            if store.ann is not None:
                faiss.write_index(store.ann, str(folder / f"{kind}.faiss"))
        self.pairs.save(folder)
        np.save(folder / "whole.offers.npy", self.whole_offers)
        np.save(folder / "whole.needs.npy", self.whole_needs)
        meta = {
            "model": self.backend.version,
            "weights": asdict(self.weights),
            "profiles": [_profile_json(p) for p in self.profiles],
        }
        (folder / "index.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, *, backend: TextBackend) -> AnnProspectIndex:
        """Read an index written by :meth:`save`; ``backend`` must be the model it was built with."""
        faiss = _faiss()
        meta = json.loads((folder / "index.json").read_text(encoding="utf-8"))
        if meta["model"] != backend.version:
            raise ValueError(
                f"the index was built with {meta['model']}, not {backend.version}: rebuild it"
            )
        profiles = [Profile(**p) for p in meta["profiles"]]
        index = cls(backend=backend, weights=ScoreWeights(**meta["weights"]), profiles=profiles)
        index.position = {p.id: i for i, p in enumerate(profiles)}
        for kind in KINDS:
            vectors = np.load(folder / f"{kind}.vectors.npy")
            store = PhraseStore(backend.dim, vectors=vectors, size=len(vectors))
            store.owner = np.load(folder / f"{kind}.owner.npy")
            store.slots = np.load(folder / f"{kind}.slots.npy")
            ann_file = folder / f"{kind}.faiss"
            store.ann = faiss.read_index(str(ann_file)) if ann_file.exists() else None
            index.stores[kind] = store
        index.pairs = PairGraph.load(folder)
        index.whole_offers = np.load(folder / "whole.offers.npy")
        index.whole_needs = np.load(folder / "whole.needs.npy")
        return index


def _profile_json(p: Profile) -> dict[str, Any]:
    data = asdict(p)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


def _real_rows(table: PhraseTable) -> NDArray[np.bool_]:
    """Rows that hold a phrase (not the zero placeholder of a person with none)."""
    sizes = np.diff(table.ptr)
    has = np.repeat(table.counts > 0, sizes)
    return has


def _real(table: PhraseTable) -> NDArray[np.float32]:
    out: NDArray[np.float32] = table.vectors[_real_rows(table)]
    return out


def _train(store: PhraseStore) -> Any:
    """An HNSW graph over every stored row (ids are row numbers), or None for few phrases.

    Rows freed by an edit stay in the graph and are dropped from results by their owner (-1);
    new rows are appended to the graph in row order, so a graph id is always the row.
    """
    if int((store.owner[: store.size] >= 0).sum()) < ANN_MIN_PHRASES:
        return None
    faiss = _faiss()
    ann = faiss.IndexHNSWSQ(
        store.dim, faiss.ScalarQuantizer.QT_8bit, GRAPH_LINKS, faiss.METRIC_INNER_PRODUCT
    )
    ann.hnsw.efConstruction = BUILD_EFFORT
    rng = np.random.default_rng(0)
    sample = rng.choice(store.size, size=min(store.size, 100_000), replace=False)
    ann.train(np.ascontiguousarray(store.vectors[np.sort(sample)]))
    for start in range(0, store.size, 100_000):
        ann.add(np.ascontiguousarray(store.vectors[start : min(store.size, start + 100_000)]))
    return ann


def _search(ann: Any, queries: NDArray[np.float32], neighbours: int) -> tuple[Any, Any]:
    faiss = _faiss()
    params = faiss.SearchParametersHNSW(efSearch=max(neighbours, SEARCH_EFFORT))
    scores, ids = ann.search(np.ascontiguousarray(queries), neighbours, params=params)
    return scores, ids


def _append_to_ann(store: PhraseStore, rows: IntArray) -> None:
    """Add new rows to the graph; they are its next ids, as rows are never reused."""
    if store.ann is None or not len(rows):
        return
    assert int(store.ann.ntotal) == int(rows[0]), "graph ids and rows out of step"
    store.ann.add(np.ascontiguousarray(store.vectors[rows]))
