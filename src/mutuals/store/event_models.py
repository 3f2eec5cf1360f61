"""SQLAlchemy models of a speed-networking evening: the event, its attendees, their private links,
follow-up picks, mutual matches and the "why you two" reasons of planned meetings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from mutuals.store.models import Base


class Event(Base):
    """One event, owned by its organiser, with its plan and its run state.

    The run state (status, current round, when the running part of the round began and how much
    of it ran before a pause) lives here, so a restarted server resumes mid-round. ``version``
    grows with every change that live pages must show.
    """

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_listed_starts_at", "listed", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    # Wall-clock time at the place, in ``timezone``: what the invitation says.
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    place: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    rounds: Mapped[int] = mapped_column()
    minutes: Mapped[int] = mapped_column()
    break_minutes: Mapped[int] = mapped_column()
    table_size: Mapped[int] = mapped_column()
    capacity: Mapped[int | None] = mapped_column()
    listed: Mapped[bool] = mapped_column(default=True, server_default=true())
    registration_open: Mapped[bool] = mapped_column(default=True, server_default=true())
    weights: Mapped[str] = mapped_column(String(10), default="mutual")
    # {"rounds": [[[attendee id, ...], ...], ...], "byes": [[attendee id, ...], ...]}
    plan: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    plan_stats: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    current_round: Mapped[int] = mapped_column(default=0)
    phase_started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    elapsed_before: Mapped[float] = mapped_column(Float, default=0.0)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(default=0)
    # Grows only when the list or the plan changes (not at each round), so that live pages can
    # keep the names, seats and reasons they loaded and re-read just the run state.
    layout_version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EventAttendee(Base):
    """Someone taking part in an event: imported by the organiser or registered themselves.

    ``status`` is registered, waitlist, checked_in, no_show or left. ``arrived_after`` and
    ``left_after`` count the rounds already held when a latecomer came or a leaver went.
    ``promoted_at`` is when they moved up from the waiting list, and ``link_mailed_at`` when
    their private link was emailed (claimed before the send, so nobody is mailed it twice).
    """

    __tablename__ = "event_attendees"
    __table_args__ = (UniqueConstraint("event_id", "email_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(400))
    email: Mapped[str] = mapped_column(String(320))
    email_key: Mapped[str] = mapped_column(String(320))
    phone: Mapped[str] = mapped_column(String(100), default="")
    company: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[str] = mapped_column(String(300), default="")
    headline: Mapped[str] = mapped_column(String(500), default="")
    linkedin_url: Mapped[str] = mapped_column(String(500), default="")
    interests: Mapped[list[str]] = mapped_column(default=list)
    offers: Mapped[list[str]] = mapped_column(default=list)
    needs: Mapped[list[str]] = mapped_column(default=list)
    goals: Mapped[list[str]] = mapped_column(default=list)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("owners.id", ondelete="SET NULL"), index=True
    )
    consent: Mapped[bool] = mapped_column(default=True, server_default=true())
    is_host: Mapped[bool] = mapped_column(default=False, server_default=false())
    status: Mapped[str] = mapped_column(String(12), default="registered")
    source: Mapped[str] = mapped_column(String(20), default="import")
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    arrived_after: Mapped[int | None] = mapped_column()
    left_after: Mapped[int | None] = mapped_column()
    promoted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    link_mailed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EventLink(Base):
    """An attendee's private phone-page link. The link carries a random key; only its SHA-256 is
    kept, so each printed or sent link is new and a lost database leaks no working link."""

    __tablename__ = "event_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    attendee_id: Mapped[int] = mapped_column(
        ForeignKey("event_attendees.id", ondelete="CASCADE"), index=True
    )
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EventPick(Base):
    """One attendee's private answer to "Follow up with X?". Shown to nobody but the picker."""

    __tablename__ = "event_picks"
    # One answer per pair and direction: concurrent answers upsert into it, so none is lost.
    __table_args__ = (UniqueConstraint("picker_id", "picked_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    picker_id: Mapped[int] = mapped_column(ForeignKey("event_attendees.id", ondelete="CASCADE"))
    picked_id: Mapped[int] = mapped_column(ForeignKey("event_attendees.id", ondelete="CASCADE"))
    yes: Mapped[bool] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EventMatch(Base):
    """A mutual yes whose contacts have gone into the members' networks (once per pair).

    ``first_id`` is the smaller attendee id. The unique pair makes the hand-over happen exactly
    once even when both picks arrive at the same moment.
    """

    __tablename__ = "event_matches"
    __table_args__ = (UniqueConstraint("first_id", "second_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    first_id: Mapped[int] = mapped_column(ForeignKey("event_attendees.id", ondelete="CASCADE"))
    second_id: Mapped[int] = mapped_column(ForeignKey("event_attendees.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # When each side was mailed the other's contact details (None: not yet, or the send
    # failed and will be tried again).
    first_mailed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    second_mailed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class EventReason(Base):
    """Why two attendees should talk, from ``attendee_id``'s side (the prospecting explanation)."""

    __tablename__ = "event_reasons"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    attendee_id: Mapped[int] = mapped_column(
        ForeignKey("event_attendees.id", ondelete="CASCADE"), primary_key=True
    )
    other_id: Mapped[int] = mapped_column(
        ForeignKey("event_attendees.id", ondelete="CASCADE"), primary_key=True
    )
    why: Mapped[str] = mapped_column(Text, default="")
