"""The event matrix kept to each person's best partners, block by block, equals the dense path."""

from __future__ import annotations

import numpy as np

from mutuals.domain.profile import Profile
from mutuals.prospecting import TextBackend, pair_weights
from mutuals.prospecting.event_matrix import symmetric_top_k

WORDS = [
    "tax",
    "payroll",
    "website",
    "design",
    "hiring",
    "sales",
    "coaching",
    "legal",
    "branding",
    "funding",
]


def people(n: int) -> list[Profile]:
    rng = np.random.default_rng(0)

    def phrase() -> str:
        return " ".join(str(w) for w in rng.choice(WORDS, 2, replace=False))

    return [
        Profile(
            name=f"p{i}",
            offers=[phrase() for _ in range(1 + i % 3)],
            needs=[phrase() for _ in range(1 + i % 2)],
            interests=[phrase()] if i % 3 else [],
        )
        for i in range(n)
    ]


def test_top_k_blocks_equal_the_dense_top_k(lexical: TextBackend) -> None:
    profiles = people(150)
    dense = pair_weights(profiles, backend=lexical)
    assert isinstance(dense, np.ndarray)
    for k in (1, 7, 40):
        sparse = pair_weights(profiles, backend=lexical, top_k=k, block=32)
        expected = symmetric_top_k(dense, k)
        assert not isinstance(sparse, np.ndarray)
        assert (abs(sparse - sparse.T)).max() == 0
        # ties may be broken differently; the kept weights per row must be as large
        for i in range(len(profiles)):
            got = np.sort(sparse[[i]].toarray().ravel())[::-1][:k]
            want = np.sort(expected[[i]].toarray().ravel())[::-1][:k]
            np.testing.assert_allclose(got, want, atol=1e-6)
