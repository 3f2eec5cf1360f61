"""Prospecting profiles from the profile CSV and from stored contacts."""

from __future__ import annotations

from pathlib import Path

from mutuals.domain.contact import ContactRecord
from mutuals.domain.profile import Profile
from mutuals.io.errors import ImportFailure
from mutuals.io.profile_csv import read_profile_csv


def profile_from_record(record: ContactRecord, *, id: str = "") -> Profile:
    """The prospecting view of a contact record."""
    return Profile(
        name=record.full_name,
        id=id or (record.emails[0] if record.emails else record.full_name),
        headline=record.headline or " at ".join(p for p in (record.position, record.company) if p),
        interests=record.interests,
        offers=record.offers,
        needs=record.needs,
        goals=record.goals,
        location=record.location,
    )


def read_profiles(path: Path) -> list[Profile]:
    """Everyone in a profile CSV, each identified by email (or name when there is none).

    The same person twice is an error naming both lines, since a rotation or a ranking would
    otherwise count them as two people.
    """
    parsed = read_profile_csv(path)
    profiles: list[Profile] = []
    seen: dict[str, int | None] = {}
    for record in parsed.contacts:
        profile = profile_from_record(record)
        key = profile.id.casefold()
        if key in seen:
            raise ImportFailure(
                f"'{profile.id}' already appears on line {seen[key]}",
                path=path,
                line=record.source_line,
                field="email" if record.emails else "name",
            )
        seen[key] = record.source_line
        profiles.append(profile)
    if not profiles:
        raise ImportFailure("no people in the file", path=path)
    return profiles


def pick_profile(profiles: list[Profile], who: str, *, path: Path) -> Profile:
    """The profile whose name or email is ``who`` (case-insensitive)."""
    wanted = who.strip().casefold()
    for profile in profiles:
        if wanted in (profile.name.casefold(), profile.id.casefold()):
            return profile
    raise ImportFailure(f"no one named '{who}' in the file", path=path, field="name")
