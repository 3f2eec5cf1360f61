"""Direct constructions: every round seats everyone once, and no pair meets twice."""

from __future__ import annotations

import importlib.util
import sys
from itertools import combinations
from pathlib import Path

import pytest

from mutuals.events.cyclic import KNOWN
from mutuals.events.designs import affine_plane, best_design, latin_square, transversal
from mutuals.events.galois import galois_field, prime_power


def check(rounds: list[list[list[int]]], n: int, k: int) -> None:
    seen: set[tuple[int, int]] = set()
    for tables in rounds:
        assert sorted(p for t in tables for p in t) == list(range(n))
        assert all(len(t) == k for t in tables)
        for t in tables:
            for pair in combinations(sorted(t), 2):
                assert pair not in seen
                seen.add(pair)


@pytest.mark.parametrize("q", [2, 3, 4, 5, 7, 8, 9])
def test_galois_field_has_inverses_and_distributes(q: int) -> None:
    f = galois_field(q)
    for a in range(1, q):
        assert sum(f.mul[a][b] == 1 for b in range(q)) == 1
    for a in range(q):
        for b in range(q):
            for c in range(q):
                assert f.mul[a][f.add[b][c]] == f.add[f.mul[a][b]][f.mul[a][c]]


def test_prime_power() -> None:
    assert prime_power(8) == (2, 3)
    assert prime_power(9) == (3, 2)
    assert prime_power(6) is None
    assert prime_power(1) is None


@pytest.mark.parametrize("q", [2, 3, 4, 5, 7, 8, 9])
def test_affine_plane_meets_everyone_once(q: int) -> None:
    rounds = affine_plane(q * q, q)
    assert rounds is not None and len(rounds) == q + 1
    check(rounds, q * q, q)
    pairs = sum(len(t) * (len(t) - 1) // 2 for r in rounds for t in r)
    assert pairs == q * q * (q * q - 1) // 2


@pytest.mark.parametrize(("n", "k"), [(12, 3), (20, 4), (35, 5), (33, 3), (64, 4)])
def test_transversal_design(n: int, k: int) -> None:
    rounds = transversal(n, k)
    assert rounds is not None
    assert len(rounds) >= n // k
    check(rounds, n, k)


def test_latin_square_gives_three_rounds_for_six_by_six() -> None:
    rounds = latin_square(36, 6)
    assert rounds is not None and len(rounds) == 3
    check(rounds, 36, 6)


@pytest.mark.parametrize("nk", sorted(KNOWN))
def test_stored_cyclic_designs_have_no_repeat(nk: tuple[int, int]) -> None:
    n, k = nk
    design = KNOWN[nk]
    assert design.points == n
    check(design.rounds(), n, k)


def test_the_40_people_design_is_what_the_search_script_builds() -> None:
    # The stored blocks must have a search behind them: the script's exact search for a design
    # developed over 13 of Z_39's shifts finds them again, block for block.
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "search_cyclic_designs.py"
    spec = importlib.util.spec_from_file_location("search_cyclic_designs", path)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = script  # dataclasses look their module up while the class is built
    try:
        spec.loader.exec_module(script)
        found, restarts = script.search(script.shape_of(KNOWN[(40, 4)]), seed=1)
    finally:
        del sys.modules[spec.name]
    assert restarts == 0
    assert found == KNOWN[(40, 4)]


def test_best_design_declines_what_it_cannot_build() -> None:
    assert best_design(10, 3) is None
    assert best_design(6, 6) is None
