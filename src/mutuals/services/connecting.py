"""Connecting use cases: mutual connections, warm-intro paths with direct-first advice, outreach.

Everything is as of ``today``, a parameter. Results are plain JSON-ready dictionaries.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from mutuals.connecting import (
    DEFAULT_MAX_HOPS,
    Path,
    advise,
    best_path,
    best_paths,
    mutual_connections,
    outreach_status,
)
from mutuals.domain.vocab import DIRECT_CHANNELS
from mutuals.io.cells import split_name
from mutuals.services.contacts import ContactNotFound
from mutuals.services.context import Workspace
from mutuals.services.event_follow_up import events_met
from mutuals.services.network import day_of, full_name
from mutuals.services.tie_graph import ME, MemberGraph, load_member_graph
from mutuals.store import connecting as store
from mutuals.store import contacts as contact_store
from mutuals.store import interactions as interaction_store
from mutuals.store import relationships as relationship_store


def _strength(value: float) -> float:
    return round(value, 4)


def path_dict(mg: MemberGraph, path: Path) -> dict[str, Any]:
    """A path as ``{"via": [names between me and the target], "strength": product}``."""
    return {"via": [mg.name_of(n) for n in path.via], "strength": _strength(path.strength)}


def _mutuals(mg: MemberGraph, node: int) -> list[dict[str, Any]]:
    found = mutual_connections(mg.graph, ME, node)
    mg.people.prefetch(m.node for m in found)
    return [
        {
            "name": mg.name_of(m.node),
            "id": mg.people[m.node].contact_id,
            "my_strength": _strength(m.strength_a),
            "their_strength": _strength(m.strength_b),
        }
        for m in found
    ]


def mutual(ws: Workspace, ref: str, *, today: date) -> dict[str, Any]:
    """The people both I and ``ref`` know, with my tie and theirs to each."""
    mg = load_member_graph(ws, today=today)
    node = mg.find(ref)
    return {"name": mg.name_of(node), "mutual": _mutuals(mg, node)}


def _attempt(ws: Workspace, contact_id: int | None) -> tuple[date | None, date | None]:
    """The latest direct attempt to a contact and the first reply on or after it."""
    if contact_id is None:
        return None, None
    with ws.db.transaction() as session:
        outreach = store.get_outreach(session, owner_id=ws.owner_id, contact_id=contact_id)
        if outreach is None:
            return None, None
        since = datetime.combine(outreach.attempted_on, time(0), tzinfo=UTC)
        reply = store.replies_since(
            session, owner_id=ws.owner_id, contact_id=contact_id, since=since
        )
        return outreach.attempted_on, day_of(reply) if reply is not None else None


def _pick_at_company(mg: MemberGraph, company: str, max_hops: int) -> int:
    nodes = mg.at_company(company)
    if not nodes:
        raise ValueError(f"no one at '{company}' among your contacts or your friends' networks")
    connected = [n for n in nodes if mg.people.is_contact(n) and mg.people[n].connected]
    if connected:
        return max(connected, key=lambda n: (mg.graph.tie(ME, n) or 0.0, -n))
    best, strength = nodes[0], 0.0
    for node in nodes:
        path = best_path(mg.graph, ME, node, max_hops=max_hops)
        if path is not None and path.strength > strength:
            best, strength = node, path.strength
    return best


def intro_path(
    ws: Workspace,
    ref: str | None = None,
    *,
    company: str | None = None,
    k: int = 3,
    max_hops: int = DEFAULT_MAX_HOPS,
    today: date,
) -> dict[str, Any]:
    """The advice (connected, direct or intro) for reaching ``ref`` (or the best-reached person
    at ``company``), with the ``k`` strongest paths of at most ``max_hops`` ties."""
    if (ref is None) == (company is None):
        raise ValueError("name a person or give --company, not both")
    if not 1 <= k <= 20:
        raise ValueError("--k must be between 1 and 20")
    if not 1 <= max_hops <= 6:
        raise ValueError("--max-hops must be between 1 and 6")
    mg = load_member_graph(ws, today=today)
    node = mg.find(ref) if ref is not None else _pick_at_company(mg, company or "", max_hops)
    found = _advise(ws, mg, node, k=k, max_hops=max_hops, today=today)
    return {key: found[key] for key in ("target", "advice", "reason", "paths")}


def _advise(
    ws: Workspace, mg: MemberGraph, node: int, *, k: int, max_hops: int, today: date
) -> dict[str, Any]:
    person = mg.people[node]
    paths = best_paths(mg.graph, ME, node, k=k, max_hops=max_hops)
    mg.people.prefetch(n for p in paths for n in p.via)
    attempted_on, replied_on = _attempt(ws, person.contact_id)
    intro = next((p for p in paths if p.via), None)
    advice = advise(
        person.name,
        connected=person.connected,
        attempted_on=attempted_on,
        replied_on=replied_on,
        today=today,
        best_via=[mg.name_of(n) for n in intro.via] if intro else None,
        wait_days=ws.settings.outreach_wait_days,
    )
    outreach = advice.outreach
    return {
        "target": person.name,
        "advice": advice.advice,
        "reason": advice.reason,
        "paths": [path_dict(mg, p) for p in paths],
        # Whom to ask for the introduction: the first person on the best path, a contact.
        "ask": (
            {"name": mg.name_of(intro.via[0]), "id": mg.people[intro.via[0]].contact_id}
            if intro
            else None
        ),
        "outreach": (
            {
                "status": outreach.status,
                "days_waiting": outreach.days_waiting,
                "attempted_on": attempted_on.isoformat() if attempted_on else None,
                "intro_from": outreach.intro_from.isoformat(),
            }
            if outreach is not None
            else None
        ),
    }


def connecting_view(
    ws: Workspace, ref: str, *, today: date, k: int = 3, max_hops: int = DEFAULT_MAX_HOPS
) -> dict[str, Any]:
    """What a contact's page shows about reaching them, from one load of the graph: the advice
    with its reason, the ``k`` best paths, whom to ask, the open outreach and the mutual
    connections, and the events at which we sat together."""
    mg = load_member_graph(ws, today=today)
    node = mg.find(ref)
    found = _advise(ws, mg, node, k=k, max_hops=max_hops, today=today)
    found["mutual"] = _mutuals(mg, node)
    found["met_at"] = events_met(ws, mg, node)
    return found


def reach_out(
    ws: Workspace, ref: str, *, channel: str, on: date, note: str = "", today: date
) -> dict[str, Any]:
    """Log a direct attempt to reach ``ref`` and open (or renew) the outreach.

    Someone who is not a contact yet, but is in a friend's shared network, is added as a
    contact at stage "prospect" from what the share says of them.
    """
    channel = channel.strip().lower()
    if channel not in DIRECT_CHANNELS:
        raise ValueError(
            f"unknown channel '{channel}'; choose one of: {', '.join(DIRECT_CHANNELS)}"
        )
    if on > today:
        raise ValueError(f"{on.isoformat()} is in the future; log what has happened")
    mg = load_member_graph(ws, today=today)
    person = mg.people[mg.find(ref)]
    with ws.db.writing(ws.owner_id) as session:
        added = person.contact_id is None
        if person.contact_id is None:
            first, last = split_name(person.name)
            contact = contact_store.create_contact(
                session,
                owner_id=ws.owner_id,
                first_name=first,
                last_name=last,
                company=person.company,
                position=person.position,
                linkedin_url=person.linkedin_url,
                source="network",
            )
            session.flush()
            relationship_store.add_stage_change(
                session, contact=contact, stage="prospect", on=on, note="reached out directly"
            )
        else:
            known = contact_store.get_contact(
                session, owner_id=ws.owner_id, contact_id=person.contact_id
            )
            if known is None:  # deleted since the graph was read
                raise ContactNotFound(f"no contact with id {person.contact_id}")
            contact = known
        interaction_store.create_interaction(
            session,
            owner_id=ws.owner_id,
            contacts=[contact],
            occurred_at=datetime.combine(on, time(12), tzinfo=UTC),
            channel=channel,
            direction="gave",
            summary=note.strip() or "direct attempt",
            source="outreach",
        )
        outreach = store.record_attempt(
            session,
            owner_id=ws.owner_id,
            contact_id=contact.id,
            channel=channel,
            on=on,
            note=note.strip(),
        )
        session.flush()
        status = outreach_status(
            outreach.attempted_on,
            replied_on=None,
            today=today,
            wait_days=ws.settings.outreach_wait_days,
        )
        return {
            "id": contact.id,
            "name": contact.full_name,
            "added": added,
            "stage": contact.stage,
            "channel": channel,
            "attempted_on": outreach.attempted_on.isoformat(),
            "intro_from": status.intro_from.isoformat(),
        }


def outreach(
    ws: Workspace, *, today: date, max_hops: int = DEFAULT_MAX_HOPS
) -> list[dict[str, Any]]:
    """Every open outreach: waiting, replied, or past the waiting period (with the best path)."""
    with ws.db.transaction() as session:
        rows = store.outreaches(session, owner_id=ws.owner_id)
    mg: MemberGraph | None = None
    items = []
    for row in rows:
        attempted_on, replied_on = _attempt(ws, row.contact_id)
        assert attempted_on is not None
        status = outreach_status(
            attempted_on,
            replied_on=replied_on,
            today=today,
            wait_days=ws.settings.outreach_wait_days,
        )
        path = None
        if status.status == "ask for an intro":
            mg = mg or load_member_graph(ws, today=today)
            node = mg.node_of_contact[row.contact_id]
            found = next(
                (p for p in best_paths(mg.graph, ME, node, k=2, max_hops=max_hops) if p.via), None
            )
            path = path_dict(mg, found) if found else None
        items.append(
            {
                "id": row.contact_id,
                "name": full_name(row.first_name, row.last_name),
                "status": status.status,
                "days_waiting": status.days_waiting,
                "attempted_on": attempted_on.isoformat(),
                "channel": row.channel,
                "path": path,
            }
        )
    return items
