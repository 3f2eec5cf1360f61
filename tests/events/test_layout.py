"""Table layouts: everyone seated, sizes within one step of the asked size, never a table of one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.events.layout import table_sizes


@given(st.integers(2, 400), st.integers(2, 12), st.sampled_from(["larger", "smaller"]))
def test_sizes_cover_everyone_without_a_table_of_one(n: int, k: int, uneven: str) -> None:
    sizes = table_sizes(n, k, uneven)  # type: ignore[arg-type]
    assert sum(sizes) == n
    assert min(sizes) >= 2
    assert max(sizes) - min(sizes) <= 1
    if n % k == 0:
        assert set(sizes) == {k}
    elif n >= k * k:
        expected = {k, k + 1} if uneven == "larger" else {k, k - 1}
        assert set(sizes) <= expected or k == 2


def test_examples() -> None:
    assert table_sizes(10, 4) == [5, 5]
    assert table_sizes(10, 4, "smaller") == [4, 3, 3]
    assert table_sizes(7, 2) == [3, 2, 2]


@pytest.mark.parametrize(("n", "k"), [(1, 2), (5, 1)])
def test_rejects_impossible(n: int, k: int) -> None:
    with pytest.raises(ValueError):
        table_sizes(n, k)
