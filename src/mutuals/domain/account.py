"""Accounts as plain values: roles, what an email and a password must look like."""

from __future__ import annotations

import re
from typing import Final, Literal

Role = Literal["member", "organiser", "admin"]
# In rising order of what they may do: an organiser runs events, an admin runs the server.
ROLES: Final[tuple[Role, ...]] = ("member", "organiser", "admin")
DEFAULT_ROLE: Final[Role] = "member"

MIN_PASSWORD_LENGTH: Final = 8
# argon2 takes any length, but a megabyte "password" is a way to burn server time.
MAX_PASSWORD_LENGTH: Final = 1024
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


def check_role(role: str) -> Role:
    """``role`` when it is one of ``ROLES``; otherwise a ValueError that lists them."""
    for known in ROLES:
        if role == known:
            return known
    raise ValueError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")


def role_at_least(role: str, needed: str) -> bool:
    """Whether ``role`` has every right of ``needed`` (an admin can do what an organiser can)."""
    order = {name: rank for rank, name in enumerate(ROLES)}
    return role in order and order[role] >= order[check_role(needed)]


def normalise_email(email: str) -> str:
    """The one spelling of an email address an account is found by: trimmed, lower-case.

    Raises ValueError when the text does not look like an email address.
    """
    text = email.strip().lower()
    if len(text) > 320 or not _EMAIL.fullmatch(text):
        raise ValueError(f"not an email address: {email.strip()!r}")
    return text


def check_password(password: str) -> str:
    """``password`` when it is long enough to keep; otherwise a ValueError that says why."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValueError(f"a password can have at most {MAX_PASSWORD_LENGTH} characters")
    return password
