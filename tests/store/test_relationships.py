"""Relationship persistence: cadences, tag cadences, snoozes and dated stage history per owner."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from mutuals.services.context import Workspace
from mutuals.store import contacts as contact_store
from mutuals.store import interactions as interaction_store
from mutuals.store import relationships as store
from mutuals.store.models import TagCadence
from mutuals.store.owners import create_owner


def test_cadence_snooze_and_stage_history(workspace: Workspace) -> None:
    with workspace.db.transaction() as session:
        ada = contact_store.create_contact(session, owner_id=workspace.owner_id, first_name="Ada")
        session.flush()
        store.set_contact_cadence(session, contact=ada, every_days=30, max_days=45)
        store.snooze_contact(session, contact=ada, until=date(2026, 12, 1))
        store.add_stage_change(session, contact=ada, stage="relationship", on=date(2026, 5, 1))
        # A back-dated move goes into the history but does not override the later one.
        store.add_stage_change(session, contact=ada, stage="prospect", on=date(2025, 1, 1))
        ada_id = ada.id
    with workspace.db.transaction() as session:
        (row,) = store.contact_columns(session, owner_id=workspace.owner_id)
        assert (row.cadence_every_days, row.cadence_max_days) == (30, 45)
        assert row.snoozed_until == date(2026, 12, 1)
        assert row.stage == "relationship"
        history = store.stage_changes(session, owner_id=workspace.owner_id, contact_id=ada_id)
        assert [(c.stage, c.changed_on) for c in history] == [
            ("prospect", date(2025, 1, 1)),
            ("relationship", date(2026, 5, 1)),
        ]


def test_new_contacts_start_connected_without_cadence(workspace: Workspace) -> None:
    with workspace.db.transaction() as session:
        contact_store.create_contact(session, owner_id=workspace.owner_id, first_name="Bo")
    with workspace.db.transaction() as session:
        (row,) = store.contact_columns(session, owner_id=workspace.owner_id)
        assert row.stage == "connected"
        assert row.cadence_every_days is None and row.snoozed_until is None


def test_tag_cadences_are_one_per_owner_and_tag(workspace: Workspace) -> None:
    with workspace.db.transaction() as session:
        other = create_owner(session, name="Other").id
        store.set_tag_cadence(
            session, owner_id=workspace.owner_id, tag="client", every_days=30, max_days=45
        )
        store.set_tag_cadence(
            session, owner_id=workspace.owner_id, tag="client", every_days=14, max_days=21
        )
        store.set_tag_cadence(session, owner_id=other, tag="client", every_days=7, max_days=10)
    with workspace.db.transaction() as session:
        mine = store.tag_cadences(session, owner_id=workspace.owner_id)
        assert [(r.tag, r.every_days, r.max_days) for r in mine] == [("client", 14, 21)]
        assert store.delete_tag_cadence(session, owner_id=workspace.owner_id, tag="client")
        assert not store.delete_tag_cadence(session, owner_id=workspace.owner_id, tag="client")
        assert len(store.tag_cadences(session, owner_id=other)) == 1
    with pytest.raises(IntegrityError), workspace.db.transaction() as session:
        session.add(TagCadence(owner_id=other, tag="client", every_days=1, max_days=1))
        session.flush()


def test_interaction_columns_one_row_per_contact_involved(workspace: Workspace) -> None:
    with workspace.db.transaction() as session:
        ada = contact_store.create_contact(session, owner_id=workspace.owner_id, first_name="Ada")
        bo = contact_store.create_contact(session, owner_id=workspace.owner_id, first_name="Bo")
        session.flush()
        interaction_store.create_interaction(
            session,
            owner_id=workspace.owner_id,
            contacts=[ada, bo],
            occurred_at=datetime(2026, 3, 1, 12, tzinfo=UTC),
            channel="meeting",
            direction="mutual",
            kinds=["idea"],
        )
        session.flush()
        ids = (ada.id, bo.id)
    with workspace.db.transaction() as session:
        rows = store.interaction_columns(session, owner_id=workspace.owner_id)
        assert sorted(r.contact_id for r in rows) == sorted(ids)
        assert all(json.loads(r.kinds) == ["idea"] for r in rows)
        assert {r.day for r in rows} == {"2026-03-01"}
        only_bo = store.interaction_columns(
            session, owner_id=workspace.owner_id, contact_ids=[ids[1]], with_kinds=False
        )
        assert [r.contact_id for r in only_bo] == [ids[1]]
        latest = store.latest_interaction_at(
            session, owner_id=workspace.owner_id, contact_id=ids[0]
        )
        assert latest is not None and latest.date() == date(2026, 3, 1)
