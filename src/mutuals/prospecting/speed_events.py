"""Learning from the outcomes of real speed events: P(mutual yes) from pre-event answers only.

Built on the public speed-dating experiment data (one CSV row per person and meeting, people in
waves, each with the decision of both sides). :func:`load` reads it; :func:`evaluate` trains on
the odd waves and scores the even ones, comparing the data's own interest correlation, a plain
logistic regression, per-side ("directional") models and pair models that use each person's
learned propensities to say yes and to be chosen. Decisions are used only as labels, and only
from training waves.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from mutuals.prospecting.outcomes import OutcomeModel, auc
from mutuals.prospecting.propensity import (
    PropensityModel,
    cross_fitted,
    logit,
    mutual_probability,
)

Floats = NDArray[np.float64]

ATTRS = ("attr", "sinc", "intel", "fun", "amb")
INTERESTS = [
    "sports",
    "tvsports",
    "exercise",
    "dining",
    "museums",
    "art",
    "hiking",
    "gaming",
    "clubbing",
    "reading",
    "tv",
    "theater",
    "movies",
    "concerts",
    "music",
    "shopping",
    "yoga",
]
# Answered before the event (questionnaire, interests, preferences, self-ratings).
ANSWERS = (
    [
        "age",
        "race",
        "field_cd",
        "career_c",
        "goal",
        "date",
        "go_out",
        "imprace",
        "imprelig",
        "exphappy",
        "expnum",
        "mn_sat",
        "income",
    ]
    + [f"{a}1_1" for a in (*ATTRS, "shar")]
    + [f"{a}2_1" for a in (*ATTRS, "shar")]
    + [f"{a}3_1" for a in ATTRS]
    + INTERESTS
)
# Codes, not quantities: they enter pair features (same race, same field), not the propensities.
CODES = ("race", "field_cd", "career_c", "goal")


def number(text: str) -> float:
    """A CSV cell as a float; empty is NaN, thousands separators are dropped."""
    text = text.strip().replace(",", "")
    return float(text) if text else float("nan")


@dataclass(frozen=True)
class Data:
    """People's pre-event answers and every meeting's decisions, as read from the file."""

    people: dict[int, dict[str, float]]
    # (chooser, chosen, wave, said yes); each meeting appears once per side.
    decisions: list[tuple[int, int, int, int]]
    # (man, woman, wave, mutual match, int_corr); one row per meeting.
    meetings: list[tuple[int, int, int, int, float]]


def load(path: Path) -> Data:
    """Read the data set's CSV at ``path``.

    Adds answers relative to the person's own wave, which are known before it starts.
    """
    with path.open(newline="", encoding="ascii") as handle:
        rows = [r for r in csv.DictReader(handle) if r["iid"].strip() and r["pid"].strip()]
    people: dict[int, dict[str, float]] = {}
    decisions, meetings = [], []
    for row in rows:
        me, other, wave = int(row["iid"]), int(float(row["pid"])), int(row["wave"])
        if me not in people:
            people[me] = {k: number(row[k]) for k in ANSWERS}
            people[me] |= {"gender": number(row["gender"]), "wave": float(wave)}
        decisions.append((me, other, wave, int(row["dec"])))
        if row["gender"] == "1":
            meetings.append((me, other, wave, int(row["match"]), number(row["int_corr"])))
    _add_wave_context(people)
    return Data(people=people, decisions=decisions, meetings=meetings)


def _add_wave_context(people: dict[int, dict[str, float]]) -> None:
    """Self-ratings as z-scores within the wave's same side, and the size of the other side."""
    sides: dict[tuple[float, float], list[int]] = defaultdict(list)
    for iid, p in people.items():
        sides[(p["wave"], p["gender"])].append(iid)
    for (wave, gender), ids in sides.items():
        for a in ATTRS:
            values = np.asarray([people[i][f"{a}3_1"] for i in ids])
            mean, sd = np.nanmean(values), np.nanstd(values)
            for i in ids:
                people[i][f"z_{a}"] = (people[i][f"{a}3_1"] - mean) / sd if sd > 0 else 0.0
        for i in ids:
            people[i]["other_side"] = float(len(sides[(wave, 1.0 - gender)]))
        for i in ids:
            total = np.nansum([people[i][f"{a}1_1"] for a in (*ATTRS, "shar")])
            for a in (*ATTRS, "shar"):
                people[i][f"w_{a}"] = people[i][f"{a}1_1"] / total if total > 0 else np.nan


PERSON_INPUTS = tuple(
    [k for k in ANSWERS if k not in CODES] + [f"z_{a}" for a in ATTRS] + ["other_side"]
)


def plain_features(m: dict[str, float], f: dict[str, float], corr: float) -> dict[str, float]:
    """The anchor model's inputs: fifteen raw pre-event answers, no pair construction."""
    return {
        "int_corr": corr,
        "m_age": m["age"],
        "f_age": f["age"],
        "same_race": float(m["race"] == f["race"]),
        "m_go_out": m["go_out"],
        "f_go_out": f["go_out"],
        "m_date": m["date"],
        "f_date": f["date"],
        "m_attr3": m["attr3_1"],
        "f_attr3": f["attr3_1"],
        "m_fun3": m["fun3_1"],
        "f_fun3": f["fun3_1"],
        "m_exphappy": m["exphappy"],
        "f_exphappy": f["exphappy"],
        "m_imprace": m["imprace"],
    }


def pair_features(m: dict[str, float], f: dict[str, float]) -> dict[str, float]:
    """What the two people have in common or apart: age gap, race weighed by its importance."""
    gap = m["age"] - f["age"]
    same_race = float(m["race"] == f["race"])
    return {
        "age_gap_abs": abs(gap),
        "age_gap_sq": gap * gap,
        "same_race_x_m_importance": same_race * m["imprace"],
        "same_race_x_f_importance": same_race * f["imprace"],
        "same_field": float(m["field_cd"] == f["field_cd"]),
        "same_career": float(m["career_c"] == f["career_c"]),
        "same_goal": float(m["goal"] == f["goal"]),
    }


def interest_features(m: dict[str, float], f: dict[str, float]) -> dict[str, float]:
    """Shared interests two ways, and the age gap signed (he older is positive)."""
    return {
        "interest_cosine": interest_cosine(m, f),
        "shared_top3_interests": shared_top_interests(m, f),
        "age_gap_he_older": m["age"] - f["age"],
    }


def interest_cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of the two centred interest vectors (NaN when too few answers)."""
    x, y = np.asarray([a[k] for k in INTERESTS]), np.asarray([b[k] for k in INTERESTS])
    ok = ~(np.isnan(x) | np.isnan(y))
    if ok.sum() <= 2:
        return float("nan")
    xc, yc = x[ok] - x[ok].mean(), y[ok] - y[ok].mean()
    denom = float(np.linalg.norm(xc) * np.linalg.norm(yc))
    return float(xc @ yc) / denom if denom > 0 else 0.0


def shared_top_interests(a: dict[str, float], b: dict[str, float], k: int = 3) -> float:
    """How many of each person's k highest-rated interests they share (NaN if one is blank)."""
    x, y = np.asarray([a[i] for i in INTERESTS]), np.asarray([b[i] for i in INTERESTS])
    if np.isnan(x).all() or np.isnan(y).all():
        return float("nan")
    top_x = set(np.argsort(-np.nan_to_num(x, nan=-1.0), kind="stable")[:k].tolist())
    top_y = set(np.argsort(-np.nan_to_num(y, nan=-1.0), kind="stable")[:k].tolist())
    return float(len(top_x & top_y))


def directional_features(c: dict[str, float], o: dict[str, float]) -> dict[str, float]:
    """Why chooser ``c`` might say yes to ``o``: c's wishes crossed with o's self-description."""
    same_race = float(c["race"] == o["race"])
    out = {
        "chooser_exphappy": c["exphappy"],
        "chooser_self_attr": c["attr3_1"],
        "chooser_go_out": c["go_out"],
        "chooser_date": c["date"],
        "chooser_imprace": c["imprace"],
        "chooser_imprelig": c["imprelig"],
        "chosen_exphappy": o["exphappy"],
        "chosen_go_out": o["go_out"],
        "chosen_date": o["date"],
        "same_race_x_importance": same_race * c["imprace"],
        "other_race_x_importance": (1.0 - same_race) * c["imprace"],
        "age_gap": c["age"] - o["age"],
        "age_gap_abs": abs(c["age"] - o["age"]),
        "interest_cosine": interest_cosine(c, o),
    }
    for a in ("attr", "fun"):
        out[f"chosen_self_{a}"] = o[f"{a}3_1"]
        out[f"chosen_wave_z_{a}"] = o[f"z_{a}"]
        out[f"wants_x_has_{a}"] = c[f"w_{a}"] * o[f"z_{a}"]
    return out


def _matrix(rows: list[dict[str, float]]) -> tuple[Floats, tuple[str, ...]]:
    return np.asarray([list(r.values()) for r in rows], dtype=np.float64), tuple(rows[0])


Waves = frozenset[int]
Named = tuple[Floats, tuple[str, ...]]

# Many weak, correlated answers: strong penalties generalise best across waves. The pair models'
# strength is picked from this grid by leave-one-wave-out cross-validation on the training waves.
STRENGTHS = (100.0, 300.0, 1000.0)
DIRECTION_STRENGTH = 300.0
PROPENSITY_STRENGTH = 300.0
# Weight of the pair model's log-odds when averaged with the directional model's.
BLEND_WEIGHTS = (0.5, 0.75)


def propensity_logits(data: Data, train: Waves) -> dict[int, tuple[float, float]]:
    """Each person's predicted logit of saying yes and of being chosen.

    Rates are observed on the ``train`` waves only. People of those waves get leave-one-wave-out
    predictions, everyone else a model fitted on all of them; men and women apart.
    """
    said, got = defaultdict(list), defaultdict(list)
    for chooser, chosen, wave, yes in data.decisions:
        if wave in train:
            said[chooser].append(yes)
            got[chosen].append(yes)
    out: dict[int, tuple[float, float]] = {}
    for gender in (0.0, 1.0):
        ids = [i for i, p in data.people.items() if p["gender"] == gender]
        fitted = [i for i in ids if i in said and i in got]
        others = [i for i in ids if int(data.people[i]["wave"]) not in train]
        x_tr = np.asarray([[data.people[i][k] for k in PERSON_INPUTS] for i in fitted])
        x_te = np.asarray([[data.people[i][k] for k in PERSON_INPUTS] for i in others])
        waves = [data.people[i]["wave"] for i in fitted]
        preds = []
        for rates in ([np.mean(said[i]) for i in fitted], [np.mean(got[i]) for i in fitted]):
            oof = cross_fitted(
                x_tr, rates, waves, feature_names=PERSON_INPUTS, strength=PROPENSITY_STRENGTH
            )
            held = PropensityModel.fit(
                x_tr, rates, feature_names=PERSON_INPUTS, strength=PROPENSITY_STRENGTH
            ).predict(x_te)
            preds.append(dict(zip(fitted + others, np.r_[oof, held].tolist(), strict=True)))
        for i in fitted + others:
            out[i] = (float(logit(preds[0][i])), float(logit(preds[1][i])))
    return out


def match_inputs(data: Data, train: Waves) -> dict[str, Named]:
    """Per meeting, three input sets: plain; plain + pair + propensities; and + interests."""
    prop = propensity_logits(data, train)
    rows: dict[str, list[dict[str, float]]] = {"plain": [], "pairs": [], "interests": []}
    for man, woman, _wave, _match, corr in data.meetings:
        m, f = data.people[man], data.people[woman]
        plain = plain_features(m, f, corr)
        # log-odds that he says yes ≈ his yes-propensity + her chosen-propensity; and back.
        full = (
            plain
            | pair_features(m, f)
            | {
                "he_would_say_yes": prop[man][0] + prop[woman][1],
                "she_would_say_yes": prop[woman][0] + prop[man][1],
            }
        )
        rows["plain"].append(plain)
        rows["pairs"].append(full)
        rows["interests"].append(full | interest_features(m, f))
    return {name: _matrix(r) for name, r in rows.items()}


def directional_probability(data: Data, train: Waves) -> Floats:
    """P(mutual yes) per meeting as P(he says yes) · P(she says yes), one model per side."""
    p: dict[tuple[int, int], float] = {}
    for gender in (0.0, 1.0):
        rows = [d for d in data.decisions if data.people[d[0]]["gender"] == gender]
        x, names = _matrix(
            [directional_features(data.people[c], data.people[o]) for c, o, *_ in rows]
        )
        fit_on = np.asarray([wave in train for _, _, wave, _ in rows])
        labels = np.asarray([yes for *_, yes in rows])
        model = OutcomeModel.fit(
            x[fit_on], labels[fit_on], feature_names=names, strength=DIRECTION_STRENGTH
        )
        for (c, o, *_), prob in zip(rows, model.probability(x).tolist(), strict=True):
            p[(c, o)] = prob
    return mutual_probability(
        [p[(m, f)] for m, f, *_ in data.meetings], [p[(f, m)] for m, f, *_ in data.meetings]
    )


def all_scores(data: Data, train: Waves) -> dict[str, Floats]:
    """Every model fitted on the meetings of ``train`` waves, scoring every meeting."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    match = np.asarray([mt for *_, mt, _ in data.meetings])
    fit_on = np.asarray([w in train for _, _, w, *_ in data.meetings])
    inputs = match_inputs(data, train)
    plain, names = inputs["plain"]
    out = {
        "int_corr": np.nan_to_num(np.asarray([c for *_, c in data.meetings])),
        "plain": OutcomeModel.fit(plain[fit_on], match[fit_on], feature_names=names).probability(
            plain
        ),
        "directional": directional_probability(data, train),
    }
    for kind in ("pairs", "interests"):
        x, names = inputs[kind]
        for s in STRENGTHS:
            model = OutcomeModel.fit(x[fit_on], match[fit_on], feature_names=names, strength=s)
            out[f"{kind}@{s:g}"] = model.probability(x)
    full = inputs["pairs"][0]
    # One OpenMP thread: with more, scikit-learn bins the features on a joblib thread pool whose
    # workers reset the process-wide warning filters without a lock (not thread-safe before
    # Python 3.14), so a caller's filters can vanish and a spurious UserWarning appear.
    with threadpool_limits(limits=1, user_api="openmp"):
        boosted = HistGradientBoostingClassifier(
            max_depth=2, learning_rate=0.05, max_iter=100, min_samples_leaf=100, random_state=0
        ).fit(full[fit_on], match[fit_on])
    out["boosted"] = boosted.predict_proba(full)[:, 1]
    return out


class Evaluation(TypedDict):
    """AUC of every model, by name, and what inner cross-validation chose."""

    inner: dict[str, float]  # pooled leave-one-odd-wave-out predictions, on the odd waves
    held: dict[str, float]  # fitted on the odd waves, scored on the even ones
    chosen: str  # the learned model (input set and penalty, or blend) with the best inner AUC
    strength: dict[str, float]  # the penalty chosen for each pair model's input set
    train_pairs: int
    test_pairs: int


def evaluate(data: Data) -> Evaluation:
    """Inner-CV AUC (leave one odd wave out) and held-out AUC (even waves) of every model.

    The inner figure re-fits everything, propensities included, without the left-out wave, and
    pools the left-out predictions over all odd waves; it alone picks the pair model's penalty,
    its input set and the blend. The even waves are scored once, by models fitted on odd waves.
    """
    match = np.asarray([mt for *_, mt, _ in data.meetings])
    wave = np.asarray([w for _, _, w, *_ in data.meetings])
    odd_waves = frozenset(int(w) for w in wave.tolist() if w % 2 == 1)
    odd, even = wave % 2 == 1, wave % 2 == 0
    inner: dict[str, Floats] = {}
    for left_out in sorted(odd_waves):
        here = wave == left_out
        for name, scores in all_scores(data, odd_waves - {left_out}).items():
            inner.setdefault(name, np.zeros(len(match)))[here] = scores[here]
    held = all_scores(data, odd_waves)
    strength = {
        kind: max(STRENGTHS, key=lambda s: auc(match[odd], inner[f"{kind}@{s:g}"][odd]))
        for kind in ("pairs", "interests")
    }
    for preds in (inner, held):
        for kind, s in strength.items():
            for weight in BLEND_WEIGHTS:
                preds[f"{kind}+directional@{weight:g}"] = weight * logit(preds[f"{kind}@{s:g}"]) + (
                    1 - weight
                ) * logit(preds["directional"])
    inner_auc = {n: auc(match[odd], p[odd]) for n, p in inner.items()}
    held_auc = {n: auc(match[even], p[even]) for n, p in held.items()}
    learned = [n for n in inner_auc if n.startswith(("pairs", "interests"))]
    return {
        "inner": inner_auc,
        "held": held_auc,
        "chosen": max(learned, key=lambda n: inner_auc[n]),
        "strength": strength,
        "train_pairs": int(odd.sum()),
        "test_pairs": int(even.sum()),
    }


def final_model(data: Data, kind: str = "pairs", strength: float = 300.0) -> OutcomeModel:
    """A pair model (``pairs`` or ``interests`` inputs) fitted on the odd waves, to list weights."""
    wave = np.asarray([w for _, _, w, *_ in data.meetings])
    match = np.asarray([mt for *_, mt, _ in data.meetings])
    odd_waves = frozenset(int(w) for w in wave.tolist() if w % 2 == 1)
    x, names = match_inputs(data, odd_waves)[kind]
    train = wave % 2 == 1
    return OutcomeModel.fit(x[train], match[train], feature_names=names, strength=strength)
