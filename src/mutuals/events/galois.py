"""Small finite fields GF(q), q a prime power, as addition and multiplication tables."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


def prime_power(q: int) -> tuple[int, int] | None:
    """``(p, e)`` with ``q == p**e`` for a prime ``p``, or ``None`` when q is not a prime power."""
    if q < 2:
        return None
    p = next(d for d in range(2, q + 1) if q % d == 0)
    e, rest = 0, q
    while rest % p == 0:
        rest //= p
        e += 1
    return (p, e) if rest == 1 else None


@dataclass(frozen=True, slots=True)
class Field:
    """GF(q) with elements ``0..q-1``; element ``i`` is the polynomial with base-p digits of i."""

    q: int
    add: tuple[tuple[int, ...], ...]
    mul: tuple[tuple[int, ...], ...]


def _digits(x: int, p: int, e: int) -> list[int]:
    return [(x // p**i) % p for i in range(e)]


def _number(d: list[int], p: int) -> int:
    return sum(c * p**i for i, c in enumerate(d))


def _polymulmod(a: list[int], b: list[int], mod: list[int], p: int) -> list[int]:
    e = len(mod) - 1
    prod = [0] * (2 * e)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            prod[i + j] = (prod[i + j] + x * y) % p
    # mod is monic of degree e: reduce from the top
    for deg in range(len(prod) - 1, e - 1, -1):
        c = prod[deg]
        if c:
            for i in range(e + 1):
                prod[deg - e + i] = (prod[deg - e + i] - c * mod[i]) % p
    return prod[:e]


def _irreducible(p: int, e: int) -> list[int]:
    """The first monic polynomial of degree e over GF(p) with no root in GF(p^e) below degree e."""
    for tail in range(p**e):
        mod = [*_digits(tail, p, e), 1]
        if mod[0] == 0:
            continue
        # irreducible iff x generates a multiplicative group of order dividing p^e - 1 with the
        # field axioms holding; the cheap test is that no nonzero element is a zero divisor
        ok = True
        for a in range(1, p**e):
            da = _digits(a, p, e)
            if any(not any(_polymulmod(da, _digits(b, p, e), mod, p)) for b in range(1, p**e)):
                ok = False
                break
        if ok:
            return mod
    raise ValueError(f"no irreducible polynomial of degree {e} over GF({p})")


@cache
def galois_field(q: int) -> Field:
    """GF(q) for a prime power q (built once per q; q up to a few hundred is instant)."""
    pe = prime_power(q)
    if pe is None:
        raise ValueError(f"{q} is not a prime power")
    p, e = pe
    if e == 1:
        add = tuple(tuple((a + b) % q for b in range(q)) for a in range(q))
        mul = tuple(tuple((a * b) % q for b in range(q)) for a in range(q))
        return Field(q, add, mul)
    mod = _irreducible(p, e)
    digits = [_digits(x, p, e) for x in range(q)]
    add = tuple(
        tuple(
            _number([(x + y) % p for x, y in zip(digits[a], digits[b], strict=True)], p)
            for b in range(q)
        )
        for a in range(q)
    )
    mul = tuple(
        tuple(_number(_polymulmod(digits[a], digits[b], mod, p), p) for b in range(q))
        for a in range(q)
    )
    return Field(q, add, mul)
