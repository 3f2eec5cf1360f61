"""Exporting the owner's contacts as vCard or CSV, and the owner's network as a JSON backup."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from mutuals.domain.contact import ContactRecord
from mutuals.services.backup import backup_json
from mutuals.services.context import Workspace
from mutuals.store import contacts as store
from mutuals.store.models import Contact

# "json" is the whole database; "member-json" only the acting member's own data.
FORMATS = ("vcard", "csv", "json", "member-json")


def contact_record(contact: Contact) -> ContactRecord:
    """A stored contact as the plain record the writers take."""
    return ContactRecord(
        first_name=contact.first_name,
        last_name=contact.last_name,
        emails=list(contact.emails),
        phones=list(contact.phones),
        company=contact.company,
        position=contact.position,
        location=contact.location,
        linkedin_url=contact.linkedin_url,
        tags=list(contact.tags),
        notes=contact.notes,
        connected_on=contact.connected_on,
        headline=contact.headline,
        interests=list(contact.interests),
        offers=list(contact.offers),
        needs=list(contact.needs),
        goals=list(contact.goals),
        source=contact.source,
    )


def export_contacts(ws: Workspace, *, fmt: str, path: Path) -> int:
    """Write the owner's contacts (or, for ``json``, a backup of the owner's network) to ``path``.

    The file is written to a temporary name and renamed, so a failed export never leaves half a
    file behind. Returns the number of contacts exported.
    """
    payload, count = export_payload(ws, fmt=fmt)
    write_atomically(path, payload)
    return count


def export_payload(
    ws: Workspace, *, fmt: str, search: str | None = None, tag: str | None = None
) -> tuple[bytes, int]:
    """The bytes of an export in ``fmt`` (one of ``FORMATS``) and how many contacts it holds.

    ``search`` and ``tag`` export only the contacts a list so filtered shows (vCard and CSV).
    """
    with ws.db.transaction() as session:
        if search or tag:
            contacts = store.find_contacts(session, owner_id=ws.owner_id, search=search, tag=tag)
        else:
            contacts = store.all_contacts(session, owner_id=ws.owner_id)
        records = [contact_record(c) for c in contacts]
    if fmt == "vcard":
        from mutuals.io.vcard import write_vcards

        payload = write_vcards(records).encode("utf-8")
    elif fmt == "csv":
        from mutuals.io.contacts_csv import write_contacts_csv

        payload = write_contacts_csv(records)
    elif fmt == "json":
        # The member's own network only: a whole-server backup is `mutuals admin backup`.
        payload = backup_json(ws.db, owner_id=ws.owner_id).encode("utf-8")
    elif fmt == "member-json":
        # The same as "json" now that a JSON export is always the acting member's own.
        payload = backup_json(ws.db, owner_id=ws.owner_id).encode("utf-8")
    else:
        raise ValueError(f"unknown export format '{fmt}'; choose one of {', '.join(FORMATS)}")
    return payload, len(records)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomically(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` via a temporary file in the same folder."""
    path = path.expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, "folder does not exist", str(folder))
    if path.is_dir():
        # Checked first: os.replace would otherwise report the temporary file's name.
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        # mkstemp makes the file private (0600); give it the mode a plain new file would get.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
