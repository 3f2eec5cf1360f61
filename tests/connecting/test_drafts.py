"""Draft rendering: subject line, LinkedIn's limit, and member templates overriding the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import FileSystemLoader

from mutuals.connecting.drafts import render_draft, said_to_them, template_environment

CONTEXT = {
    "me": "Mia Wong",
    "my_headline": "",
    "name": "Ana Silva",
    "first_name": "Ana",
    "interest": "They offer *cloud security audits*, which you need (*a security review*).",
    "mutual": "Bo Chen",
}


def test_connect_note_has_a_subject_and_names_the_interest() -> None:
    draft = render_draft(template_environment(), "connect", CONTEXT, max_chars=300)
    assert draft.subject == "Connecting, Mia Wong here"
    assert draft.body.startswith("Hi Ana, I'm Mia Wong.")
    assert "cloud security audits" in draft.body
    assert "We both know Bo Chen." in draft.body


def test_a_note_over_the_limit_drops_optional_parts_then_cuts_at_a_word() -> None:
    env = template_environment()
    without_interest = render_draft(env, "connect", CONTEXT, max_chars=80)
    assert len(without_interest.body) <= 80
    assert "cloud" not in without_interest.body
    tiny = render_draft(env, "connect", CONTEXT, max_chars=30)
    assert len(tiny.body) <= 30
    assert tiny.body.endswith("…")


def test_intro_request_asks_to_check_first() -> None:
    context = {
        **CONTEXT,
        "target": "Ana Silva",
        "target_first_name": "Ana",
        "target_role": "CTO at Initech",
        "via_first_name": "Bo",
        "attempted_on": "2026-12-01",
    }
    draft = render_draft(template_environment(), "intro", context)
    assert draft.subject == "Could you introduce me to Ana Silva?"
    assert "could you check whether Ana is open to it?" in draft.body
    assert "forward" in draft.body


def test_member_templates_override_the_shipped_ones(tmp_path: Path) -> None:
    (tmp_path / "connect.txt").write_text("Subject: Hello\nYo {{ first_name }}!", encoding="utf-8")
    env = template_environment(FileSystemLoader(str(tmp_path)))
    draft = render_draft(env, "connect", CONTEXT)
    assert (draft.subject, draft.body) == ("Hello", "Yo Ana!")
    # The others still come from the shipped set.
    assert render_draft(env, "follow-up", {**CONTEXT, "met_on": None, "channel": "", "note": ""})


def test_unknown_kind_and_tiny_limit_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown draft"):
        render_draft(template_environment(), "poem", CONTEXT)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max-chars"):
        render_draft(template_environment(), "connect", CONTEXT, max_chars=5)


def test_a_reason_is_turned_round_for_the_reader_and_loses_its_marks() -> None:
    why = (
        "You offer *help for you*, which they need (*tax*); they offer *sites*, which you need "
        "(*a site*); you share *chess* (one-sided so far)."
    )
    # The people's own words (between the marks) keep their pronouns.
    assert said_to_them(why) == (
        "I offer help for you, which you need (tax); you offer sites, which I need (a site); "
        "we share chess."
    )
    assert said_to_them(why, they="they") == (
        "I offer help for you, which they need (tax); they offer sites, which I need (a site); "
        "we share chess."
    )
    assert said_to_them("As *CTO* they can help with what you need (*advice*).") == (
        "As CTO you can help with what I need (advice)."
    )
    assert said_to_them("No clear overlap yet between what you offer, need or care about.") == ""


def test_a_follow_up_names_the_event_when_given_one() -> None:
    env = template_environment()
    context = {**CONTEXT, "met_on": None, "channel": "", "note": ""}
    plain = render_draft(env, "follow-up", context)
    assert "meet you at" not in plain.subject
    after = render_draft(
        env, "follow-up", {**context, "event": "Hour of Power", "event_date": "2026-12-10"}
    )
    assert after.subject == "Good to meet you at Hour of Power, Ana"
    assert "It was good to meet you at Hour of Power on 2026-12-10." in after.body
