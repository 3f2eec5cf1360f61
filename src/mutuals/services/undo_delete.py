"""Undoing a delete for a short while: the deleted contact's rows are kept in a file in the data
folder, named by a random token, and put back on request until ``UNDO_FOR`` has passed.

The copy lives in the data folder rather than the database, so a backup taken meanwhile does not
hold a contact the member deleted; expired copies are removed whenever a delete or an undo runs.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any, Final

from sqlalchemy.exc import IntegrityError

from mutuals.services.contacts import ContactNotFound, contact_dict
from mutuals.services.context import Workspace
from mutuals.services.token_files import (
    new_token,
    read_record,
    remove_older,
    token_path,
    write_record,
)
from mutuals.store import contacts as store
from mutuals.store.contact_snapshots import restore_snapshot, snapshot_contact

UNDO_FOR: Final = timedelta(minutes=10)
FOLDER: Final = "deleted-contacts"


class UndoExpired(LookupError):
    """The delete is too old to undo, was undone already, or never was."""


def _folder(ws: Workspace) -> Path:
    return ws.settings.data_dir / FOLDER


def delete_with_undo(ws: Workspace, contact_id: int) -> dict[str, Any]:
    """Delete the contact as ``contact_changes.delete_contact`` does, keeping what it removes so
    that ``undo_delete`` can put it back for ``UNDO_FOR``. The answer adds the ``undo`` token."""
    folder = _folder(ws)
    folder.mkdir(parents=True, exist_ok=True)
    _prune(ws)
    token = new_token()
    with ws.db.writing(ws.owner_id) as session:
        contact = store.get_contact(session, owner_id=ws.owner_id, contact_id=contact_id)
        if contact is None:
            raise ContactNotFound(f"no contact with id {contact_id}")
        rows = snapshot_contact(session, contact_id)
        gone: dict[str, Any] = {"id": contact.id, "name": contact.full_name, "undo": token}
        entry = {
            "owner_id": ws.owner_id,
            "deleted_at": ws.clock.now().isoformat(),
            "name": contact.full_name,
            "rows": rows,
        }
        # Written before the delete commits: if it cannot be written, nothing is deleted.
        write_record(folder / f"{token}.json", entry)
        gone["interactions_deleted"] = store.delete_contact(session, contact=contact)
    return gone


def undo_delete(ws: Workspace, token: str) -> dict[str, Any]:
    """Put back the contact deleted under ``token``, with everything deleted with it.

    Raises ``UndoExpired`` once the undo has lapsed (or for another owner's token), and
    ``ValueError`` when a contact added since holds its email or LinkedIn URL.
    """
    _prune(ws)
    path = token_path(_folder(ws), token)
    entry = read_record(path) if path is not None else None
    if path is None or entry is None or entry.get("owner_id") != ws.owner_id:
        raise UndoExpired(f"That delete can no longer be undone (undo lasts {_minutes()} minutes).")
    try:
        with ws.db.writing(ws.owner_id) as session:
            contact_id = restore_snapshot(session, entry["rows"], owner_id=ws.owner_id)
            contact = store.get_contact(session, owner_id=ws.owner_id, contact_id=contact_id)
            assert contact is not None
            restored = contact_dict(contact)
    except IntegrityError:
        raise ValueError(
            f"{entry['name']} cannot be restored: a contact added since has the same email or "
            "LinkedIn URL (or id). Merge or delete that one first."
        ) from None
    path.unlink(missing_ok=True)
    restored["interactions_restored"] = len(entry["rows"].get("interactions", []))
    return restored


def _minutes() -> int:
    return int(UNDO_FOR.total_seconds() // 60)


def _prune(ws: Workspace) -> None:
    """Remove every copy older than ``UNDO_FOR`` (of every owner: none may outstay its undo)."""
    remove_older(_folder(ws), now=ws.clock.now(), age=UNDO_FOR, stamp="deleted_at")
