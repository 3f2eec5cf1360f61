"""Top-10 prospects among members who write their own phrases: ANN + exact re-score vs exact scan.

Run: python benchmarks/prospect_ann.py [--members N] [--queries Q] [--depths 300,1000] [--quick]
     nice -n 10 python benchmarks/prospect_ann.py --members 1000000 --queries 20 \
         --depths 1000,2000,4000      (the full-size run: about 70 minutes here, peak 8.6 GiB)

Every profile has 7 phrases of random common English words (3 offers, 2 needs, 1 interest,
1 goal; 3 words each, from Faker's word list), so nearly no phrase repeats. Phrases are embedded
with wordllama. Baselines in the same run:

* the exact scan: the same scorer applied to every member, in blocks, from the index's stored
  (float16) vectors. recall@10 counts the ANN's top 10 that score at least the exact 10th score,
  and the ANN's scores are checked equal to the scan's for the same members;
* the full-precision scan (last, skipped by ``--no-float32``): every member re-embedded, block by
  block, and scored against the askers at float32 with :class:`PhraseIndex` (a separate code
  path), for recall against full-precision vectors.

Also: build time, the cost of one member's edit, save/load (the loaded index maps its vectors),
memory, the process's resident memory after each step and its peak, and the load average.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
from faker import Faker
from threadpoolctl import threadpool_limits

from mutuals.prospecting import Profile, get_backend
from mutuals.prospecting.ann_index import AnnProspectIndex
from mutuals.prospecting.backends import TextBackend
from mutuals.prospecting.phrase_index import PhraseIndex
from mutuals.prospecting.phrases import embed_profiles
from mutuals.prospecting.score import DEFAULT_WEIGHTS


def log(text: str) -> None:
    print(text, flush=True)


def rss() -> str:
    """Resident memory now and at peak, and the load average, for the log."""
    with open("/proc/self/statm") as f:
        now = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"RSS {now / 2**30:.2f} GiB, peak {peak / 2**30:.2f} GiB, load {load}"


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


def float32_scores(
    members: list[Profile], asks: list[Profile], backend: TextBackend, block: int = 20_000
) -> np.ndarray:
    """Everyone's score for each asker (asks × members) from float32 vectors, block by block."""
    mine = [embed_profiles([me], backend=backend) for me in asks]
    out = np.zeros((len(asks), len(members)), dtype=np.float32)
    for start in range(0, len(members), block):
        chunk = PhraseIndex.of(embed_profiles(members[start : start + block], backend=backend))
        for a, me in enumerate(mine):
            out[a, start : start + block] = chunk.scores(
                me, floor=backend.floor, ceiling=backend.ceiling, weights=DEFAULT_WEIGHTS
            )
    return out


def recall(got: list[tuple[int, float]], total: np.ndarray, k: int = 10) -> float:
    """Share of ``got`` scoring at least the k-th best of ``total`` (ties count)."""
    cut = np.sort(total)[-k]
    return sum(total[pos] >= cut - 1e-6 for pos, _ in got) / k


def table(rows: list[tuple[str, list[float], float]], base: list[float]) -> None:
    log("\n| method | median ms | p95 ms | recall@10 | × exact (median) |")
    log("|---|---:|---:|---:|---:|")
    for label, times, rec in rows:
        ms = np.asarray(times) * 1000
        ratio = np.median(base) / np.median(times)
        log(
            f"| {label} | {np.median(ms):.1f} | {np.percentile(ms, 95):.1f} | {rec:.3f} "
            f"| {ratio:.1f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", "--people", dest="people", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument(
        "--depths",
        default="300,1000,2000",
        help="comma-separated numbers of nearest members (re-scored exactly) to measure",
    )
    parser.add_argument("--quick", action="store_true", help="10,000 people, 20 queries")
    parser.add_argument(
        "--no-float32", action="store_true", help="skip the full-precision baseline (re-embeds)"
    )
    args = parser.parse_args()
    n, q = (10_000, 20) if args.quick else (args.people, args.queries)
    log(f"start: {rss()}")
    backend = get_backend("wordllama")
    members = profiles(n, seed=1)
    log(f"{n:,} profiles made: {rss()}")
    start = time.perf_counter()
    index = AnnProspectIndex.build(members, backend=backend)
    build = time.perf_counter() - start
    mem = index.memory()
    phrases = sum(s.size for s in index.stores.values())
    log(
        f"{n:,} members, {phrases:,} phrases; build {build:.1f} s (embedding included); memory: "
        f"vectors and slots {mem['vectors'] / 2**20:.0f} MiB, ANN {mem['ann'] / 2**20:.0f} MiB"
    )
    log(f"built: {rss()}")
    asks = profiles(q, seed=2)
    depths = [int(x) for x in args.depths.split(",")]
    fast: dict[int, list[float]] = {m: [] for m in depths}
    found: dict[int, list[list[tuple[int, float]]]] = {m: [] for m in depths}
    hits: dict[int, list[float]] = {m: [] for m in depths}
    exact: list[float] = []
    exact_top: list[np.ndarray] = []
    drift = 0.0  # largest difference between a re-scored score and the scan's, same member
    with threadpool_limits(limits=1, user_api="blas"):
        for me in asks:  # warm the embedding of the askers: the timing is the search itself
            index.top(me)
        for me in asks:
            t0 = time.perf_counter()
            total = exact_scores(index, me)
            best = np.argsort(-total, kind="stable")[:10]
            exact.append(time.perf_counter() - t0)
            exact_top.append(best)
            for m in depths:
                t0 = time.perf_counter()
                got = index.top(me, 10, depth=m)
                fast[m].append(time.perf_counter() - t0)
                found[m].append(got)
                hits[m].append(recall(got, total))
                drift = max([drift, *(abs(score - total[pos]) for pos, score in got)])
    rows = [("exact scan of everyone (baseline)", exact, 1.0)]
    rows += [(f"ANN, {m:,} nearest members, exact re-score", fast[m],
              float(np.mean(hits[m])))
             for m in depths]  # fmt: skip
    table(rows, exact)
    log(f"\nlargest |re-score − exact scan| over the ANN's answers: {drift:.2e}; queried: {rss()}")
    edits = profiles(20, seed=3)
    t0 = time.perf_counter()
    for i, p in enumerate(edits):
        old = members[i * 97 % n]
        index.update(Profile(name=old.name, id=old.id, offers=p.offers, needs=p.needs))
    edit = (time.perf_counter() - t0) / len(edits)
    want = [index.top(me) for me in asks[:5]]
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        index.save(Path(tmp))
        saved = time.perf_counter() - t0
        # The built index goes before the load: a server restarts from the folder, it does not
        # hold two copies (the figures above are taken).
        del index
        log(f"saved: {rss()}")
        t0 = time.perf_counter()
        again = AnnProspectIndex.load(Path(tmp), backend=backend)
        loaded = time.perf_counter() - t0
        same = [again.top(me) for me in asks[:5]] == want
        held = again.memory()
        log(
            f"one member's edit: {edit * 1000:.1f} ms; save {saved:.1f} s, load {loaded:.1f} s "
            f"(same answers after load, 5 askers: {same}); loaded index holds "
            f"{held['total'] / 2**20:.0f} MiB (vectors and slots {held['vectors'] / 2**20:.0f}, "
            f"ANN {held['ann'] / 2**20:.0f}) and maps {held['mapped'] / 2**20:.0f} MiB; {rss()}"
        )
        del again
    if args.no_float32:
        return
    t0 = time.perf_counter()
    full = float32_scores(members, asks, backend)
    log(f"\nfull-precision scan of everyone for {q} askers: {time.perf_counter() - t0:.0f} s")
    log("| method | recall@10 against float32 scores |")
    log("|---|---:|")
    stored = np.mean([recall([(int(p), 0.0) for p in top], full[a])
                      for a, top in enumerate(exact_top)])  # fmt: skip
    log(f"| exact scan over the stored float16 vectors | {stored:.3f} |")
    for m in depths:
        rec = np.mean([recall(got, full[a]) for a, got in enumerate(found[m])])
        log(f"| ANN, {m:,} nearest members, exact re-score | {rec:.3f} |")
    log(f"end: {rss()}")


if __name__ == "__main__":
    main()
