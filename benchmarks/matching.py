"""Prospecting benchmark: backend quality on the labelled set, top-k latency, event matrix time.

Run: python benchmarks/matching.py [--quick] [--backends wordllama,lexical,minilm]
Quality compares each backend with a reciprocal TF-IDF baseline fitted on the same profiles.
Latency measures a top-k query among N synthetic profiles against the exact score of everyone.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutuals.prospecting import (
    Profile,
    ProspectIndex,
    get_backend,
    minilm_available,
    pair_weights,
)

QUALITY = Path(__file__).resolve().parents[1] / "tests" / "prospecting" / "data"


def quality_set() -> tuple[list[dict[str, Any]], list[Profile]]:
    rows: list[dict[str, Any]] = json.loads((QUALITY / "quality_profiles.json").read_text())[
        "profiles"
    ]
    profiles = [
        Profile(
            name=r["name"],
            headline=r["headline"],
            offers=r["offers"],
            needs=r["needs"],
            interests=r["interests"],
            goals=r["goals"],
        )
        for r in rows
    ]
    return rows, profiles


def quality(rows: list[dict[str, Any]], weights: NDArray[np.float32]) -> tuple[int, int, int, int]:
    """(partner first, partner in top 3, partner above every decoy, decoys) counts."""
    names = [r["name"] for r in rows]
    w = weights.astype(np.float64).copy()
    np.fill_diagonal(w, -np.inf)
    first = top3 = 0
    for i, row in enumerate(rows):
        if "partner" in row:
            # Ties count against the partner: an all-zero row must not rank them first.
            rank = int((w[i] >= w[i, names.index(row["partner"])]).sum())
            first += rank == 1
            top3 += rank <= 3
    above = decoys = 0
    for k, row in enumerate(rows):
        if "decoy_for" in row:
            i = names.index(row["decoy_for"])
            above += bool(w[i, names.index(rows[i]["partner"])] > w[i, k])
            decoys += 1
    return first, top3, above, decoys


def reciprocal_tfidf(profiles: list[Profile]) -> NDArray[np.float32]:
    """Baseline: TF-IDF of all offers (with headline) against all needs, both ways, multiplied."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    offers = [" ".join((p.headline, *p.offers)) for p in profiles]
    needs = [" ".join(p.needs) for p in profiles]
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit(offers + needs)
    o, n = vec.transform(offers), vec.transform(needs)
    gives = (o @ n.T).toarray()
    return np.sqrt(gives * gives.T).astype(np.float32)


WORDS = [
    "tax",
    "bookkeeping",
    "payroll",
    "website",
    "design",
    "marketing",
    "sales",
    "hiring",
    "engineers",
    "legal",
    "contracts",
    "branding",
    "logo",
    "photography",
    "video",
    "music",
    "translation",
    "software",
    "data",
    "analytics",
    "cloud",
    "security",
    "funding",
    "investors",
    "mentoring",
    "coaching",
    "training",
    "events",
    "catering",
    "office",
    "space",
    "logistics",
    "manufacturing",
    "retail",
    "ecommerce",
    "interior",
    "architecture",
    "construction",
    "health",
    "fitness",
    "finance",
]


def synthetic(n: int, seed: int) -> list[Profile]:
    """N profiles with 3 offers, 3 needs and 4 topics each, drawn from a fixed vocabulary."""
    rng = np.random.default_rng(seed)

    def phrases(k: int) -> list[str]:
        return [" ".join(rng.choice(WORDS, size=3, replace=False)) for _ in range(k)]

    return [
        Profile(
            name=f"p{i}",
            headline=" ".join(rng.choice(WORDS, size=2, replace=False)),
            offers=phrases(3),
            needs=phrases(3),
            interests=phrases(2),
            goals=phrases(2),
        )
        for i in range(n)
    ]


def bench_quality(names: list[str]) -> None:
    rows, profiles = quality_set()
    people = sum(1 for r in rows if "partner" in r)
    print(f"\nQuality on the labelled set ({len(rows)} profiles, {people} with a partner)")
    print(f"{'backend':<18} {'first':>7} {'top 3':>7} {'>decoys':>8} {'load s':>7} {'embed/s':>9}")
    first, top3, above, decoys = quality(rows, reciprocal_tfidf(profiles))
    print(f"{'reciprocal TF-IDF':<18} {first:>3}/{people} {top3:>4}/{people} {above:>5}/{decoys}")
    texts = [t for p in profiles for t in (*p.offers, *p.needs, *p.interests, p.headline)] * 20
    for name in names:
        t0 = time.perf_counter()
        backend = get_backend(name)
        load = time.perf_counter() - t0
        t0 = time.perf_counter()
        backend.embed(texts)
        rate = len(texts) / (time.perf_counter() - t0)
        weights = pair_weights(profiles, backend=backend)
        assert isinstance(weights, np.ndarray)
        first, top3, above, decoys = quality(rows, weights)
        print(
            f"{name:<18} {first:>3}/{people} {top3:>4}/{people} {above:>5}/{decoys} "
            f"{load:>7.2f} {rate:>9.0f}"
        )


def bench_query(n: int, queries: int) -> None:
    backend = get_backend("wordllama")
    profiles = synthetic(n, seed=1)
    t0 = time.perf_counter()
    index = ProspectIndex.build(profiles, backend=backend)
    build = time.perf_counter() - t0
    asks = synthetic(queries, seed=2)
    for p in asks:  # embed the askers once, so the timing is the search itself
        index.query(p, top=10, shortlist=10)
    fast, exact, recall = [], [], []
    for p in asks:
        t0 = time.perf_counter()
        got = index.query(p, top=10)
        fast.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        best = index.query(p, top=10, shortlist=n)
        exact.append(time.perf_counter() - t0)
        truth = {m.candidate.name for m in best}
        recall.append(len(truth & {m.candidate.name for m in got}) / 10)
    print(f"\nTop-10 query among {n:,} profiles (wordllama; index built in {build:.1f} s)")
    print(f"{'method':<34} {'median ms':>10} {'p95 ms':>8} {'recall@10':>10}")
    for label, times, rec in (
        ("shortlist 500 + exact re-score", fast, float(np.mean(recall))),
        ("exact score of everyone", exact, 1.0),
    ):
        ms = np.asarray(times) * 1000
        print(f"{label:<34} {np.median(ms):>10.1f} {np.percentile(ms, 95):>8.1f} {rec:>10.2f}")
    print(f"speed-up: {np.median(exact) / np.median(fast):.1f}x")


def bench_matrix(n: int) -> None:
    backend = get_backend("wordllama")
    profiles = synthetic(n, seed=3)
    pair_weights(profiles[:50], backend=backend)
    t0 = time.perf_counter()
    dense = pair_weights(profiles, backend=backend)
    t_dense = time.perf_counter() - t0
    t0 = time.perf_counter()
    top = pair_weights(profiles, backend=backend, top_k=20)
    t_top = time.perf_counter() - t0
    assert isinstance(dense, np.ndarray) and not isinstance(top, np.ndarray)
    print(f"\nEvent pair-weight matrix, {n:,} people (wordllama, embedding included)")
    print(f"dense  {t_dense:6.2f} s  ({dense.nbytes / 2**20:.0f} MiB)")
    print(f"top-20 {t_top:6.2f} s  ({top.nnz:,} entries)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument("--backends", default="")
    args = parser.parse_args()
    names = args.backends.split(",") if args.backends else ["lexical", "wordllama"]
    if not args.backends and minilm_available():
        names.append("minilm")
    bench_quality(names)
    if "wordllama" in names:
        bench_query(10_000 if args.quick else 100_000, 10 if args.quick else 30)
        bench_matrix(1_000 if args.quick else 5_000)


if __name__ == "__main__":
    main()
