"""A small network for the connecting pages: Bo is a close friend, Cy a faint one, and both
shared their networks, in which Ana Silva (Initech) is known to both."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mutuals.services.contacts import add_contact
from mutuals.services.context import Workspace
from mutuals.services.relationships import log_interaction
from mutuals.services.sharing import import_network

HEADER = "name,company,position,linkedin_url,strength\n"
SHARES = {
    "Bo Chen": "Ana Silva,Initech,CTO,linkedin.com/in/ana-silva,0.6\n",
    "Cy Diaz": (
        "Ana Silva,Initech,Chief Technology Officer,https://www.linkedin.com/in/Ana-Silva/,1.0\n"
        "Dee Eve,Initech,Engineer,,0.5\n"
    ),
}


def seed_network(ws: Workspace, folder: Path) -> None:
    """Bo and Cy as contacts (Bo called every week), their shares imported."""
    add_contact(ws, name="Bo Chen", company="Acme")
    add_contact(ws, name="Cy Diaz", company="Globex")
    for day in (3, 10, 17, 24):
        log_interaction(
            ws,
            "Bo Chen",
            channel="call",
            kinds=["advice"],
            direction="mutual",
            on=date(2026, 11, day),
            today=date(2026, 11, 26),
        )
    for friend, rows in SHARES.items():
        path = folder / f"{friend.split()[0].lower()}.csv"
        path.write_text(HEADER + rows, encoding="utf-8")
        import_network(ws, path, from_ref=friend)
