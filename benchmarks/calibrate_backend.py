"""Read a text backend's floor, match and ceiling cosines off labelled set A.

Run: python benchmarks/calibrate_backend.py [--backend e5] [--set A|B]
floor: the median cosine of all offer–need pairs; match: the 97.5th percentile of a need's best
offer among people who are not its partner; ceiling: the 90th percentile of a need's best offer
from its true partner. Offers include the headline core, as the score uses them.
"""

from __future__ import annotations

import argparse

import numpy as np

from matching import SETS, quality_set
from mutuals.prospecting import get_backend
from mutuals.prospecting.phrases import headline_core


def calibrate(name: str, file: str) -> dict[str, float]:
    backend = get_backend(name)
    rows, profiles = quality_set(file)
    giving = [[*p.offers, headline_core(p.headline)] for p in profiles]
    vectors = [backend.embed(g) for g in giving]
    names = [r["name"] for r in rows]
    every, partner_best, other_best = [], [], []
    for i, p in enumerate(profiles):
        needs = backend.embed(p.needs)
        partner = names.index(rows[i]["partner"]) if "partner" in rows[i] else -1
        for j in range(len(profiles)):
            if j == i:
                continue
            best = (needs @ vectors[j].T).max(axis=1)
            every.extend((needs @ vectors[j].T).ravel().tolist())
            (partner_best if j == partner else other_best).extend(best.tolist())
    return {
        "floor": float(np.median(every)),
        "match": float(np.percentile(other_best, 97.5)),
        "ceiling": float(np.percentile(partner_best, 90)),
        "partner median": float(np.median(partner_best)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", default="wordllama")
    parser.add_argument("--set", default="A", choices=["A", "B"])
    args = parser.parse_args()
    file = SETS["A"] if args.set == "A" else SETS["B (held out)"]
    for key, value in calibrate(args.backend, file).items():
        print(f"{key:<15} {value:.3f}")


if __name__ == "__main__":
    main()
