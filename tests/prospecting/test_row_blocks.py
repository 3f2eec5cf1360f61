"""float16 row blocks: appends across blocks, exact widening, save, mapped load, edits after."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mutuals.prospecting.row_blocks import RowBlocks, widen


def test_widen_is_exact_for_every_finite_float16() -> None:
    bits = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16)
    finite = np.isfinite(bits.view(np.float16))
    want = bits.view(np.float16).astype(np.float32)
    got = widen(bits)
    assert np.array_equal(got.view(np.uint32)[finite], want.view(np.uint32)[finite])


def test_rows_round_trip_across_blocks(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((50, 4)).astype(np.float32)
    rows = RowBlocks(4, bits=3)  # blocks of 8 rows
    assert rows.append(vectors[:5]).tolist() == [0, 1, 2, 3, 4]
    assert rows.append(vectors[5:]).tolist() == list(range(5, 50))
    assert rows.size == 50 and len(rows.blocks) == 7
    stored = vectors.astype(np.float16).astype(np.float32)
    picks = np.array([49, 0, 8, 7, 23, 23, 41])
    np.testing.assert_array_equal(rows.take(picks), stored[picks])
    assert rows.take(np.zeros(0, np.int64)).shape == (0, 4)
    # put past the end extends, leaving zeros between
    rows.put(np.array([52]), vectors[:1])
    assert rows.size == 53
    np.testing.assert_array_equal(rows.take(np.array([50, 51])), 0.0)
    np.testing.assert_array_equal(rows.take(np.array([52])), stored[:1])


def test_a_loaded_file_is_mapped_and_stays_as_saved(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    vectors = rng.standard_normal((20, 4)).astype(np.float32)
    stored = vectors.astype(np.float16).astype(np.float32)
    rows = RowBlocks(4, bits=3)
    rows.append(vectors)
    rows.save(tmp_path / "v.npy")
    again = RowBlocks.load(tmp_path / "v.npy", bits=3)
    assert again.size == 20 and again.mapped_rows == 16  # two full blocks; the rest in memory
    assert again.mapped_nbytes() == 16 * 4 * 2 and again.nbytes() == 8 * 4 * 2
    np.testing.assert_array_equal(again.take(np.arange(20)), stored)
    # edits and appends after a load: in memory, the file unchanged
    again.put(np.array([3]), vectors[10:11])
    assert again.append(vectors[:5]).tolist() == [20, 21, 22, 23, 24]
    np.testing.assert_array_equal(again.take(np.array([3, 24])), stored[[10, 4]])
    np.testing.assert_array_equal(np.load(tmp_path / "v.npy").astype(np.float32), stored)


def test_an_older_float32_file_is_read_and_rounded(tmp_path: Path) -> None:
    vectors = np.random.default_rng(2).standard_normal((5, 4)).astype(np.float32)
    np.save(tmp_path / "old.npy", vectors)
    again = RowBlocks.load(tmp_path / "old.npy", bits=3)
    assert again.mapped_rows == 0
    np.testing.assert_array_equal(again.take(np.arange(5)), vectors.astype(np.float16))
