"""Top-k prospects among many people who write their own phrases: ANN recall, then exact scores.

When members rarely reuse phrases, scoring everyone means one pass over every phrase vector. This
index finds candidates with one faiss HNSW graph over 8-bit codes instead, holding one vector per
member (:mod:`mutuals.prospecting.member_graph`): their mean need, mean offer, whole need and
whole offer, whose inner product with the asker's is a linear approximation of the averaged
score. The nearest members are then scored exactly, from full-precision phrase vectors, with the
same formula as :func:`mutuals.prospecting.score.score_block`, from the stored phrase vectors.
Those are float16 (:mod:`mutuals.prospecting.row_blocks`), so "exact" means exact over the stored
vectors: the re-score and a scan of everyone compute the same numbers. A member who edits their
profile is re-embedded: their old vector stays in the graph but no longer counts, and the new one
is added. The whole index saves to and loads from a folder, so a restart does not re-embed anyone;
a loaded index maps the saved vectors from their files rather than reading them into memory.
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
from mutuals.prospecting.member_graph import ProfileGraph, grown, member_query
from mutuals.prospecting.phrases import EmbeddedProfiles, PhraseTable, embed_profiles
from mutuals.prospecting.row_blocks import RowBlocks
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
# Nearest members fetched from the member graph and re-scored exactly. At 100,000 members the
# graph's 1,000 nearest held 99.0 % of the true top 10 and its 2,000 nearest 99.7 %; the
# re-score costs about 10 µs a member, so the wider margin is cheap.
DEPTH = 2_000
# More members crowd the top: the 2,000 nearest held 99.0 % of the top 10 at 300,000 members but
# 96.5 % at 1,000,000, where the 4,000 nearest held 98.5 % (benchmarks/README.md).
DEEP_FROM_MEMBERS, DEEP_DEPTH = 300_000, 4_000


def default_depth(members: int) -> int:
    """How many nearest members :meth:`AnnProspectIndex.top` re-scores in a community this big."""
    return DEEP_DEPTH if members > DEEP_FROM_MEMBERS else DEPTH


# Fewer members than this and the exact scan is as fast: no ANN structure is trained.
ANN_MIN_MEMBERS = 3_000


@dataclass(slots=True)
class PhraseStore:
    """One kind of phrase for everyone: float16 vectors by row, each person's rows in slots.

    Rows are appended and never moved; a member's edit frees their old rows (``owner`` -1) and
    appends new ones.
    """

    dim: int
    vectors: RowBlocks = field(default_factory=lambda: RowBlocks(0))
    owner: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    slots: IntArray = field(default_factory=lambda: np.zeros((0, 1), np.int64))

    def __post_init__(self) -> None:
        if self.vectors.dim != self.dim:
            self.vectors = RowBlocks(self.dim)

    @property
    def size(self) -> int:
        return self.vectors.size

    def append(self, vectors: NDArray[np.float32], owners: IntArray) -> IntArray:
        """Store phrase vectors for ``owners``; returns their row ids."""
        rows = self.vectors.append(vectors)
        self.owner = grown(self.owner, self.size, -1)
        self.owner[rows] = owners
        return rows

    def set_person(self, person: int, rows: IntArray) -> None:
        """Point ``person``'s slots at ``rows`` (-1 pads; no rows: an empty person)."""
        if person >= len(self.slots):
            wider = np.full((max(person + 1, 2 * len(self.slots)), self.slots.shape[1]), -1)
            wider[: len(self.slots)] = self.slots
            self.slots = wider.astype(np.int64)
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

    def gather(self, people: IntArray) -> tuple[NDArray[np.float32], NDArray[np.bool_]]:
        """(people × width × dim) phrase vectors in float32 (zeros in empty slots), and the mask
        of real phrases (people × width)."""
        slots = self.slots[people]
        mask = slots >= 0
        rows = self.vectors.take(np.where(mask, slots, 0).ravel())
        rows[~mask.ravel()] = 0.0
        return rows.reshape(len(people), slots.shape[1], self.dim), mask

    def means(self, people: IntArray) -> NDArray[np.float32]:
        """Each person's mean phrase vector (zeros for a person with none)."""
        gathered, mask = self.gather(people)
        count = np.maximum(mask.sum(axis=1), 1).astype(np.float32)
        out: NDArray[np.float32] = (gathered.sum(axis=1) / count[:, None]).astype(np.float32)
        return out

    def nbytes(self) -> int:
        """Memory of the vectors held in memory, owners and slots."""
        return int(self.vectors.nbytes() + self.owner.nbytes + self.slots.nbytes)


@dataclass(slots=True)
class AnnProspectIndex:
    """Profiles, their phrase stores and the member graph that finds candidates."""

    backend: TextBackend
    weights: ScoreWeights = DEFAULT_WEIGHTS
    profiles: list[Profile] = field(default_factory=list)
    position: dict[str, int] = field(default_factory=dict)
    stores: dict[str, PhraseStore] = field(default_factory=dict)
    members: ProfileGraph = field(default_factory=ProfileGraph)
    # The whole-text view: each person's whole offer and whole need, one row per person.
    whole_offers: RowBlocks = field(default_factory=lambda: RowBlocks(0))
    whole_needs: RowBlocks = field(default_factory=lambda: RowBlocks(0))

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
        """Embed everyone (in batches, through ``cache``) and build the member graph."""
        index = cls(backend=backend, weights=weights)
        index.stores = {k: PhraseStore(backend.dim) for k in KINDS}
        for start in range(0, len(profiles), batch):
            index._add(profiles[start : start + batch], cache)
        index._build_graph(batch)
        return index

    def _build_graph(self, batch: int = 20_000) -> None:
        """Train the member graph and add every row, if there are members enough for it."""
        live = self.members.live()
        if len(live) < ANN_MIN_MEMBERS:
            return
        rows = self.members.size
        # The codes are fitted on a sample and the rows added batch by batch, so the build holds
        # the member vectors of one batch at a time, whatever the community's size. Freed rows
        # (old versions of edited members) hold a placeholder, as graph ids must stay row
        # numbers; they are never returned.
        owners = self.members.owner[:rows]
        people = np.where(owners >= 0, owners, live[0])
        rng = np.random.default_rng(0)
        sample = np.sort(rng.choice(live, size=min(len(live), 100_000), replace=False))
        self.members.train(self._member_vectors(sample))
        for start in range(0, rows, batch):
            self.members.add(start, self._member_vectors(people[start : start + batch]))

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
        for p in people:
            self._enrol(p)
        return people

    def _set_whole(self, people: list[int], embedded: EmbeddedProfiles) -> None:
        dim = self.backend.dim
        if self.whole_offers.dim != dim:
            self.whole_offers, self.whole_needs = RowBlocks(dim), RowBlocks(dim)
        rows = np.asarray(people, dtype=np.int64)
        self.whole_offers.put(rows, embedded.whole_offers)
        self.whole_needs.put(rows, embedded.whole_needs)

    def _member_vectors(self, people: IntArray) -> NDArray[np.float32]:
        """Members' rows of the member graph: mean need ⊕ mean offer ⊕ whole need ⊕ whole offer."""
        out: NDArray[np.float32] = np.concatenate(
            [
                self.stores["needs"].means(people),
                self.stores["offers"].means(people),
                self.whole_needs.take(people),
                self.whole_offers.take(people),
            ],
            axis=1,
        )
        return out

    def _enrol(self, p: int) -> None:
        """Give ``p`` a fresh row in the member graph (added to the HNSW once it exists)."""
        row = self.members.set_person(p)
        if self.members.ann is not None:
            self.members.add(row, self._member_vectors(np.array([p])))

    def update(self, profile: Profile, *, cache: EmbeddingCache | None = None) -> None:
        """Add a member, or replace their phrases after an edit (no rebuild of anything else)."""
        p = self.position.get(profile.id)
        if p is None:
            self._add([profile], cache)
            if self.members.ann is None:
                self._build_graph()  # the community just grew large enough for it
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
        self._enrol(p)

    def memory(self) -> dict[str, int]:
        """Bytes held in memory: vectors and slots, and the member graph (codes and links);
        ``mapped``: bytes of vectors mapped from saved files (paged in as queries touch them)."""
        ann = self.members.graph_nbytes()
        vectors = sum(s.nbytes() for s in self.stores.values()) + self.members.nbytes()
        vectors += self.whole_offers.nbytes() + self.whole_needs.nbytes()
        mapped = sum(s.vectors.mapped_nbytes() for s in self.stores.values())
        mapped += self.whole_offers.mapped_nbytes() + self.whole_needs.mapped_nbytes()
        return {"vectors": vectors, "ann": ann, "total": vectors + ann, "mapped": mapped}

    def candidates(self, me: Profile | EmbeddedProfiles, depth: int = DEPTH) -> IntArray:
        """Who might be among ``me``'s best: the ``depth`` members nearest in the member graph
        (everyone, in an index too small for the graph)."""
        if self.members.ann is None:
            return self.members.live()
        mine = self._embed(me)
        query = member_query(
            _real(mine.offers), _real(mine.needs), mine.whole_offers[0], mine.whole_needs[0]
        )
        return self.members.nearest(query, depth)

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
            self.whole_needs.take(people) @ mine.whole_offers[0],
            self.whole_offers.take(people) @ mine.whole_needs[0],
            floor=lo,
            ceiling=1.0,
        )
        return combine(gives, gets, both, whole, self.weights)

    def top(
        self,
        me: Profile,
        k: int = 10,
        depth: int | None = None,
    ) -> list[tuple[int, float]]:
        """The ``k`` best (position, exact score) among the :meth:`candidates`, best first.

        ``depth`` nearest members are re-scored (by default :func:`default_depth` of the
        index's size). Someone with ``me.id`` is skipped.
        """
        if depth is None:
            depth = default_depth(len(self.profiles))
        mine = self._embed(me)
        people = self.candidates(mine, max(depth, k))
        skip = self.position.get(me.id)
        if skip is not None:
            people = people[people != skip]
        if not len(people):
            return []
        total = self.scores(mine, people)
        order = np.argsort(-total, kind="stable")[:k]
        return [(int(people[i]), float(total[i])) for i in order]

    def save(self, folder: Path) -> None:
        """Write everything needed to answer queries without re-embedding.

        Vectors go to ``.npy`` files block by block and profiles to JSON lines one by one, so
        saving copies nothing whole in memory.
        """
        folder.mkdir(parents=True, exist_ok=True)
        for kind, store in self.stores.items():
            store.vectors.save(folder / f"{kind}.vectors.npy")
            np.save(folder / f"{kind}.owner.npy", store.owner[: store.size])
            np.save(folder / f"{kind}.slots.npy", store.slots[: len(self.profiles)])
        self.members.save(folder)
        self.whole_offers.save(folder / "whole.offers.npy")
        self.whole_needs.save(folder / "whole.needs.npy")
        with (folder / "profiles.jsonl").open("w", encoding="utf-8") as out:
            for p in self.profiles:
                out.write(json.dumps(_profile_json(p)) + "\n")
        meta = {"model": self.backend.version, "weights": asdict(self.weights)}
        (folder / "index.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, *, backend: TextBackend) -> AnnProspectIndex:
        """Read an index written by :meth:`save`; ``backend`` must be the model it was built with.

        The vectors stay in their files, mapped copy-on-write (see
        :meth:`~mutuals.prospecting.row_blocks.RowBlocks.load`): the folder must outlive the index.
        """
        meta = json.loads((folder / "index.json").read_text(encoding="utf-8"))
        if meta["model"] != backend.version:
            raise ValueError(
                f"the index was built with {meta['model']}, not {backend.version}: rebuild it"
            )
        if not (folder / "members.npz").exists():
            # written before the member graph (it held phrase and combination graphs instead)
            raise ValueError(f"the index in {folder} has no member graph: rebuild it")
        lines = folder / "profiles.jsonl"
        if lines.exists():
            with lines.open(encoding="utf-8") as rows:
                profiles = [Profile(**json.loads(line)) for line in rows]
        else:  # written before profiles had a file of their own
            profiles = [Profile(**p) for p in meta["profiles"]]
        index = cls(backend=backend, weights=ScoreWeights(**meta["weights"]), profiles=profiles)
        index.position = {p.id: i for i, p in enumerate(profiles)}
        for kind in KINDS:
            store = PhraseStore(backend.dim, vectors=RowBlocks.load(folder / f"{kind}.vectors.npy"))
            store.owner = np.load(folder / f"{kind}.owner.npy")
            store.slots = np.load(folder / f"{kind}.slots.npy")
            index.stores[kind] = store
        index.members = ProfileGraph.load(folder)
        index.whole_offers = RowBlocks.load(folder / "whole.offers.npy")
        index.whole_needs = RowBlocks.load(folder / "whole.needs.npy")
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
