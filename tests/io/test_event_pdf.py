"""Printouts: each kind renders, names in any script included, and itineraries follow the plan."""

from __future__ import annotations

import pytest

from mutuals.io.event_pdf import WHAT, Person, Printout, people_rounds, render

ROUNDS = [[[1, 2], [3, 4]], [[1, 3], [2, 4]]]
NAMES = {1: "Ольга Иванова", 2: "张 伟", 3: "Émile Zola", 4: "Ada Lovelace"}


def test_an_itinerary_names_the_table_and_the_people_round_by_round() -> None:
    assert people_rounds(ROUNDS, 1, NAMES) == [(1, 1, ["张 伟"]), (2, 1, ["Émile Zola"])]
    assert people_rounds(ROUNDS, 9, NAMES) == [(1, None, []), (2, None, [])]


@pytest.mark.parametrize("what", WHAT)
def test_every_printout_renders(what: str) -> None:
    out = Printout(
        event="Hour of Power",
        when="2026-12-10 18:30",
        place="Leeds",
        rounds=[[[NAMES[p] for p in t] for t in rnd] for rnd in ROUNDS],
        people=[
            Person(
                id=p,
                name=name,
                company="Co",
                link="http://127.0.0.1:8000/e/abc" if p == 1 else "",
                rounds=people_rounds(ROUNDS, p, NAMES),
            )
            for p, name in NAMES.items()
        ],
    )
    data = render(what, out)
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert render(what, out) == data  # the same plan prints the same bytes


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="--what must be one of"):
        render("posters", Printout("E", "", "", [], []))
