"""Benchmark: recompute relationship strength for 30,000 contacts with 300,000 interactions.

Run as ``python benchmarks/strength.py [--quick]``. The baseline is a naive per-contact Python loop
over the same formula, measured in the same run; the script checks that both agree.
"""

from __future__ import annotations

import argparse
import math
import time
from collections import defaultdict
from datetime import date

import numpy as np

from mutuals.domain.vocab import CHANNELS, DIRECTIONS
from mutuals.relationships import (
    DEFAULT_PARAMS,
    Cadence,
    ContactState,
    Interaction,
    InteractionArrays,
    StrengthParams,
    build_digest,
    strength_scores,
    strength_table,
    strengths,
)

TODAY = date(2026, 11, 26)


def synthetic(n_contacts: int, n_interactions: int, seed: int) -> InteractionArrays:
    """A skewed network: some contacts hold many interactions, most a handful, mostly recent."""
    rng = np.random.default_rng(seed)
    weight = rng.lognormal(0.0, 1.0, n_contacts)
    contact = rng.choice(n_contacts, size=n_interactions, p=weight / weight.sum())
    day = TODAY.toordinal() - np.minimum(rng.exponential(200.0, n_interactions), 3 * 365).astype(
        np.int64
    )
    channel = rng.integers(0, len(CHANNELS), n_interactions)
    direction = rng.integers(0, len(DIRECTIONS), n_interactions)
    return InteractionArrays.from_columns(
        contact=contact, day=day, channel=channel, direction=direction, n_contacts=n_contacts
    )


def naive_scores(rows: list[Interaction], n_contacts: int, params: StrengthParams) -> list[float]:
    """The same formula written as a plain per-contact Python loop."""
    by_contact: dict[int, list[Interaction]] = defaultdict(list)
    for row in rows:
        by_contact[row.contact_id].append(row)
    t = TODAY.toordinal()
    out = [0.0] * n_contacts
    for cid in range(n_contacts):
        recency = deepest = short = long = given = received = 0.0
        for row in by_contact.get(cid, []):
            age = t - row.on.toordinal()
            if age < 0:
                continue
            depth = params.channel_depth[row.channel]
            decay = 2.0 ** (-age / params.half_life_days)
            recency = max(recency, decay)
            deepest = max(deepest, depth * decay)
            short += depth if age <= params.short_window_days else 0.0
            long += depth if age <= params.long_window_days else 0.0
            if row.direction != "received":
                given += depth * decay
            if row.direction != "gave":
                received += depth * decay
        frequency = params.short_share * (1 - math.exp(-short / params.short_saturation)) + (
            1 - params.short_share
        ) * (1 - math.exp(-long / params.long_saturation))
        reciprocity = 1 - math.exp(-min(given, received) / params.two_way_saturation)
        base = (
            params.recency_weight * recency
            + params.frequency_weight * frequency
            + params.depth_weight * deepest
        )
        factor = params.one_way_factor + (1 - params.one_way_factor) * reciprocity
        out[cid] = 100.0 * base * factor
    return out


def best_of(repeats: int, run: object) -> float:
    assert callable(run)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="3,000 contacts, 30,000 interactions")
    args = parser.parse_args()
    n_contacts, n_interactions = (3_000, 30_000) if args.quick else (30_000, 300_000)
    arrays = synthetic(n_contacts, n_interactions, seed=20261126)
    rows = [
        Interaction(
            int(c),
            date.fromordinal(int(d)),
            CHANNELS[ch],  # type: ignore[arg-type]
            DIRECTIONS[dr],  # type: ignore[arg-type]
        )
        for c, d, ch, dr in zip(
            arrays.contact, arrays.day, arrays.channel, arrays.direction, strict=True
        )
    ]

    vector = strength_scores(arrays, today=TODAY)
    naive = np.array(naive_scores(rows, n_contacts, DEFAULT_PARAMS))
    max_diff = float(np.abs(vector - naive).max())
    assert max_diff < 1e-9, f"vectorised and naive scores differ by {max_diff}"

    t_scores = best_of(5, lambda: strength_scores(arrays, today=TODAY))
    t_table = best_of(5, lambda: strength_table(arrays, today=TODAY))
    t_objects = best_of(1, lambda: strengths(rows, today=TODAY, contact_ids=range(n_contacts)))
    t_naive = best_of(1, lambda: naive_scores(rows, n_contacts, DEFAULT_PARAMS))
    contacts = [
        ContactState(cid, f"Contact {cid}", tags=("clients",) if cid % 3 == 0 else ())
        for cid in range(n_contacts)
    ]
    tag_cadences = {"clients": Cadence(30, 45)}
    t_digest = best_of(
        1, lambda: build_digest(contacts, rows, today=TODAY, tag_cadences=tag_cadences)
    )

    print(f"{n_contacts:,} contacts, {n_interactions:,} interactions; max |diff| {max_diff:.1e}")
    print(f"{'path':58s} {'seconds':>8s} {'vs naive':>9s}")
    table = [
        ("naive per-contact Python loop (baseline)", t_naive),
        ("strength_scores (vectorised, one date)", t_scores),
        ("strength_table (now + 60 days ago + bands)", t_table),
        ("strengths() from Interaction objects (incl. conversion)", t_objects),
        ("build_digest (strength, stages, ledger, cadence; objects)", t_digest),
    ]
    for name, seconds in table:
        print(f"{name:58s} {seconds:8.4f} {t_naive / seconds:8.1f}x")
    print(f"{sum(1 for s in vector if s >= 70):,} strong contacts; mean score {vector.mean():.1f}")


if __name__ == "__main__":
    main()
