"""Undoing a delete: the contact comes back exactly, with its interactions, stage history,
cadence, tags, offers and needs, for a limited time and only for its owner."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from mutuals.clock import FixedClock
from mutuals.services.contacts import ContactNotFound, add_contact, get_contact
from mutuals.services.context import Workspace
from mutuals.services.relationships import log_interaction, set_contact_cadence, set_stage, snooze
from mutuals.services.standing import contact_standing
from mutuals.services.undo_delete import UNDO_FOR, UndoExpired, delete_with_undo, undo_delete

TODAY = date(2026, 11, 26)


def _grace(ws: Workspace) -> int:
    add_contact(ws, name="Ada Lovelace", emails=["ada@example.org"], company="Engines")
    grace = add_contact(
        ws,
        name="Grace Hopper",
        emails=["grace@example.org"],
        company="Navy",
        tags=["client"],
        offers=["COBOL"],
        needs=["a compiler team"],
        interests=["nanoseconds"],
        goals=["ship it"],
        headline="Rear admiral",
    )
    log_interaction(
        ws,
        "Grace Hopper",
        channel="call",
        kinds=["advice"],
        direction="gave",
        on=TODAY,
        today=TODAY,
    )
    log_interaction(
        ws,
        "Grace Hopper",
        channel="meeting",
        kinds=["idea"],
        direction="mutual",
        on=TODAY - timedelta(days=3),
        others=["Ada Lovelace"],
        today=TODAY,
    )
    set_stage(ws, "Grace Hopper", "relationship", on=TODAY)
    set_contact_cadence(ws, "Grace Hopper", every=30)
    snooze(ws, "Grace Hopper", days=5, today=TODAY)
    return int(grace["id"])


def _standing(ws: Workspace, contact_id: int) -> dict[str, Any]:
    return contact_standing(ws, f"#{contact_id}", today=TODAY)


def test_undo_puts_back_everything_the_delete_removed(workspace: Workspace) -> None:
    grace = _grace(workspace)
    before = _standing(workspace, grace)
    ada_before = _standing(workspace, 1)
    gone = delete_with_undo(workspace, grace)
    assert gone["interactions_deleted"] == 1  # the group meeting stays with Ada
    with pytest.raises(ContactNotFound):
        get_contact(workspace, grace)
    assert len(_standing(workspace, 1)["timeline"]) == len(ada_before["timeline"])
    back = undo_delete(workspace, gone["undo"])
    assert back["id"] == grace and back["interactions_restored"] == 1
    assert _standing(workspace, grace) == before
    assert _standing(workspace, 1) == ada_before
    # Once undone, the copy is gone: a second undo has nothing to restore.
    with pytest.raises(UndoExpired):
        undo_delete(workspace, gone["undo"])


def test_undo_lapses_and_belongs_to_its_owner(workspace: Workspace) -> None:
    grace = _grace(workspace)
    gone = delete_with_undo(workspace, grace)
    with pytest.raises(UndoExpired):
        undo_delete(replace(workspace, owner_id=workspace.owner_id + 1), gone["undo"])
    with pytest.raises(UndoExpired, match="undo lasts 10 minutes"):
        undo_delete(workspace, "not-a-token")
    later = workspace.with_clock(
        FixedClock(workspace.clock.now() + UNDO_FOR + timedelta(seconds=1))
    )
    with pytest.raises(UndoExpired):
        undo_delete(later, gone["undo"])
    # The lapsed copy was removed from the data folder, not only refused.
    assert list((workspace.settings.data_dir / "deleted-contacts").glob("*.json")) == []


def test_undo_refuses_a_clash_with_a_contact_added_since(workspace: Workspace) -> None:
    grace = _grace(workspace)
    gone = delete_with_undo(workspace, grace)
    add_contact(workspace, name="G. Hopper", emails=["grace@example.org"])
    with pytest.raises(ValueError, match="Grace Hopper cannot be restored"):
        undo_delete(workspace, gone["undo"])
    assert [c["name"] for c in _names(workspace)] == ["Ada Lovelace", "G. Hopper"]


def _names(ws: Workspace) -> list[dict[str, Any]]:
    from mutuals.services.contacts import list_contacts

    return sorted(list_contacts(ws), key=lambda c: c["name"])
