"""Prospecting benchmark: backend quality on the labelled set, top-k latency, event matrix time.

Run: python benchmarks/matching.py [--quick] [--backends wordllama,lexical,e5,blend,minilm]
Quality compares each backend with a reciprocal TF-IDF baseline fitted on the same profiles, on
two labelled sets: A (constants were chosen on it) and B (held out).
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
from threadpoolctl import threadpool_limits

from mutuals.prospecting import (
    Profile,
    ProspectIndex,
    get_backend,
    minilm_available,
    pair_weights,
)
from mutuals.prospecting.e5 import e5_available
from mutuals.prospecting.event_matrix import segment_parts, slot_parts
from mutuals.prospecting.phrases import embed_profiles
from mutuals.prospecting.score import score_block

QUALITY = Path(__file__).resolve().parents[1] / "tests" / "prospecting" / "data"


# Set A tunes the constants; set B was written first and held out, to show over-fitting.
SETS = {"A": "quality_profiles.json", "B (held out)": "quality_profiles_b.json"}


def quality_set(file: str = SETS["A"]) -> tuple[list[dict[str, Any]], list[Profile]]:
    rows: list[dict[str, Any]] = json.loads((QUALITY / file).read_text())["profiles"]
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


# Services as (ways to offer it, ways to need it), combined with audiences and qualifiers into
# thousands of distinct, meaningful phrases with paraphrases.
SERVICES = [
    (
        ["bookkeeping", "year-end accounts"],
        ["someone to sort out my receipts", "help with my books"],
    ),
    (["tax returns", "VAT filing"], ["help with my tax return", "someone to handle VAT"]),
    (["payroll", "running payslips"], ["paying staff properly", "payroll help"]),
    (["web design", "building websites"], ["a new website", "someone to fix our site"]),
    (["search engine optimisation", "SEO audits"], ["getting found on Google", "more web traffic"]),
    (["social media marketing", "content strategy"], ["more followers", "help posting online"]),
    (["brand identity", "logo design"], ["a new logo", "a fresh look for the brand"]),
    (["product photography", "photo shoots"], ["better product photos", "a photographer"]),
    (["video production", "promo videos"], ["a short promo film", "someone to film our event"]),
    (["copywriting", "writing sales pages"], ["words for our website", "a writer"]),
    (
        ["translation into Spanish", "French translation"],
        ["translating our manual", "a translator"],
    ),
    (
        ["employment law advice", "contract review"],
        ["a lawyer to check a contract", "legal advice"],
    ),
    (["recruiting engineers", "technical hiring"], ["hiring developers", "finding a CTO"]),
    (["executive coaching", "leadership mentoring"], ["a mentor", "coaching for my managers"]),
    (["sales training", "B2B sales"], ["more customers", "help closing deals"]),
    (["seed investment", "angel funding"], ["raising a seed round", "investors"]),
    (["grant writing", "funding applications"], ["applying for grants", "public funding"]),
    (["cloud migration", "AWS architecture"], ["moving to the cloud", "hosting advice"]),
    (
        ["cyber security audits", "penetration testing"],
        ["securing our systems", "a security check"],
    ),
    (["data analysis", "dashboards"], ["making sense of our data", "reporting"]),
    (["mobile app development", "iOS apps"], ["building an app", "an app developer"]),
    (
        ["event planning", "conference organising"],
        ["organising a launch party", "an event planner"],
    ),
    (["catering", "office lunches"], ["food for our event", "a caterer"]),
    (["office space to rent", "coworking desks"], ["a desk in town", "a small office"]),
    (["warehousing", "delivery logistics"], ["shipping our products", "storage space"]),
    (["interior design", "office fit-out"], ["redesigning our office", "a nicer shop floor"]),
    (["IT support", "laptop repairs"], ["fixing our computers", "tech help"]),
    (["customer support outsourcing", "call handling"], ["answering our phones", "support staff"]),
    (["ecommerce setup", "Shopify stores"], ["selling online", "an online shop"]),
    (["public relations", "press coverage"], ["getting into the papers", "a PR agency"]),
    (["podcast production", "audio editing"], ["starting a podcast", "editing our audio"]),
    (
        ["workplace wellbeing", "yoga classes for teams"],
        ["staff wellbeing", "a team fitness session"],
    ),
    (["export advice", "selling abroad"], ["entering new markets", "international sales"]),
    (
        ["insurance broking", "business insurance"],
        ["insurance for my company", "cover for liability"],
    ),
    (["manufacturing prototypes", "3D printing"], ["a prototype made", "small batch production"]),
    (["UX research", "usability testing"], ["feedback on our app", "user testing"]),
]
AUDIENCES = [
    "",
    " for startups",
    " for small businesses",
    " for charities",
    " for shops",
    " in London",
]
QUALIFIERS = ["", "affordable ", "fast ", "expert ", "friendly "]
NEED_LEADS = ["", "looking for ", "need ", "help with ", "want "]
HOBBIES = [
    "cycling",
    "running",
    "chess",
    "jazz",
    "cooking",
    "hiking",
    "climbing",
    "sailing",
    "photography",
    "gardening",
]
TOPIC_GOALS = ["growing my business", "meeting investors", "finding clients", "learning new skills"]


def synthetic(n: int, seed: int) -> list[Profile]:
    """N realistic profiles: 3 offers, 3 needs, 2 interests, 2 goals from templated phrases."""
    rng = np.random.default_rng(seed)

    def pick(k: int) -> list[int]:
        return [int(i) for i in rng.choice(len(SERVICES), size=k, replace=False)]

    def offer(i: int) -> str:
        return f"{rng.choice(QUALIFIERS)}{rng.choice(SERVICES[i][0])}{rng.choice(AUDIENCES)}"

    def need(i: int) -> str:
        return f"{rng.choice(NEED_LEADS)}{rng.choice(SERVICES[i][1])}"

    people = []
    for i in range(n):
        mine = pick(6)
        people.append(
            Profile(
                name=f"p{i}",
                headline=str(rng.choice(SERVICES[mine[0]][0])).capitalize() + " specialist",
                offers=[offer(j) for j in mine[:3]],
                needs=[need(j) for j in mine[3:]],
                interests=[str(h) for h in rng.choice(HOBBIES, size=2, replace=False)],
                goals=[str(g) for g in rng.choice(TOPIC_GOALS, size=2, replace=False)],
            )
        )
    return people


def bench_quality(names: list[str]) -> None:
    backends = {}
    for name in names:
        t0 = time.perf_counter()
        backends[name] = (get_backend(name), time.perf_counter() - t0)
    for label, file in SETS.items():
        rows, profiles = quality_set(file)
        people = sum(1 for r in rows if "partner" in r)
        print(f"\nQuality on set {label} ({len(rows)} profiles, {people} with a partner)")
        print(
            f"{'backend':<18} {'first':>7} {'top 3':>7} {'>decoys':>8} {'load s':>7} {'embed/s':>9}"
        )
        first, top3, above, decoys = quality(rows, reciprocal_tfidf(profiles))
        print(
            f"{'reciprocal TF-IDF':<18} {first:>3}/{people} {top3:>4}/{people} {above:>5}/{decoys}"
        )
        texts = [t for p in profiles for t in (*p.offers, *p.needs, *p.interests, p.headline)]
        for name, (backend, load) in backends.items():
            t0 = time.perf_counter()
            backend.embed(texts * 20)
            rate = 20 * len(texts) / (time.perf_counter() - t0)
            weights = pair_weights(profiles, backend=backend)
            assert isinstance(weights, np.ndarray)
            first, top3, above, decoys = quality(rows, weights)
            print(
                f"{name:<18} {first:>3}/{people} {top3:>4}/{people} {above:>5}/{decoys} "
                f"{load:>7.2f} {rate:>9.0f}"
            )


def bench_query(n: int, queries: int) -> None:
    """Top-10 via the distinct-phrase index against exact phrase-level scoring of everyone."""
    backend = get_backend("wordllama")
    profiles = synthetic(n, seed=1)
    t0 = time.perf_counter()
    index = ProspectIndex.build(profiles, backend=backend)
    build = time.perf_counter() - t0
    distinct = index.phrases.offers.vectors.shape[0] + index.phrases.needs.vectors.shape[0]
    asks = synthetic(queries, seed=2)
    for p in asks:  # embed the askers once, so the timing is the search itself
        index.query(p, top=10)
    fast, exact, recall = [], [], []
    lo, hi = backend.floor, backend.ceiling
    for p in asks:
        t0 = time.perf_counter()
        got = index.query(p, top=10)
        fast.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        mine = embed_profiles([p], backend=backend)
        with threadpool_limits(limits=1, user_api="blas"):
            total = score_block(mine, index.embedded, floor=lo, ceiling=hi).total[0]
        best = np.argsort(-total, kind="stable")[:10]
        exact.append(time.perf_counter() - t0)
        # Ties at the 10th score may be broken either way: count a hit by score, not by name.
        cut = total[best[-1]]
        recall.append(sum(m.score >= cut - 1e-6 for m in got) / 10)
    print(
        f"\nTop-10 query among {n:,} profiles (wordllama; index built in {build:.1f} s; "
        f"{distinct:,} distinct offer and need phrases)"
    )
    print(f"{'method':<40} {'median ms':>10} {'p95 ms':>8} {'recall@10':>10}")
    for label, times, rec in (
        ("distinct-phrase index + explain top 20", fast, float(np.mean(recall))),
        ("exact phrase-level score of everyone", exact, 1.0),
    ):
        ms = np.asarray(times) * 1000
        print(f"{label:<40} {np.median(ms):>10.1f} {np.percentile(ms, 95):>8.1f} {rec:>10.2f}")
    print(f"speed-up: {np.median(exact) / np.median(fast):.1f}x")


def bench_matrix(n: int) -> None:
    """The event matrix: slot layout against the segment-reduction baseline, same phrases."""
    backend = get_backend("wordllama")
    profiles = synthetic(n, seed=3)
    t0 = time.perf_counter()
    e = embed_profiles(profiles, backend=backend)
    t_embed = time.perf_counter() - t0
    args = (e.offers, e.needs, e.shared, backend.floor, backend.ceiling, 0.5)
    t0 = time.perf_counter()
    slot_parts(*args, 256)
    t_slots = time.perf_counter() - t0
    t0 = time.perf_counter()
    segment_parts(*args, 512)
    t_segments = time.perf_counter() - t0
    t0 = time.perf_counter()
    dense = pair_weights(profiles, backend=backend)
    t_dense = time.perf_counter() - t0
    t0 = time.perf_counter()
    top = pair_weights(profiles, backend=backend, top_k=20)
    t_top = time.perf_counter() - t0
    assert isinstance(dense, np.ndarray) and not isinstance(top, np.ndarray)
    print(f"\nEvent pair-weight matrix, {n:,} people (wordllama)")
    print(f"embedding the phrases       {t_embed:6.2f} s")
    print(f"scores, segment baseline    {t_segments:6.2f} s")
    print(f"scores, padded slots        {t_slots:6.2f} s  ({t_segments / t_slots:.1f}x)")
    print(f"pair_weights dense, total   {t_dense:6.2f} s  ({dense.nbytes / 2**20:.0f} MiB)")
    print(f"pair_weights top-20, total  {t_top:6.2f} s  ({top.nnz:,} entries)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument("--backends", default="")
    args = parser.parse_args()
    names = args.backends.split(",") if args.backends else ["lexical", "wordllama"]
    if not args.backends and e5_available():
        names += ["e5", "blend"]
    if not args.backends and minilm_available():
        names.append("minilm")
    bench_quality(names)
    if "wordllama" in names:
        bench_query(10_000 if args.quick else 100_000, 10 if args.quick else 30)
        bench_matrix(1_000 if args.quick else 5_000)


if __name__ == "__main__":
    main()
