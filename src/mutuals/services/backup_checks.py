"""Checks across the rows of a backup: ids unique, references resolving within one owner, merge
keys unique. Together with the per-row models, a backup that passes restores exactly."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path
from typing import Any

from mutuals.io.errors import ImportFailure
from mutuals.io.linkedin_url import normalise_linkedin_url
from mutuals.services.backup_schema import BackupV1
from mutuals.store.contact_keys import email_keys


def _refuse(path: Path, table: str, row: int, field: str | None, message: str) -> ImportFailure:
    return ImportFailure(f"table {table}, row {row + 1}: {message}", path=path, field=field)


def _unique(path: Path, table: str, rows: Sequence[Any], key: Any, field: str, what: str) -> None:
    seen: dict[Hashable, int] = {}
    for index, row in enumerate(rows):
        value = key(row)
        if value is None:
            continue
        if value in seen:
            raise _refuse(path, table, index, field, f"{what} repeats row {seen[value] + 1}")
        seen[value] = index


def _owner_of(
    path: Path,
    table: str,
    rows: Iterable[Any],
    field: str,
    parents: dict[int, int],
    parent: str,
) -> None:
    """Every row's ``field`` names a ``parent`` row of the same owner."""
    for index, row in enumerate(rows):
        target = getattr(row, field)
        if target is None:
            continue
        if target not in parents:
            raise _refuse(path, table, index, field, f"names {parent} id {target}, which is absent")
        if hasattr(row, "owner_id") and parents[target] != row.owner_id:
            raise _refuse(path, table, index, field, f"names another owner's {parent}")


def check_rows(backup: BackupV1, path: Path) -> None:
    """Raise ImportFailure for the first row that could not be restored faithfully."""
    t = backup.tables
    for name in type(t).model_fields:
        rows = getattr(t, name)
        if name == "interaction_contacts":
            key = lambda r: (r.interaction_id, r.contact_id)  # noqa: E731
            _unique(path, name, rows, key, "contact_id", "the same link")
        else:
            _unique(path, name, rows, lambda r: r.id, "id", "the id")
    _check_owners(backup, path)
    owners = {o.id: o.id for o in t.owners}
    for name in type(t).model_fields:
        if name not in ("owners", "interaction_contacts", "invitations"):
            _owner_of(path, name, getattr(t, name), "owner_id", owners, "owner")
    organisations = {o.id: o.owner_id for o in t.organisations}
    contacts = {c.id: c.owner_id for c in t.contacts}
    interactions = {i.id: i.owner_id for i in t.interactions}
    _unique(
        path, "organisations", t.organisations, lambda o: (o.owner_id, o.name), "name", "the name"
    )
    _owner_of(path, "contacts", t.contacts, "organisation_id", organisations, "organisation")
    _check_contacts(backup, path)
    _unique(
        path,
        "interactions",
        t.interactions,
        lambda i: (i.owner_id, i.fingerprint) if i.fingerprint else None,
        "fingerprint",
        "the fingerprint",
    )
    for index, link in enumerate(t.interaction_contacts):
        if link.interaction_id not in interactions:
            raise _refuse(
                path, "interaction_contacts", index, "interaction_id", "names an absent interaction"
            )
        if link.contact_id not in contacts:
            raise _refuse(
                path, "interaction_contacts", index, "contact_id", "names an absent contact"
            )
        if interactions[link.interaction_id] != contacts[link.contact_id]:
            raise _refuse(
                path, "interaction_contacts", index, "contact_id", "links two owners' rows"
            )
    _owner_of(path, "stage_changes", t.stage_changes, "contact_id", contacts, "contact")
    _unique(path, "tag_cadences", t.tag_cadences, lambda c: (c.owner_id, c.tag), "tag", "the tag")
    _owner_of(path, "shared_ties", t.shared_ties, "from_contact_id", contacts, "contact")
    _owner_of(path, "outreaches", t.outreaches, "contact_id", contacts, "contact")
    key = lambda o: (o.owner_id, o.contact_id)  # noqa: E731
    _unique(path, "outreaches", t.outreaches, key, "contact_id", "the contact")
    _owner_of(path, "community_ties", t.community_ties, "contact_id", contacts, "contact")
    _unique(path, "community_ties", t.community_ties, key, "contact_id", "the contact")
    _unique(path, "api_tokens", t.api_tokens, lambda a: (a.owner_id, a.label), "label", "the label")
    _unique(path, "api_tokens", t.api_tokens, lambda a: a.key_hash, "key_hash", "the key")
    _unique(path, "invitations", t.invitations, lambda i: i.key_hash, "key_hash", "the key")
    for index, invitation in enumerate(t.invitations):
        if invitation.invited_by is not None and invitation.invited_by not in owners:
            raise _refuse(path, "invitations", index, "invited_by", "names an absent owner")
    for index, cadence in enumerate(t.tag_cadences):
        if cadence.max_days < cadence.every_days:
            raise _refuse(path, "tag_cadences", index, "max_days", "is less than every_days")


def _check_owners(backup: BackupV1, path: Path) -> None:
    owners = backup.tables.owners
    _unique(
        path, "owners", owners, lambda o: o.email.lower() if o.email else None, "email", "the email"
    )
    if backup.whose() == "owner":
        if len(owners) != 1:
            raise ImportFailure(
                f"an owner's backup holds one owner, not {len(owners)}", path=path, field="owners"
            )
        return
    defaults = [index for index, o in enumerate(owners) if o.is_default]
    if owners and len(defaults) != 1:
        # Local mode shows the default owner's network: without one the restored data would be
        # there but hidden; with two, which one shows would be chance.
        where = f"rows {', '.join(str(i + 1) for i in defaults)}" if defaults else "no row"
        raise ImportFailure(
            f"table owners: exactly one owner must have is_default true ({where} has it)",
            path=path,
            field="is_default",
        )


def _check_contacts(backup: BackupV1, path: Path) -> None:
    contacts = backup.tables.contacts
    for index, contact in enumerate(contacts):
        url = contact.linkedin_url
        if url:
            try:
                normal = normalise_linkedin_url(url)
            except ValueError:
                normal = ""
            if normal != url:
                raise _refuse(
                    path,
                    "contacts",
                    index,
                    "linkedin_url",
                    "not a LinkedIn profile URL in the form mutuals stores",
                )
        every, most = contact.cadence_every_days, contact.cadence_max_days
        if (every is None) != (most is None):
            raise _refuse(
                path,
                "contacts",
                index,
                "cadence_max_days",
                "cadence_every_days and cadence_max_days go together",
            )
        if every is not None and most is not None and most < every:
            raise _refuse(
                path, "contacts", index, "cadence_max_days", "is less than cadence_every_days"
            )
    _unique(
        path,
        "contacts",
        contacts,
        lambda c: (c.owner_id, c.linkedin_url) if c.linkedin_url else None,
        "linkedin_url",
        "the LinkedIn URL",
    )

    def first_email(contact: Any) -> tuple[int, str] | None:
        keys = email_keys(contact.emails)
        return (contact.owner_id, keys[0]) if keys and not contact.linkedin_url else None

    _unique(
        path,
        "contacts",
        contacts,
        first_email,
        "emails",
        "the first email (without a LinkedIn URL)",
    )
