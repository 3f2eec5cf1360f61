"""Mutual matches among the people of a profile CSV: everyone, or one person, ranked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mutuals.prospecting import InMemoryEmbeddingCache, Match, get_backend, rank_prospects
from mutuals.services.profiles import pick_profile, read_profiles


def match_profiles(
    path: Path, *, backend: str, top: int = 3, who: str | None = None
) -> dict[str, list[Match]]:
    """Each person's (or only ``who``'s) ``top`` mutual matches among everyone in ``path``.

    Every distinct phrase is embedded once for the whole file.
    """
    people = read_profiles(path)
    chosen = [pick_profile(people, who, path=path)] if who else people
    model = get_backend(backend)
    cache = InMemoryEmbeddingCache()
    return {p.name: rank_prospects(p, people, backend=model, top=top, cache=cache) for p in chosen}


def matches_json(results: dict[str, list[Match]]) -> dict[str, list[dict[str, Any]]]:
    """Matches as ``mutuals match --json`` prints them."""
    return {
        name: [
            {"name": m.candidate.name, "score": round(m.score, 3), "why": m.why} for m in matches
        ]
        for name, matches in results.items()
    }
