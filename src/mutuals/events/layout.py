"""How many tables a round has and how many seats each: never a table of one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

Uneven = Literal["larger", "smaller"]
Tables = list[list[int]]


def _balanced(n: int, tables: int) -> list[int]:
    base, extra = divmod(n, tables)
    return [base + 1] * extra + [base] * (tables - extra)


def table_sizes(n: int, k: int, uneven: Uneven = "larger") -> list[int]:
    """Seats per table for ``n`` people at tables of ``k``, largest tables first.

    When k divides n every table has k seats. Otherwise the extra people make some tables k+1
    (``uneven="larger"``) or some tables k-1 (``"smaller"``); if the preferred way would need a
    table of one or sizes two steps apart, the other way is used, and failing both the tables are
    as even as possible. Fewer than ``2*k`` people make one table (or two when that needs no
    table of one).
    """
    if n < 2:
        raise ValueError("a round needs at least two people")
    if k < 2:
        raise ValueError("table size must be at least 2")
    if n % k == 0:
        return [k] * (n // k)
    up = n // k  # tables if the extras join tables of k
    down = -(-n // k)  # tables if some tables seat k-1
    larger_ok = up >= 1 and n - up * k <= up
    smaller_ok = k - 1 >= 2 and down * k - n <= down
    order = [larger_ok and up, smaller_ok and down]
    if uneven == "smaller":
        order.reverse()
    for tables in order:
        if tables:
            return _balanced(n, tables)
    return _balanced(n, max(1, min(round(n / k), n // 2)))


def host_order(tables: Tables, hosts: Sequence[int]) -> Tables:
    """Put host i's table at index i (hosts sit at different tables); the rest follow in order."""
    if not hosts:
        return tables
    at = {p: t for t, table in enumerate(tables) for p in table}
    first = [at[h] for h in hosts if h in at]
    placed = set(first)
    return [tables[t] for t in first] + [t for i, t in enumerate(tables) if i not in placed]
