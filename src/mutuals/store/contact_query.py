"""The contact list's query as SQL text and named parameters, built with the standard library only.

`mutuals.store.contacts.find_contacts` runs it through SQLAlchemy on every backend, and the quick
read path of `mutuals contacts list` runs the same text over ``sqlite3``: one query, so the two
cannot disagree on filters, search, order, paging or, above all, whose contacts are listed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Final

# Searched as they are stored.
TEXT_COLUMNS: Final = ("first_name", "last_name", "company", "position", "headline", "notes")
# JSON lists, stored as text on both backends; searched in that text.
LIST_COLUMNS: Final = ("emails", "offers", "needs", "interests")
# LIKE's escape character: "%", "_" and itself in a searched word are text, not syntax.
ESCAPE: Final = "/"


def like_containing(text: str) -> str:
    """A LIKE pattern (escaped with ``ESCAPE``) that matches any value containing ``text``."""
    for char in (ESCAPE, "%", "_"):
        text = text.replace(char, ESCAPE + char)
    return f"%{text}%"


def contact_list_sql(
    *,
    dialect: str,
    columns: Sequence[str],
    owner_id: int,
    search: str | None = None,
    tag: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[str, dict[str, object]]:
    """The owner's contacts in name order, filtered by tag and by a search: every word must appear
    in the name, company, position, headline, emails, offers, needs, interests or notes.

    Returns the SQL (``columns`` of ``contacts``, named ``:parameters``) for ``dialect``
    ("sqlite" or "postgresql") and its parameters.
    """
    params: dict[str, object] = {"owner_id": owner_id}
    where = ["contacts.owner_id = :owner_id"]
    for n, word in enumerate((search or "").lower().split()):
        # Lists are stored as JSON text, where "é" is written "\u00e9": look for that form.
        params[f"word_{n}"] = like_containing(word)
        params[f"json_word_{n}"] = like_containing(json.dumps(word)[1:-1])
        either = [f"lower(contacts.{c}) LIKE :word_{n} ESCAPE '{ESCAPE}'" for c in TEXT_COLUMNS]
        either += [
            f"lower(CAST(contacts.{c} AS VARCHAR)) LIKE :json_word_{n} ESCAPE '{ESCAPE}'"
            for c in LIST_COLUMNS
        ]
        where.append("(" + " OR ".join(either) + ")")
    if tag:
        # Match the quoted element exactly in the list's JSON text.
        params["tag"] = like_containing(json.dumps(tag.lower()))
        where.append(f"lower(CAST(contacts.tags AS VARCHAR)) LIKE :tag ESCAPE '{ESCAPE}'")
    sql = (
        f"SELECT {', '.join(f'contacts.{c}' for c in columns)} FROM contacts"
        f" WHERE {' AND '.join(where)}"
        " ORDER BY lower(contacts.last_name), lower(contacts.first_name), contacts.id"
    )
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    elif offset and dialect == "sqlite":
        sql += " LIMIT -1"  # SQLite has no OFFSET without a LIMIT
    if offset:
        sql += " OFFSET :offset"
        params["offset"] = offset
    return sql, params
