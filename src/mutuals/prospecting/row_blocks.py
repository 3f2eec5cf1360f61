"""Growable float16 rows in fixed-size blocks: appends never copy, and a saved file can be mapped.

The prospect index holds about seven phrase vectors a member. At 1,000,000 members that is
7.2 GB in float32, grown by copying into ever larger arrays (each growth briefly holding the old
and the new array). Here rows are float16, half the bytes, and live in blocks of a fixed number
of rows: an append fills the last block and allocates new ones, so nothing is ever copied. A
loaded index maps its saved file copy-on-write instead of reading it: the rows a query gathers are
paged in from the file, an edit writes a private copy of its page only, and the file stays as
saved.

float16 keeps 11 significant bits: a unit vector's component moves by at most 2^-12 of itself,
so a cosine moves by about 10^-4. Every score is computed from the stored rows (widened to
float32 before any product), so the index's re-score and its exact scan agree with each other;
what the rounding costs against float32 vectors is measured in ``benchmarks/prospect_ann.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]
STORED = np.float16
# 65,536 rows a block: 32 MiB at 256 dimensions, so a query gathers from a few dozen blocks at
# most and the unused end of the last block stays small.
BLOCK_BITS = 16


@dataclass(slots=True)
class RowBlocks:
    """Rows of ``dim`` float16 values, numbered from 0, in blocks of ``2**bits`` rows."""

    dim: int
    bits: int = field(default_factory=lambda: BLOCK_BITS)
    blocks: list[NDArray[np.float16]] = field(default_factory=list)
    size: int = 0
    # Rows that live in a mapped file (the first ones, after a load), not in memory.
    mapped_rows: int = 0

    @property
    def block(self) -> int:
        return 1 << self.bits

    def _reserve(self, need: int) -> None:
        while len(self.blocks) * self.block < need:
            self.blocks.append(np.zeros((self.block, self.dim), dtype=STORED))

    def append(self, vectors: NDArray[np.floating]) -> IntArray:
        """Store ``vectors`` as the next rows; returns their row numbers."""
        first = self.size
        rows = np.arange(first, first + len(vectors), dtype=np.int64)
        self.put(rows, vectors)
        return rows

    def put(self, rows: IntArray, vectors: NDArray[np.floating]) -> None:
        """Write ``vectors`` at ``rows`` (rows past the end extend it; rows skipped hold zeros)."""
        rows = np.asarray(rows, dtype=np.int64)
        if not len(rows):
            return
        end = int(rows.max()) + 1
        self._reserve(end)
        self.size = max(self.size, end)
        for part, b in self._by_block(rows):
            self.blocks[b][rows[part] & (self.block - 1)] = vectors[part]

    def take(self, rows: IntArray) -> NDArray[np.float32]:
        """The rows at ``rows``, widened to float32 (exactly: every float16 is a float32)."""
        rows = np.asarray(rows, dtype=np.int64)
        half = np.empty((len(rows), self.dim), dtype=np.uint16)
        for part, b in self._by_block(rows):
            half[part] = self.blocks[b].view(np.uint16)[rows[part] & (self.block - 1)]
        return widen(half)

    def _by_block(self, rows: IntArray) -> list[tuple[slice | IntArray, int]]:
        """Positions in ``rows`` grouped by the block they fall in."""
        if not len(rows):
            return []
        which = rows >> self.bits
        lo, hi = int(which.min()), int(which.max())
        if lo == hi:  # the common case in a build: one batch of new rows, one block
            return [(slice(None), lo)]
        order = np.argsort(which, kind="stable")
        cuts = np.flatnonzero(np.diff(which[order])) + 1
        return [(part, int(which[part[0]])) for part in np.split(order, cuts)]

    def save(self, path: Path) -> None:
        """Write the rows to a ``.npy`` file, block by block (no copy of the whole)."""
        out = np.lib.format.open_memmap(path, mode="w+", dtype=STORED, shape=(self.size, self.dim))
        for b, block in enumerate(self.blocks):
            start = b * self.block
            if start >= self.size:
                break
            stop = min(self.size, start + self.block)
            out[start:stop] = block[: stop - start]
        out.flush()
        del out

    @classmethod
    def load(cls, path: Path, *, bits: int | None = None) -> RowBlocks:
        """Map a file written by :meth:`save`; a float32 file (older indexes) is read and rounded.

        The full blocks stay in the file, mapped copy-on-write; the last, partial one is copied
        into memory so that appends can go on filling it.
        """
        data = np.load(path, mmap_mode="c")
        size, dim = data.shape
        rows = cls(dim=int(dim), bits=BLOCK_BITS if bits is None else bits)
        block = rows.block
        if data.dtype != STORED:
            rows.append(np.asarray(data))
            return rows
        full = size // block
        rows.blocks = [data[b * block : (b + 1) * block] for b in range(full)]
        rows.size = full * block
        rows.mapped_rows = full * block
        if size > rows.size:
            rows.append(np.asarray(data[rows.size :]))
        return rows

    def nbytes(self) -> int:
        """Bytes held in memory (mapped blocks excluded: they are paged in from the file)."""
        return sum(int(b.nbytes) for b in self.blocks) - self.mapped_rows * self.dim * 2

    def mapped_nbytes(self) -> int:
        """Bytes of rows mapped from a file."""
        return self.mapped_rows * self.dim * 2


def widen(half: NDArray[np.uint16]) -> NDArray[np.float32]:
    """float16 bit patterns to float32, exactly, several times faster than ``astype`` here.

    NumPy converts float16 element by element. Instead: sign-extend the 16 bits to 32, shift the
    exponent and mantissa into a float32's place (bits 13-27), keep the sign (bit 31) and clear
    the three copies of it in between, then multiply by 2^112, the difference of the exponent
    biases: the same value for every finite float16, subnormals and zero included. A unit vector
    holds no infinities or NaNs, the only values this would get wrong.
    """
    bits = half.view(np.int16).astype(np.int32)
    bits <<= 13
    bits &= np.int32(-0x70000001)  # 0x8FFFFFFF: the sign and bits 0-27
    out: NDArray[np.float32] = bits.view(np.float32)
    out *= np.float32(2.0**112)
    return out
