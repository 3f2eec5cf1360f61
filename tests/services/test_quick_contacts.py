"""The contact list's one query, on SQLite and PostgreSQL, and its quick read over ``sqlite3``:
the same contacts, in the same order, as dictionaries equal to the ORM path's, for the default
owner only, over generated networks and filters."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import String, cast, delete, func, insert, or_, select, text
from sqlalchemy.orm import Session

from mutuals.services import contacts as service
from mutuals.services.context import Workspace, open_workspace
from mutuals.services.quick_contacts import list_contacts_quickly
from mutuals.settings import Settings, sqlite_url
from mutuals.store import contacts as store
from mutuals.store.models import Contact
from mutuals.store.owners import create_owner

# Letters that fold differently (Latin, Cyrillic, "İ"), LIKE's syntax and its escape character,
# JSON's quote and backslash.
ALPHABET = "aAbBeéÉoOлЛьЬİ%_/\\\"' -"
# Short values from a small pool meet often: names equal but for case decide the order.
POOL = ["", "a", "A", "b", "B", "é", "É", "éa", "Éb", "л", "Л", "a%", "a_", "a/", "İ", "ab ba"]
words = st.one_of(st.sampled_from(POOL), st.text(alphabet=ALPHABET, min_size=0, max_size=6))
# Names mostly from a few that differ only in case, so that the order's tie-breaks are tested.
names = st.one_of(st.sampled_from(["a", "A", "b", "B", "é", "É", "Éb", "éa", "л", "Л"]), words)
word_lists = st.lists(words, max_size=3)
moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)


@st.composite
def contact_rows(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "first_name": draw(names),
        "last_name": draw(st.one_of(st.sampled_from(["x", "X", "é", "É", ""]), names)),
        "company": draw(words),
        "position": draw(words),
        "headline": draw(words),
        "notes": draw(words),
        "location": draw(words),
        "emails": draw(word_lists),
        "phones": draw(word_lists),
        "offers": draw(word_lists),
        "needs": draw(word_lists),
        "interests": draw(word_lists),
        "goals": draw(word_lists),
        "tags": draw(word_lists),
        "connected_on": draw(st.none() | st.dates(date(2000, 1, 1), date(2030, 1, 1))),
        "created_at": draw(moments),
        "updated_at": draw(moments),
        "source": draw(st.sampled_from(["", "manual", "linkedin"])),
    }


@st.composite
def networks(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """The default owner's contacts, another member's, and a query whose words often come from
    them (so that searches find something)."""
    mine = draw(st.lists(contact_rows(), min_size=2, max_size=10))
    theirs = draw(st.lists(contact_rows(), max_size=4))
    seen = [
        str(v) for row in mine + theirs for v in row.values() if isinstance(v, str | list) and v
    ]
    pieces = st.sampled_from(seen) if seen else words
    search_words = st.lists(st.one_of(words, pieces.map(lambda s: s[:4])), max_size=3)
    query = {
        "search": draw(st.none() | search_words.map(" ".join)),
        "tag": draw(st.none() | words | pieces),
        "limit": draw(st.none() | st.integers(0, 10)),
        "offset": draw(st.integers(0, 4)),
    }
    return mine, theirs, query


def reference_ids(
    session: Session,
    *,
    owner_id: int,
    search: str | None,
    tag: str | None,
    limit: int | None,
    offset: int,
) -> list[int]:
    """The list as SQLAlchemy's own expressions built it before the query became shared text."""
    query = select(Contact.id).where(Contact.owner_id == owner_id)
    if search:
        texts = (
            Contact.first_name,
            Contact.last_name,
            Contact.company,
            Contact.position,
            Contact.headline,
            Contact.notes,
        )
        lists = tuple(
            cast(column, String)
            for column in (Contact.emails, Contact.offers, Contact.needs, Contact.interests)
        )
        for word in search.lower().split():
            escaped = json.dumps(word)[1:-1]
            query = query.where(
                or_(
                    *(func.lower(column).contains(word, autoescape=True) for column in texts),
                    *(func.lower(column).contains(escaped, autoescape=True) for column in lists),
                )
            )
    if tag:
        tag_json = json.dumps(tag.lower())
        query = query.where(
            func.lower(cast(Contact.tags, String)).contains(tag_json, autoescape=True)
        )
    query = query.order_by(
        func.lower(Contact.last_name), func.lower(Contact.first_name), Contact.id
    )
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def _store(session: Session, owner_id: int, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(Contact), [{**row, "owner_id": owner_id} for row in rows])


Network = tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]


def _replace_network(ws: Workspace, other: int, network: Network) -> dict[str, Any]:
    """Store the drawn contacts of the workspace's owner and of ``other`` in place of any before;
    returns the drawn query."""
    mine, theirs, query = network
    with ws.db.transaction() as session:
        session.execute(delete(Contact))
        _store(session, ws.owner_id, mine)
        _store(session, other, theirs)
    return query


CHECKS = hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def test_the_shared_query_lists_what_sqlalchemys_expressions_listed(
    db_url: str, tmp_path: Path
) -> None:
    ws = open_workspace(Settings(data_dir=tmp_path / "data", database_url=db_url))
    with ws.db.transaction() as session:
        other = create_owner(session, name="Another member").id

    @CHECKS
    @given(networks())
    def check(network: Network) -> None:
        query = _replace_network(ws, other, network)
        with ws.db.transaction() as session:
            for owner_id in (ws.owner_id, other):
                found = store.find_contacts(session, owner_id=owner_id, **query)
                assert [c.id for c in found] == reference_ids(
                    session, owner_id=owner_id, **query
                ), query
                assert {c.owner_id for c in found} <= {owner_id}

    try:
        check()
    finally:
        ws.close()


def test_the_quick_read_lists_what_the_service_lists(sqlite_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "mutuals.db"
    shutil.copyfile(sqlite_template, path)
    url = sqlite_url(path)
    ws = open_workspace(Settings(data_dir=tmp_path / "data", database_url=url))
    with ws.db.transaction() as session:
        other = create_owner(session, name="Another member").id

    @CHECKS
    @given(networks())
    def check(network: Network) -> None:
        query = _replace_network(ws, other, network)
        quick = list_contacts_quickly(url, **query)
        listed = service.list_contacts(ws, **query)
        assert quick == listed, query
        # Byte for byte as `--json` prints them.
        assert json.dumps(quick, indent=2, ensure_ascii=False) == json.dumps(
            listed, indent=2, ensure_ascii=False
        )

    try:
        check()
    finally:
        ws.close()


def test_the_quick_read_steps_aside_for_what_it_does_not_read(
    sqlite_template: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing" / "mutuals.db"
    assert list_contacts_quickly(sqlite_url(missing)) is None
    assert not missing.parent.exists()  # nothing created: the full path does that
    assert list_contacts_quickly("postgresql+psycopg://u@127.0.0.1:9/x") is None
    assert list_contacts_quickly("sqlite://") is None

    path = tmp_path / "mutuals.db"
    shutil.copyfile(sqlite_template, path)
    url = sqlite_url(path)
    # The template has no default owner yet: the full path creates it.
    assert list_contacts_quickly(url) is None
    ws = open_workspace(Settings(data_dir=tmp_path / "data", database_url=url))
    ws.close()
    assert list_contacts_quickly(url) == []
    # The full path refuses these, with its own message.
    assert list_contacts_quickly(url, limit=-1) is None
    assert list_contacts_quickly(url, offset=-1) is None

    ws = open_workspace(Settings(data_dir=tmp_path / "data", database_url=url))
    with ws.db.transaction() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    ws.close()
    assert list_contacts_quickly(url) is None  # an older schema is migrated by the full path


def test_a_value_sqlalchemy_would_refuse_takes_the_full_path(
    sqlite_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "mutuals.db"
    shutil.copyfile(sqlite_template, path)
    url = sqlite_url(path)
    ws = open_workspace(Settings(data_dir=tmp_path / "data", database_url=url))
    try:
        added = service.add_contact(ws, name="Ada Lovelace")
        with ws.db.transaction() as session:
            session.execute(text("UPDATE contacts SET created_at = 'yesterday'"))
        assert list_contacts_quickly(url) is None
        with pytest.raises(ValueError, match="yesterday"):
            service.list_contacts(ws)
        assert added["name"] == "Ada Lovelace"
    finally:
        ws.close()
