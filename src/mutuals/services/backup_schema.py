"""The backup format: one pydantic model per table and version, checked before anything is written.

Every column must be present with the right type (no missing key is silently emptied, no "5" for a
list), text within the limits both databases share, vocabularies (stages, channels, roles) as
mutuals knows them, ids within the database's integers, and days within the engine's range.

- Version 2 (written now) requires every column and says whose data it holds (``scope``).
- Version 1 was written before that; the columns and tables that accounts and connecting added
  while it was current may be absent there, and take their defaults.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    Strict,
    StrictBool,
)

from mutuals.domain.account import Role
from mutuals.domain.limits import (
    CONTACT_LISTS,
    CONTACT_TEXT,
    EARLIEST_DAY,
    LATEST_DAY,
    MAX_NOTE_CHARS,
    text_problem,
)
from mutuals.domain.vocab import Channel, Direction, Kind, Stage
from mutuals.relationships.limits import MAX_CADENCE_DAYS, MAX_OVERDUE_DAYS

FORMAT: Final = "mutuals-backup"
FORMAT_VERSION: Final = 2
READS: Final = (1, 2)
MAX_ID: Final = 2**31 - 1


def _clean(value: str) -> str:
    # Length is checked by max_length; this refuses what neither database can store.
    problem = text_problem(value, len(value))
    if problem:
        raise ValueError(f"text {problem}")
    return value


CLEAN = AfterValidator(_clean)
Id = Annotated[int, Strict(), Field(ge=1, le=MAX_ID)]
Count = Annotated[int, Strict(), Field(ge=0, le=MAX_ID)]
Every = Annotated[int, Strict(), Field(ge=1, le=MAX_CADENCE_DAYS)]
MaxDays = Annotated[int, Strict(), Field(ge=1, le=MAX_OVERDUE_DAYS)]
Name = Annotated[str, Strict(), Field(max_length=CONTACT_TEXT["first_name"]), CLEAN]
Short = Annotated[str, Strict(), Field(max_length=CONTACT_TEXT["source"]), CLEAN]
Tag = Annotated[str, Strict(), Field(max_length=CONTACT_LISTS["tags"].chars), CLEAN]
Text300 = Annotated[str, Strict(), Field(max_length=CONTACT_TEXT["company"]), CLEAN]
Text500 = Annotated[str, Strict(), Field(max_length=CONTACT_TEXT["headline"]), CLEAN]
Email = Annotated[str, Strict(), Field(max_length=CONTACT_LISTS["emails"].chars), CLEAN]
Phone = Annotated[str, Strict(), Field(max_length=CONTACT_LISTS["phones"].chars), CLEAN]
Phrase = Annotated[str, Strict(), Field(max_length=CONTACT_LISTS["offers"].chars), CLEAN]
Note = Annotated[str, Strict(), Field(max_length=MAX_NOTE_CHARS), CLEAN]
Fingerprint = Annotated[str, Strict(), Field(max_length=64), CLEAN]
Kind30 = Annotated[str, Strict(), Field(max_length=30), CLEAN]
Status = Annotated[str, Strict(), Field(max_length=20), CLEAN]
FilePath = Annotated[str, Strict(), Field(max_length=4096), CLEAN]
Emails = Annotated[list[Email], Field(max_length=CONTACT_LISTS["emails"].items)]
Phones = Annotated[list[Phone], Field(max_length=CONTACT_LISTS["phones"].items)]
Tags = Annotated[list[Tag], Field(max_length=CONTACT_LISTS["tags"].items)]
Phrases = Annotated[list[Phrase], Field(max_length=CONTACT_LISTS["offers"].items)]
Kinds = Annotated[list[Kind], Field(max_length=20)]
TieName = Annotated[str, Strict(), Field(max_length=400), CLEAN]
Label = Annotated[str, Strict(), Field(max_length=100), CLEAN]
PasswordHash = Annotated[str, Strict(), Field(max_length=200), CLEAN]
# A tie's strength is a probability-like weight in (0, 1].
Strength = Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)]
DirectChannel = Literal["linkedin", "email", "call", "mail", "event"]


def _day(value: object) -> date:
    if not isinstance(value, str):
        raise ValueError("must be a date written as text, like 2026-11-26")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError("not a date (expected YYYY-MM-DD)") from None
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValueError(f"a day outside {EARLIEST_DAY.isoformat()} to {LATEST_DAY.isoformat()}")
    return day


def _moment(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("must be a date and time written as text (ISO 8601)")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("not a date and time (expected ISO 8601)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    _day(moment.astimezone(UTC).date().isoformat())
    return moment


def _json(value: object, depth: int = 0) -> object:
    # A JSON column (the import log's detail) holds any JSON, but no text that either database
    # would refuse, and no nesting deep enough to exhaust the stack.
    if depth > 20:
        raise ValueError("nested too deeply")
    if isinstance(value, str):
        problem = text_problem(value, MAX_NOTE_CHARS)
        if problem:
            raise ValueError(f"text {problem}")
    elif isinstance(value, dict):
        for key, item in value.items():
            _json(key, depth + 1)
            _json(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _json(item, depth + 1)
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ID:
        raise ValueError("a number too large")
    return value


Day = Annotated[date, PlainValidator(_day)]
Moment = Annotated[datetime, PlainValidator(_moment)]
JsonObject = Annotated[dict[str, Any], AfterValidator(_json)]


class Row(BaseModel):
    """A table row: every column required, none unknown."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class OwnerV1(Row):
    id: Id
    name: Name
    email: Email | None
    is_default: StrictBool
    created_at: Moment
    headline: Text500
    interests: Phrases
    offers: Phrases
    needs: Phrases
    goals: Phrases
    industry: Name
    location: Text300
    role: Role = "member"
    password_hash: PasswordHash | None = None
    shares_network: StrictBool = False


class OwnerV2(OwnerV1):
    role: Role
    password_hash: PasswordHash | None
    shares_network: StrictBool


class OrganisationV1(Row):
    id: Id
    owner_id: Id
    name: Text300
    created_at: Moment


class ContactV1(Row):
    id: Id
    owner_id: Id
    first_name: Name
    last_name: Name
    emails: Emails
    phones: Phones
    company: Text300
    organisation_id: Id | None
    position: Text300
    location: Text300
    linkedin_url: Text500
    tags: Tags
    notes: Note
    source: Short
    connected_on: Day | None
    headline: Text500
    interests: Phrases
    offers: Phrases
    needs: Phrases
    goals: Phrases
    cadence_every_days: Every | None
    cadence_max_days: MaxDays | None
    snoozed_until: Day | None
    stage: Stage
    created_at: Moment
    updated_at: Moment


class InteractionV1(Row):
    id: Id
    owner_id: Id
    occurred_at: Moment
    channel: Channel
    direction: Direction
    kinds: Kinds
    summary: Note
    source: Short
    fingerprint: Fingerprint | None
    created_at: Moment


class InteractionContactV1(Row):
    interaction_id: Id
    contact_id: Id


class StageChangeV1(Row):
    id: Id
    owner_id: Id
    contact_id: Id
    stage: Stage
    changed_on: Day
    note: Note
    created_at: Moment


class TagCadenceV1(Row):
    id: Id
    owner_id: Id
    tag: Tag
    every_days: Every
    max_days: MaxDays
    created_at: Moment


class ImportRunV1(Row):
    id: Id
    owner_id: Id
    kind: Kind30
    path: FilePath
    started_at: Moment
    finished_at: Moment | None
    status: Status
    added: Count
    updated: Count
    unchanged: Count
    skipped: Count
    detail: JsonObject


class SharedTieV1(Row):
    id: Id
    owner_id: Id
    from_contact_id: Id
    name: TieName
    company: Text300
    position: Text300
    linkedin_url: Text500
    strength: Strength
    created_at: Moment


class OutreachV1(Row):
    id: Id
    owner_id: Id
    contact_id: Id
    channel: DirectChannel
    attempted_on: Day
    note: Note
    created_at: Moment


class CommunityTieV1(Row):
    id: Id
    owner_id: Id
    contact_id: Id
    name: TieName
    company: Text300
    position: Text300
    linkedin_url: Text500
    linkedin_key: Text500 | None
    strength: Strength
    created_at: Moment


class ApiTokenV1(Row):
    id: Id
    owner_id: Id
    label: Label
    key_hash: Fingerprint
    created_at: Moment


class InvitationV1(Row):
    id: Id
    email: Email
    role: Role
    key_hash: Fingerprint
    invited_by: Id | None
    created_at: Moment
    expires_at: Moment
    accepted_at: Moment | None


def _wall(value: object) -> datetime:
    # An event's start is wall-clock time at its place (no zone): written like any moment, read
    # back without the zone.
    moment = _moment(value)
    return moment.astimezone(UTC).replace(tzinfo=None)


Wall = Annotated[datetime, PlainValidator(_wall)]
Zone = Annotated[str, Strict(), Field(max_length=64), CLEAN]
Seconds = Annotated[float, Field(ge=0, le=10**9, allow_inf_nan=False)]


class EventV2(Row):
    id: Id
    owner_id: Id
    name: Text300
    starts_at: Wall
    timezone: Zone
    place: Text300
    description: Note
    rounds: Count
    minutes: Count
    break_minutes: Count
    table_size: Count
    capacity: Count | None
    listed: StrictBool
    registration_open: StrictBool
    weights: Literal["mutual", "none"]
    plan: JsonObject | None
    plan_stats: JsonObject | None
    status: Literal["draft", "planned", "running", "paused", "ended"]
    current_round: Count
    phase_started_at: Moment | None
    elapsed_before: Seconds
    ended_at: Moment | None
    version: Count
    layout_version: Count
    created_at: Moment
    updated_at: Moment


class EventAttendeeV2(Row):
    id: Id
    event_id: Id
    name: TieName
    email: Email
    email_key: Email
    phone: Phone
    company: Text300
    position: Text300
    headline: Text500
    linkedin_url: Text500
    interests: Phrases
    offers: Phrases
    needs: Phrases
    goals: Phrases
    member_id: Id | None
    consent: StrictBool
    is_host: StrictBool
    status: Literal["registered", "waitlist", "checked_in", "no_show", "left"]
    source: Short
    checked_in_at: Moment | None
    arrived_after: Count | None
    left_after: Count | None
    created_at: Moment
    updated_at: Moment
    # Added to version 2 after it was first written (see LATE_COLUMNS): older backups read as
    # "never moved up" and "link not mailed yet".
    promoted_at: Moment | None = None
    link_mailed_at: Moment | None = None


class EventLinkV2(Row):
    id: Id
    attendee_id: Id
    key_hash: Fingerprint
    created_at: Moment


class EventPickV2(Row):
    id: Id
    event_id: Id
    picker_id: Id
    picked_id: Id
    yes: StrictBool
    created_at: Moment
    updated_at: Moment


class EventMatchV2(Row):
    id: Id
    event_id: Id
    first_id: Id
    second_id: Id
    created_at: Moment
    # Added to version 2 after it was first written: version-2 backups from before match mail
    # have neither, which reads as "not mailed yet" (see LATE_COLUMNS).
    first_mailed_at: Moment | None = None
    second_mailed_at: Moment | None = None


# The only columns a row may leave out: added to a format version after backups of it existed.
# Every other column is required (a missing one is refused by name).
LATE_COLUMNS: Final[dict[str, frozenset[str]]] = {
    "event_matches": frozenset({"first_mailed_at", "second_mailed_at"}),
    "event_attendees": frozenset({"promoted_at", "link_mailed_at"}),
}


class EventReasonV2(Row):
    event_id: Id
    attendee_id: Id
    other_id: Id
    why: Note


class TablesV1(BaseModel):
    """Every table of a backup (a table left out is empty)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    owners: list[OwnerV1] = []
    organisations: list[OrganisationV1] = []
    contacts: list[ContactV1] = []
    interactions: list[InteractionV1] = []
    interaction_contacts: list[InteractionContactV1] = []
    stage_changes: list[StageChangeV1] = []
    tag_cadences: list[TagCadenceV1] = []
    import_runs: list[ImportRunV1] = []
    shared_ties: list[SharedTieV1] = []
    outreaches: list[OutreachV1] = []
    community_ties: list[CommunityTieV1] = []
    api_tokens: list[ApiTokenV1] = []
    invitations: list[InvitationV1] = []


class TablesV2(TablesV1):
    owners: list[OwnerV2] = []  # type: ignore[assignment]  # every OwnerV2 is an OwnerV1
    events: list[EventV2] = []
    event_attendees: list[EventAttendeeV2] = []
    event_links: list[EventLinkV2] = []
    event_picks: list[EventPickV2] = []
    event_matches: list[EventMatchV2] = []
    event_reasons: list[EventReasonV2] = []


Scope = Literal["owner", "server"]


class BackupV1(BaseModel):
    """A version-1 backup file. It does not say whose data it holds: one owner's, or the server's."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["mutuals-backup"]
    version: Literal[1]
    mutuals: str | None = None
    scope: Scope | None = None
    tables: TablesV1

    def whose(self) -> Scope:
        """ "owner" for one member's network, "server" for every owner's."""
        if self.scope is not None:
            return self.scope
        return "owner" if len(self.tables.owners) == 1 else "server"


class BackupV2(BackupV1):
    """A version-2 backup file: one member's network ("owner") or the whole server's."""

    version: Literal[2]  # type: ignore[assignment]
    scope: Scope
    tables: TablesV2


MODELS: Final[dict[int, type[BackupV1]]] = {1: BackupV1, 2: BackupV2}
