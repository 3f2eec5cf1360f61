"""Roles, emails and passwords as plain values."""

from __future__ import annotations

import pytest

from mutuals.domain.account import check_password, check_role, normalise_email, role_at_least


def test_roles_rise_member_organiser_admin() -> None:
    assert role_at_least("admin", "organiser") and role_at_least("organiser", "organiser")
    assert not role_at_least("member", "organiser")
    assert not role_at_least("anonymous", "member")
    assert check_role("organiser") == "organiser"
    with pytest.raises(ValueError, match="member, organiser, admin"):
        check_role("Admin")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" Ada@Example.ORG ", "ada@example.org"),
        ("a.b+c@sub.example.co.uk", "a.b+c@sub.example.co.uk"),
    ],
)
def test_emails_are_trimmed_and_lower_case(text: str, expected: str) -> None:
    assert normalise_email(text) == expected


@pytest.mark.parametrize(
    "text", ["", "ada", "ada@", "@example.org", "a b@example.org", "a@b", "a@b."]
)
def test_non_emails_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not an email address"):
        normalise_email(text)


def test_passwords_need_8_to_1024_characters() -> None:
    assert check_password("x" * 8) == "x" * 8
    with pytest.raises(ValueError, match="at least 8"):
        check_password("x" * 7)
    with pytest.raises(ValueError, match="at most 1024"):
        check_password("x" * 1025)
