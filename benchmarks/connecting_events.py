"""Benchmark what events add to loading the member's tie graph.

Seeds SQLite with a member's contacts, then E events the member attended (P attendees each,
R rounds of pairs, all held, a few mutual yeses), and times ``load_member_graph`` before and
after the events in the same run (median of N), and the event part (``met_at_events``) alone.

    python benchmarks/connecting_events.py [--contacts 300] [--events 30] [--people 60]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from mutuals.services.contacts import add_contact
from mutuals.services.context import Workspace, open_workspace
from mutuals.services.met_ties import met_at_events
from mutuals.services.tie_graph import load_member_graph
from mutuals.settings import Settings, sqlite_url
from mutuals.store.event_models import Event, EventAttendee, EventPick

TODAY = date(2026, 12, 6)
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def seed_events(ws: Workspace, *, events: int, people: int, rounds: int, seed: int) -> None:
    """``events`` evenings the member sat through, each with one mutual yes."""
    rng = random.Random(seed)
    with ws.db.transaction() as session:
        for number in range(events):
            event = Event(
                owner_id=ws.owner_id,
                name=f"Evening {number}",
                starts_at=datetime(2026, 11, 1, 18),
                rounds=rounds,
                minutes=7,
                break_minutes=1,
                table_size=2,
                status="ended",
                current_round=rounds,
                created_at=NOW,
                updated_at=NOW,
            )
            session.add(event)
            session.flush()
            ids = []
            for p in range(people):
                email = f"p{number}-{p}@example.org"
                attendee = EventAttendee(
                    event_id=event.id,
                    name=f"Person {number}-{p}",
                    email=email,
                    email_key=email,
                    company=f"Company {p % 50}",
                    interests=[],
                    offers=[],
                    needs=[],
                    goals=[],
                    member_id=ws.owner_id if p == 0 else None,
                    status="checked_in",
                    created_at=NOW,
                    updated_at=NOW,
                )
                session.add(attendee)
                session.flush()
                ids.append(attendee.id)
            me = ids[0]
            plan = []
            for _ in range(rounds):
                rng.shuffle(ids)
                plan.append([ids[i : i + 2] for i in range(0, people, 2)])
            event.plan = {"rounds": plan, "byes": [[] for _ in range(rounds)]}
            partner = next(t for t in plan[0] if me in t)
            other = partner[0] if partner[1] == me else partner[1]
            for picker, picked in ((me, other), (other, me)):
                session.add(
                    EventPick(
                        event_id=event.id,
                        picker_id=picker,
                        picked_id=picked,
                        yes=True,
                        created_at=NOW,
                        updated_at=NOW,
                    )
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=300)
    parser.add_argument("--events", type=int, default=30)
    parser.add_argument("--people", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="mutuals-bench-"))
    settings = Settings(data_dir=folder / "data", database_url=sqlite_url(folder / "bench.db"))
    ws = open_workspace(settings)
    try:
        for i in range(args.contacts):
            add_contact(ws, name=f"Contact {i}", company=f"Company {i % 50}")
        before = median_ms(lambda: load_member_graph(ws, today=TODAY), args.repeat)
        seed_events(ws, events=args.events, people=args.people, rounds=args.rounds, seed=20261206)

        def event_part() -> None:
            with ws.db.transaction() as session:
                met_at_events(session, owner_id=ws.owner_id)

        after = median_ms(lambda: load_member_graph(ws, today=TODAY), args.repeat)
        alone = median_ms(event_part, args.repeat)
        graph = load_member_graph(ws, today=TODAY).graph
    finally:
        ws.close()
    print(f"| step ({args.contacts} contacts) | median of {args.repeat} |")
    print("|---|---:|")
    print(f"| `load_member_graph`, no events (baseline) | {before:.1f} ms |")
    print(
        f"| `load_member_graph`, {args.events} events x {args.people} people x {args.rounds} "
        f"rounds | {after:.1f} ms |"
    )
    print(f"| `met_at_events` alone | {alone:.1f} ms |")
    print(f"\ngraph: {graph.n_nodes} people, {graph.n_ties} ties")


if __name__ == "__main__":
    main()
