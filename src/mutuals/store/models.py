"""SQLAlchemy 2 typed models: owners (accounts), their networks, sign-in records, the
connecting tables (friends' shared ties, outreaches) and the community's shared ties."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# The merge keys, backed by the database as well as the import code: at most one contact per
# owner has a given LinkedIn URL, and at most one contact without a URL has a given first email.
# (Two LinkedIn profiles that share an address, such as a team inbox, are two people by the merge
# rules, so contacts with a URL are keyed by the URL alone.)
_HAS_URL = "linkedin_url != ''"
_KEYED_BY_EMAIL = "linkedin_url = '' AND primary_email != ''"

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON}  # noqa: RUF012


class Owner(Base):
    """A network's owner. Every personal row belongs to one.

    Local mode uses a single default owner with no email; an owner with an email is an account
    (member, organiser or admin) that signs in with a password. The first account takes over the
    default owner, and so its network.
    """

    __tablename__ = "owners"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    is_default: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    role: Mapped[str] = mapped_column(String(20), default="member", server_default="member")
    # argon2id, in the PHC string format that carries its own parameters and salt.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    # Consent to share ties with the community; off until the member turns it on.
    shares_network: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The member's own prospecting profile: what they are, offer, need and care about.
    headline: Mapped[str] = mapped_column(String(500), default="", server_default="")
    interests: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    offers: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    needs: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    goals: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    industry: Mapped[str] = mapped_column(String(200), default="", server_default="")
    location: Mapped[str] = mapped_column(String(300), default="", server_default="")


class Organisation(Base):
    """A company or organisation that the owner's contacts work at."""

    __tablename__ = "organisations"
    __table_args__ = (UniqueConstraint("owner_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


interaction_contacts = Table(
    "interaction_contacts",
    Base.metadata,
    Column(
        "interaction_id",
        Integer,
        ForeignKey("interactions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_interaction_contacts_contact_id", "contact_id"),
)


class Contact(Base):
    """A person in the owner's network, with what they offer and need for prospecting."""

    __tablename__ = "contacts"
    __table_args__ = (
        Index(
            "uq_contacts_owner_linkedin_url",
            "owner_id",
            "linkedin_url",
            unique=True,
            sqlite_where=text(_HAS_URL),
            postgresql_where=text(_HAS_URL),
        ),
        Index(
            "uq_contacts_owner_primary_email",
            "owner_id",
            "primary_email",
            unique=True,
            sqlite_where=text(_KEYED_BY_EMAIL),
            postgresql_where=text(_KEYED_BY_EMAIL),
        ),
        Index("ix_contacts_owner_name", "owner_id", "last_name", "first_name"),
        Index("ix_contacts_owner_name_key", "owner_id", "name_key"),
        # With the URL last, "a namesake without a URL" is one seek to (owner, key, '').
        Index("ix_contacts_owner_match_key", "owner_id", "match_key", "linkedin_url"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id", ondelete="CASCADE"), index=True)
    first_name: Mapped[str] = mapped_column(String(200), default="")
    last_name: Mapped[str] = mapped_column(String(200), default="")
    emails: Mapped[list[str]] = mapped_column(default=list)
    phones: Mapped[list[str]] = mapped_column(default=list)
    company: Mapped[str] = mapped_column(String(300), default="")
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL")
    )
    position: Mapped[str] = mapped_column(String(300), default="")
    location: Mapped[str] = mapped_column(String(300), default="")
    linkedin_url: Mapped[str] = mapped_column(String(500), default="")
    tags: Mapped[list[str]] = mapped_column(default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(50), default="")
    connected_on: Mapped[date | None] = mapped_column(Date)
    headline: Mapped[str] = mapped_column(String(500), default="")
    interests: Mapped[list[str]] = mapped_column(default=list)
    offers: Mapped[list[str]] = mapped_column(default=list)
    needs: Mapped[list[str]] = mapped_column(default=list)
    goals: Mapped[list[str]] = mapped_column(default=list)
    # Relationship building: the contact's own stay-in-touch cadence (wins over its tags'), a
    # snooze of its follow-up, and its confirmed stage (history in stage_changes).
    cadence_every_days: Mapped[int | None] = mapped_column()
    cadence_max_days: Mapped[int | None] = mapped_column()
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    stage: Mapped[str] = mapped_column(String(20), default="connected", server_default="connected")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Derived from the fields above whenever they are written (mutuals.store.contact_keys), so
    # that imports find a contact by an index rather than by loading the whole network: the
    # first email lower-cased, and hashes of the normalised full name and of name plus company.
    primary_email: Mapped[str] = mapped_column(String(320), default="", server_default="")
    name_key: Mapped[str] = mapped_column(String(32), default="", server_default="")
    match_key: Mapped[str] = mapped_column(String(32), default="", server_default="")

    organisation: Mapped[Organisation | None] = relationship(lazy="raise")

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


contact_emails = Table(
    "contact_emails",
    Base.metadata,
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    # Lower-cased: the same address in another case is the same address.
    Column("email", String(320), primary_key=True),
    Column("owner_id", Integer, ForeignKey("owners.id", ondelete="CASCADE"), nullable=False),
    Index("ix_contact_emails_owner_email", "owner_id", "email"),
)
"""Every email of every contact, derived from ``Contact.emails``: finding a contact by any of its
addresses is an index lookup. Rebuilt on restore, so backups leave it out."""


class Interaction(Base):
    """One exchange with one or more contacts: when, over which channel, which way, what of."""

    __tablename__ = "interactions"
    __table_args__ = (UniqueConstraint("owner_id", "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id", ondelete="CASCADE"), index=True)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str] = mapped_column(String(10))
    kinds: Mapped[list[str]] = mapped_column(default=list)
    summary: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(50), default="")
    # Re-importing the same export must add nothing; the fingerprint identifies an imported row.
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    contacts: Mapped[list[Contact]] = relationship(secondary=interaction_contacts, lazy="selectin")


class StageChange(Base):
    """A confirmed move of a contact to a relationship stage, dated: the stage history."""

    __tablename__ = "stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class TagCadence(Base):
    """A stay-in-touch cadence for every contact carrying a tag ("clients every 30 days")."""

    __tablename__ = "tag_cadences"
    __table_args__ = (UniqueConstraint("owner_id", "tag"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id", ondelete="CASCADE"), index=True)
    tag: Mapped[str] = mapped_column(String(100))
    every_days: Mapped[int] = mapped_column()
    max_days: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ImportRun(Base):
    """The import log: what was imported, when, and with what result."""

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    path: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20), default="ok")
    added: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    skipped: Mapped[int] = mapped_column(default=0)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Embedding(Base):
    """A cached text embedding, keyed by the text's hash and the model version.

    A derived cache rather than personal data: it holds no text, only vectors, and is rebuilt on
    demand, so backups leave it out.
    """

    __tablename__ = "embeddings"

    model: Mapped[str] = mapped_column(String(100), primary_key=True)
    text_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    dim: Mapped[int] = mapped_column()
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class SharedTie(Base):
    """A tie from a friend's shared network: the friend (one of the owner's contacts) knows
    this person with this strength. Never holds emails, phones, notes or interactions."""

    __tablename__ = "shared_ties"
    __table_args__ = (Index("ix_shared_ties_owner_from", "owner_id", "from_contact_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id", ondelete="CASCADE"), index=True)
    from_contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(400))
    company: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[str] = mapped_column(String(300), default="")
    linkedin_url: Mapped[str] = mapped_column(String(500), default="")
    # connecting.person_key of the row, computed when it is stored, so that loading the graph
    # reads one key instead of normalising names and URLs again.
    person_key: Mapped[str] = mapped_column(String(1200), default="", server_default="")
    strength: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Outreach(Base):
    """An open direct attempt to reach a contact: the latest attempt's day and channel."""

    __tablename__ = "outreaches"
    __table_args__ = (UniqueConstraint("owner_id", "contact_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(20))
    attempted_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AuthSession(Base):
    """A signed-in browser. The cookie carries a random key; only its SHA-256 is stored."""

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class ApiToken(Base):
    """A bearer token for the API, shown once when made; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"
    __table_args__ = (UniqueConstraint("owner_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(100))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Invitation(Base):
    """A one-time sign-up link for one email address, with the role it grants."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    role: Mapped[str] = mapped_column(String(20))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by: Mapped[int | None] = mapped_column(ForeignKey("owners.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class LoginFailure(Base):
    """One failed sign-in, per account ("account", email) or per address ("address", IP).

    Kept in the database so that every worker of a server counts the same failures.
    """

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_scope_key", "scope", "key", "failed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(10))
    key: Mapped[str] = mapped_column(String(320))
    failed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AppSetting(Base):
    """A server-wide setting: the signing secret, whether invitations are open."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CommunityTie(Base):
    """One tie a member shares with the community, by consent: who they know and how well.

    Never emails, phones, notes or interactions. ``linkedin_key`` (the normalised profile URL)
    names the same person across members' networks; it is indexed for the warm-intro graph.
    (``SharedTie`` is the other direction: a friend's network, imported by one member.)
    """

    __tablename__ = "community_ties"
    __table_args__ = (
        UniqueConstraint("owner_id", "contact_id"),
        Index("ix_community_ties_linkedin_key", "linkedin_key", "owner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("owners.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(400))
    company: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[str] = mapped_column(String(300), default="")
    linkedin_url: Mapped[str] = mapped_column(String(500), default="")
    linkedin_key: Mapped[str | None] = mapped_column(String(500))
    # connecting.person_key of the row, computed when it is stored (see SharedTie).
    person_key: Mapped[str] = mapped_column(String(1200), default="", server_default="")
    # In (0, 1]: the probability-like weight that warm-intro paths multiply along.
    strength: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# The event tables live in their own module; importing it here puts them on Base.metadata for
# everyone who loads the models (migrations, backups, tests). The contact keys' module registers
# mapper events that keep a contact's lookup keys up to date on every ORM write.
from mutuals.store import contact_keys as _contact_keys  # noqa: E402, F401
from mutuals.store import event_models as _event_models  # noqa: E402, F401
