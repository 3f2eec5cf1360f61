"""Benchmark the relationship use cases end to end on SQLite: due list, digest, contact page.

Seeds a synthetic network (default 30,000 contacts, 300,000 interactions; ``--quick`` for 3,000 /
30,000) with bulk inserts, then times the services as the CLI calls them. The baseline is loading
the contacts as ORM objects (what ``contacts list`` does), measured in the same run.

    python benchmarks/relationships_service.py [--quick] [--db PATH]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from mutuals.domain.vocab import CHANNELS, DIRECTIONS, KINDS
from mutuals.services.context import Workspace, open_workspace
from mutuals.services.network import load_network
from mutuals.services.standing import contact_standing, digest, due_list
from mutuals.settings import Settings, sqlite_url
from mutuals.store import contacts as contact_store
from mutuals.store.models import Contact, Interaction, TagCadence, interaction_contacts

TODAY = date(2026, 11, 26)
TAGS = ["client", "prospect", "mentor", "investor", "partner", "friend"]


def seed(ws: Workspace, contacts: int, interactions: int, seed: int = 20261126) -> None:
    """Bulk-insert a synthetic network: a tenth of the contacts with their own cadence."""
    rng = random.Random(seed)
    created = datetime(2024, 1, 1, tzinfo=UTC)
    with ws.db.transaction() as session:
        session.execute(
            insert(Contact),
            [
                {
                    "id": i + 1,
                    "owner_id": ws.owner_id,
                    "first_name": f"First{i}",
                    "last_name": f"Last{i}",
                    "tags": rng.sample(TAGS, rng.randint(0, 2)),
                    "cadence_every_days": 30 if i % 10 == 0 else None,
                    "cadence_max_days": 45 if i % 10 == 0 else None,
                    "created_at": created,
                    "updated_at": created,
                }
                for i in range(contacts)
            ],
        )
        session.execute(
            insert(TagCadence),
            [{"owner_id": ws.owner_id, "tag": "client", "every_days": 60, "max_days": 90}],
        )
        rows = []
        links = []
        for n in range(interactions):
            age = min(int(rng.expovariate(1 / 200)), 3 * 365)
            rows.append(
                {
                    "id": n + 1,
                    "owner_id": ws.owner_id,
                    "occurred_at": datetime(2026, 11, 26, 12, tzinfo=UTC) - timedelta(days=age),
                    "channel": rng.choice(CHANNELS),
                    "direction": rng.choice(DIRECTIONS),
                    "kinds": rng.sample(KINDS, rng.randint(1, 2)),
                    "summary": "",
                    "source": "bench",
                    "created_at": created,
                }
            )
            links.append({"interaction_id": n + 1, "contact_id": rng.randint(1, contacts)})
        session.execute(insert(Interaction), rows)
        session.execute(insert(interaction_contacts), links)


def best_of(repeats: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="3,000 contacts / 30,000 rows")
    parser.add_argument("--db", type=Path, help="SQLite file to (re)use")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    contacts, interactions = (3_000, 30_000) if args.quick else (30_000, 300_000)
    folder = Path(tempfile.mkdtemp(prefix="mutuals-bench-"))
    db = args.db or folder / "bench.db"
    ws = open_workspace(Settings(data_dir=folder, database_url=sqlite_url(db)))
    try:
        with ws.db.transaction() as session:
            empty = contact_store.count_contacts(session, owner_id=ws.owner_id) == 0
        if empty:
            start = time.perf_counter()
            seed(ws, contacts, interactions)
            print(
                f"seeded {contacts:,} contacts / {interactions:,} interactions "
                f"in {time.perf_counter() - start:.1f} s"
            )

        def orm_load() -> None:
            with ws.db.transaction() as session:
                contact_store.all_contacts(session, owner_id=ws.owner_id)

        baseline = best_of(args.repeats, orm_load)
        steps: list[tuple[str, Callable[[], object]]] = [
            ("load contacts as ORM objects (baseline)", orm_load),
            ("load_network (columns, no kinds)", lambda: load_network(ws)),
            ("load_network (with kinds)", lambda: load_network(ws, with_kinds=True)),
            ("due_list (mutuals due)", lambda: due_list(ws, today=TODAY)),
            ("contact_standing (contacts show)", lambda: contact_standing(ws, "7", today=TODAY)),
            ("digest (mutuals digest)", lambda: digest(ws, today=TODAY)),
        ]
        print(
            f"\n{contacts:,} contacts, {interactions:,} interactions, SQLite, best of "
            f"{args.repeats}\n"
        )
        print(f"| {'step':<42} | {'seconds':>8} | {'vs baseline':>11} |")
        print(f"|{'-' * 44}|{'-' * 10}:|{'-' * 12}:|")
        for name, fn in steps:
            seconds = baseline if fn is orm_load else best_of(args.repeats, fn)
            print(f"| {name:<42} | {seconds:8.3f} | {seconds / baseline:10.2f}x |")
        due = due_list(ws, today=TODAY)
        print(f"\n{len(due):,} contacts due or overdue on {TODAY}")
    finally:
        ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
