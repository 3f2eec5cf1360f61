"""The optional e5 backend: loads with the network blocked, ranks partners on both labelled sets."""

from __future__ import annotations

import socket
from typing import Any

import numpy as np
import pytest
from test_quality import quality

import mutuals.prospecting.e5 as e5_module
from mutuals.prospecting import BackendUnavailable, Profile, TextBackend, get_backend, pair_weights
from mutuals.prospecting.e5 import BlendBackend, e5_available, load_e5

needs_e5 = pytest.mark.skipif(not e5_available(), reason="the e5 extra is not installed")


def _refuse(*args: Any, **kwargs: Any) -> None:
    raise OSError("network access is blocked in this test")


@pytest.fixture(scope="module")
def e5() -> TextBackend:
    return get_backend("e5")


@needs_e5
def test_e5_loads_with_the_network_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    backend = load_e5()  # a fresh load, not the per-process one
    vectors = backend.embed(["bookkeeping and year-end tax returns", "", "the"])
    assert vectors.dtype == np.float32 and vectors.shape == (3, backend.dim)
    norms = np.linalg.norm(vectors, axis=1)
    assert norms[0] == pytest.approx(1.0, abs=1e-5)
    assert norms[1] == 0.0
    assert norms[2] == pytest.approx(1.0, abs=1e-5)
    assert backend.embed([]).shape == (0, backend.dim)


@needs_e5
def test_e5_understands_meaning_beyond_shared_words(e5: TextBackend) -> None:
    need, good, bad = e5.embed(
        ["someone to sort out my VAT and receipts", "bookkeeping and tax returns", "dog walking"]
    )
    assert float(need @ good) > float(need @ bad)


@pytest.mark.slow  # two models over two labelled sets: seconds each
@needs_e5
def test_e5_ranks_partners_on_both_labelled_sets(
    quality_rows: list[dict[str, Any]],
    quality_profiles: list[Profile],
    held_out_rows: list[dict[str, Any]],
    held_out_profiles: list[Profile],
    e5: TextBackend,
) -> None:
    # Measured on set A 28/36 first, 34/36 top 3, 8/8 above decoys; on the held-out set B
    # 18/24, 21/24, 6/6 (see benchmarks/README.md). Both beat wordllama's 26/36 and 16/24.
    a = quality(quality_rows, np.asarray(pair_weights(quality_profiles, backend=e5)))
    b = quality(held_out_rows, np.asarray(pair_weights(held_out_profiles, backend=e5)))
    assert a["first"] >= 0.75 and a["top3"] >= 0.9 and a["above_decoys"] == 1.0
    assert b["first"] >= 0.7 and b["top3"] >= 0.85 and b["above_decoys"] == 1.0


def test_e5_without_its_extra_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend the extra is missing, so this runs whether or not it is installed here.
    monkeypatch.setattr(e5_module, "e5_available", lambda: False)
    with pytest.raises(BackendUnavailable, match=r"mutuals\[e5\]"):
        load_e5()


@pytest.fixture(scope="module")
def blend() -> TextBackend:
    return get_backend("blend")


@needs_e5
def test_blend_cosine_is_the_weighted_sum_of_both_models(blend: TextBackend) -> None:
    assert isinstance(blend, BlendBackend)
    texts = ["someone to sort out my VAT and receipts", "bookkeeping and tax returns", ""]
    rows = blend.embed(texts)
    words, phrases = blend.words.embed(texts), blend.phrases.embed(texts)
    w = blend.weight
    assert 0.0 < w < 0.5  # e5's narrower spread gets the larger weight
    assert rows.shape == (3, blend.dim) and rows.dtype == np.float32
    assert np.linalg.norm(rows[0]) == pytest.approx(1.0, abs=1e-5)
    assert np.linalg.norm(rows[2]) == 0.0
    expected = w * float(words[0] @ words[1]) + (1 - w) * float(phrases[0] @ phrases[1])
    assert float(rows[0] @ rows[1]) == pytest.approx(expected, abs=1e-5)


@pytest.mark.slow  # two models over two labelled sets: seconds each
@needs_e5
def test_blend_ranks_partners_on_both_labelled_sets(
    quality_rows: list[dict[str, Any]],
    quality_profiles: list[Profile],
    held_out_rows: list[dict[str, Any]],
    held_out_profiles: list[Profile],
    blend: TextBackend,
) -> None:
    # Measured on set A 32/36 first, 35/36 top 3, 8/8 above decoys; on the held-out set B
    # 19/24, 21/24, 6/6 (see benchmarks/README.md). The score's weights were chosen for
    # wordllama; with the earlier ones blend got 33/36 on A but fewer on C. The bounds leave one
    # partner of room: e5's vectors differ in the last bits from one CPU to another (its engine
    # calls glibc's vector maths, which picks its code by CPU), and near-ties flip. On a machine
    # with AVX-512, A gives 32/36 first and 34/36 top 3.
    a = quality(quality_rows, np.asarray(pair_weights(quality_profiles, backend=blend)))
    b = quality(held_out_rows, np.asarray(pair_weights(held_out_profiles, backend=blend)))
    assert a["first"] >= 31 / 36 and a["top3"] >= 34 / 36 and a["above_decoys"] == 1.0
    assert b["first"] >= 0.75 and b["top3"] >= 0.8 and b["above_decoys"] == 1.0


def test_blend_without_the_e5_extra_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(e5_module, "e5_available", lambda: False)
    with pytest.raises(BackendUnavailable, match=r"mutuals\[e5\]"):
        e5_module.load_blend()
