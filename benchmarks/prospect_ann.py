"""Top-10 prospects among members who write their own phrases: ANN + exact re-score vs exact scan.

Run: python benchmarks/prospect_ann.py [--people N] [--queries Q] [--depths 300,1000] [--quick]
     python benchmarks/prospect_ann.py --people 1000000     (the full-size run: long, ~10 GB)

Every profile has 7 phrases of random common English words (3 offers, 2 needs, 1 interest,
1 goal; 3 words each, from Faker's word list), so nearly no phrase repeats. Phrases are embedded
with wordllama. The baseline in the same run is the exact scan: the same scorer applied to
every member, in blocks. recall@10 counts the ANN's top 10 that score at least the exact 10th
score. Also: build time, the cost of one member's edit, save/load, and memory.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
from faker import Faker
from threadpoolctl import threadpool_limits

from mutuals.prospecting import Profile, get_backend
from mutuals.prospecting.ann_index import AnnProspectIndex


def profiles(n: int, seed: int) -> list[Profile]:
    fake = Faker("en_US")
    fake.seed_instance(seed)
    words = sorted({w for w in fake.get_words_list() if len(w) > 2})
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(words), size=(n, 7, 3))
    out = []
    for i in range(n):
        phrase = [" ".join(words[j] for j in picks[i, k]) for k in range(7)]
        out.append(
            Profile(
                name=f"m{seed}-{i}",
                offers=phrase[:3],
                needs=phrase[3:5],
                interests=[phrase[5]],
                goals=[phrase[6]],
            )
        )
    return out


def exact_scores(index: AnnProspectIndex, me: Profile, block: int = 20_000) -> np.ndarray:
    n = len(index)
    return np.concatenate(
        [index.scores(me, np.arange(s, min(n, s + block))) for s in range(0, n, block)]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument(
        "--depths",
        default="300,1000,2000",
        help="comma-separated numbers of nearest members (re-scored exactly) to measure",
    )
    parser.add_argument("--quick", action="store_true", help="10,000 people, 20 queries")
    args = parser.parse_args()
    n, q = (10_000, 20) if args.quick else (args.people, args.queries)
    backend = get_backend("wordllama")
    members = profiles(n, seed=1)
    start = time.perf_counter()
    index = AnnProspectIndex.build(members, backend=backend)
    build = time.perf_counter() - start
    mem = index.memory()
    phrases = sum(s.size for s in index.stores.values())
    print(
        f"{n:,} members, {phrases:,} phrases; build {build:.1f} s (embedding included); memory: "
        f"vectors {mem['vectors'] / 2**20:.0f} MiB, ANN {mem['ann'] / 2**20:.0f} MiB"
    )
    asks = profiles(q, seed=2)
    depths = [int(x) for x in args.depths.split(",")]
    fast: dict[int, list[float]] = {m: [] for m in depths}
    recall: dict[int, list[float]] = {m: [] for m in depths}
    exact = []
    with threadpool_limits(limits=1, user_api="blas"):
        for me in asks:  # warm the embedding of the askers: the timing is the search itself
            index.top(me)
        for me in asks:
            t0 = time.perf_counter()
            total = exact_scores(index, me)
            best = np.argsort(-total, kind="stable")[:10]
            exact.append(time.perf_counter() - t0)
            cut = total[best[-1]]
            for m in depths:
                t0 = time.perf_counter()
                got = index.top(me, 10, depth=m)
                fast[m].append(time.perf_counter() - t0)
                recall[m].append(sum(score >= cut - 1e-6 for _, score in got) / 10)
    print("\n| method | median ms | p95 ms | recall@10 | × exact (median) |")
    print("|---|---:|---:|---:|---:|")
    rows = [("exact scan of everyone (baseline)", exact, 1.0)]
    rows += [(f"ANN, {m:,} nearest members, exact re-score", fast[m],
              float(np.mean(recall[m])))
             for m in depths]  # fmt: skip
    for label, times, rec in rows:
        ms = np.asarray(times) * 1000
        ratio = np.median(exact) / np.median(times)
        print(
            f"| {label} | {np.median(ms):.1f} | {np.percentile(ms, 95):.1f} | {rec:.3f} "
            f"| {ratio:.1f} |"
        )
    edits = profiles(20, seed=3)
    t0 = time.perf_counter()
    for i, p in enumerate(edits):
        old = members[i * 97 % n]
        index.update(Profile(name=old.name, id=old.id, offers=p.offers, needs=p.needs))
    edit = (time.perf_counter() - t0) / len(edits)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        index.save(Path(tmp))
        saved = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = AnnProspectIndex.load(Path(tmp), backend=backend)
        loaded = time.perf_counter() - t0
        same = again.top(asks[0]) == index.top(asks[0])
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(
        f"one member's edit: {edit * 1000:.1f} ms; save {saved:.1f} s, load {loaded:.1f} s "
        f"(same answers after load: {same}); peak memory of the run {rss:.1f} GiB"
    )


if __name__ == "__main__":
    main()
