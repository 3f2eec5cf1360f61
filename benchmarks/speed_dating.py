"""Learning from outcomes on real speed events: AUC of P(mutual yes) from pre-event answers only.

Reads ../shared/data/speed-dating/speed-dating.csv in place. Trains on odd waves, tests on even
waves, and compares with the data's interest correlation and a plain logistic regression.
Decisions are used only as labels, and only from training waves.
Run: python benchmarks/speed_dating.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from mutuals.prospecting.speed_events import evaluate, final_model, load

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "speed-dating"
CSV = DATA / "speed-dating.csv"

LABELS = {
    "int_corr": "int_corr alone (anchor 0.57)",
    "plain": "plain LR, 15 raw answers (anchor 0.61)",
    "directional": "directional LR: P(he says yes) x P(she says yes)",
    "boosted": "boosted trees (depth 2) on plain + pair + propensities",
    "pairs": "LR on plain + pair + propensities",
    "interests": "LR on plain + pair + propensities + interests",
}


def main() -> int:
    if not CSV.exists():
        print(f"data not found: {CSV}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    data = load(CSV)
    t1 = time.perf_counter()
    result = evaluate(data)
    t2 = time.perf_counter()
    inner, held = result["inner"], result["held"]
    print(f"meetings: train {result['train_pairs']} (odd waves), test {result['test_pairs']}")
    print(f"{'model':<66} {'inner CV':>8} {'held-out':>8}")
    for name in inner:
        base, _, setting = name.partition("@")
        label = LABELS.get(base, base.replace("+", " blended with "))
        label += f" (L2 {setting})" if base in LABELS and setting else ""
        label += f" (weight {setting})" if base not in LABELS else ""
        print(f"{label:<66} {inner[name]:>8.3f} {held[name]:>8.3f}")
    print(f"chosen by inner CV: {result['chosen']}  (target 0.66 held-out)")
    kind = result["chosen"].split("@")[0].split("+")[0]
    strength = result["strength"]
    print(f"strongest standardised coefficients of its pair model ({kind}, L2 {strength[kind]:g}):")
    for name, coef in final_model(data, kind, strength[kind]).weights()[:8]:
        print(f"  {name:<28} {coef:+.3f}")
    print(f"load {t1 - t0:.2f} s, fit and score {t2 - t1:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
