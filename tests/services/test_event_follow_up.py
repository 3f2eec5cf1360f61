"""A follow-up after an event: it names the event and its day and why the two were seated
together, and refuses an event the member was not at or someone they did not sit with."""

from __future__ import annotations

from datetime import datetime

import pytest

from mutuals.services import events, picks
from mutuals.services.contacts import ContactNotFound, add_contact
from mutuals.services.context import Workspace
from mutuals.services.drafts import draft
from mutuals.services.events import EventNotFound
from tests.services.met_world import TODAY, World, world_on


@pytest.fixture
def world(workspace: Workspace) -> World:
    return world_on(workspace)


def test_the_note_names_the_event_its_day_and_why_we_met(world: World) -> None:
    note = draft(world.mia, "follow-up", "Bo Chen", event=world.event_id, today=TODAY)
    assert note["subject"] == "Good to meet you at Hour of Power, Bo"
    assert note["body"].startswith(
        "Hi Bo,\n\nIt was good to meet you at Hour of Power on 2026-12-10. "
        # The planner's reason, turned round for Bo and without its emphasis marks.
        "I offer bookkeeping, which you need (help with VAT). I'd be glad to stay in touch"
    )
    assert note["body"].endswith("Best,\nMia Moss")
    # Bo never said yes to Mia: no contact, so no address to send it to.
    assert note["to_id"] is None


def test_without_a_reason_the_note_still_names_the_event(world: World) -> None:
    note = draft(world.mia, "follow-up", "Cy Diaz", event=world.event_id, today=TODAY)
    assert "It was good to meet you at Hour of Power on 2026-12-10. I'd be glad" in note["body"]


def test_a_contact_known_under_another_company_is_found_by_name(world: World) -> None:
    add_contact(world.mia, name="Bo Chen", company="Chen Consulting", emails=["bo@chen.test"])
    note = draft(world.mia, "follow-up", "Bo Chen", event=world.event_id, today=TODAY)
    assert "Hour of Power on 2026-12-10" in note["body"]
    assert note["to_id"] is not None


def test_after_a_mutual_yes_the_note_goes_to_the_new_contact(world: World) -> None:
    ids = world.ids
    picks.answer(world.organiser, world.event_id, ids["Mia Moss"], ids["Cy Diaz"], yes=True)
    picks.answer(world.organiser, world.event_id, ids["Cy Diaz"], ids["Mia Moss"], yes=True)
    note = draft(world.mia, "follow-up", "Cy Diaz", event=world.event_id, today=TODAY)
    assert note["to_id"] is not None
    assert "Hour of Power" in note["subject"]


def test_an_event_i_was_not_at_is_not_found(world: World) -> None:
    other = events.create_event(
        world.organiser, name="Other night", starts_at=datetime(2026, 12, 1, 18), place="York"
    )
    for event_id in (other["id"], 999):
        with pytest.raises(EventNotFound, match=f"no event {event_id} among the events you"):
            draft(world.mia, "follow-up", "Bo Chen", event=event_id, today=TODAY)


def test_someone_i_did_not_sit_with_is_refused(world: World) -> None:
    # Di was there but at other tables; Ed was due at Mia's table in a round not held yet.
    add_contact(world.mia, name="Di Ezra")
    add_contact(world.mia, name="Ed Fox", company="Fox Ltd")
    for name in ("Di Ezra", "Ed Fox"):
        with pytest.raises(
            picks.NotMet, match=f"{name} did not sit with you at Hour of Power \\(2026-12-10\\)"
        ):
            draft(world.mia, "follow-up", name, event=world.event_id, today=TODAY)
    with pytest.raises(ContactNotFound, match="no one named 'Zed Zane'"):
        draft(world.mia, "follow-up", "Zed Zane", event=world.event_id, today=TODAY)


def test_event_is_for_a_follow_up_only(world: World) -> None:
    with pytest.raises(ValueError, match="--event is for a follow-up only"):
        draft(world.mia, "connect", "Bo Chen", event=world.event_id, today=TODAY)
