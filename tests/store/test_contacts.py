"""Contact persistence on SQLite and PostgreSQL: owner scoping, search, tags, organisations."""

from __future__ import annotations

from mutuals.services.context import Workspace
from mutuals.store import contacts as store
from mutuals.store.owners import create_owner, get_or_create_default_owner


def test_default_owner_is_created_once(workspace: Workspace) -> None:
    with workspace.db.transaction() as session:
        first = get_or_create_default_owner(session).id
        second = get_or_create_default_owner(session).id
    assert first == second == workspace.owner_id


def test_search_tag_and_owner_scoping(workspace: Workspace) -> None:
    with workspace.db.transaction() as session:
        other = create_owner(session, name="Someone else").id
        store.create_contact(
            session,
            owner_id=workspace.owner_id,
            first_name="Zoë",
            last_name="Müller",
            company="Acme GmbH",
            emails=["zoe@acme.example"],
            tags=["client", "berlin"],
        )
        store.create_contact(
            session, owner_id=workspace.owner_id, first_name="Bob", last_name="Stone", tags=["x"]
        )
        store.create_contact(
            session, owner_id=other, first_name="Zoë", last_name="Hidden", company="Acme GmbH"
        )
    with workspace.db.transaction() as session:
        found = store.find_contacts(session, owner_id=workspace.owner_id, search="acme")
        assert [c.full_name for c in found] == ["Zoë Müller"]
        assert [
            c.full_name
            for c in store.find_contacts(session, owner_id=workspace.owner_id, search="ACME zoe@")
        ] == ["Zoë Müller"]
        tagged = store.find_contacts(session, owner_id=workspace.owner_id, tag="client")
        assert [c.full_name for c in tagged] == ["Zoë Müller"]
        # "x" must not match tags that merely contain the letter.
        assert [
            c.last_name for c in store.find_contacts(session, owner_id=workspace.owner_id, tag="x")
        ] == ["Stone"]
        assert store.count_contacts(session, owner_id=workspace.owner_id) == 2
        assert store.count_contacts(session, owner_id=other) == 1


def test_contact_of_another_owner_is_invisible(workspace: Workspace) -> None:
    with workspace.db.transaction() as session:
        other = create_owner(session, name="Other").id
        theirs = store.create_contact(session, owner_id=other, first_name="Secret")
        session.flush()
        hidden_id = theirs.id
    with workspace.db.transaction() as session:
        assert store.get_contact(session, owner_id=workspace.owner_id, contact_id=hidden_id) is None


def test_organisation_is_shared_by_name(workspace: Workspace) -> None:
    with workspace.db.transaction() as session:
        a = store.create_contact(
            session, owner_id=workspace.owner_id, first_name="A", company="Acme"
        )
        b = store.create_contact(
            session, owner_id=workspace.owner_id, first_name="B", company="Acme"
        )
        session.flush()
        assert a.organisation_id is not None
        assert a.organisation_id == b.organisation_id
        changed = store.update_contact(session, contact=b, company="Globex")
        assert changed
        session.flush()
        assert b.organisation_id != a.organisation_id
        assert not store.update_contact(session, contact=b, company="Globex")


def test_search_and_tag_take_the_text_literally(workspace: Workspace) -> None:
    # PostgreSQL reads "\" in LIKE as an escape, and "%" and "_" are wildcards on both backends:
    # none of them may change what a search or a tag filter finds.
    with workspace.db.transaction() as session:
        owner = workspace.owner_id
        store.create_contact(
            session, owner_id=owner, first_name="Olga", last_name="Ivanova", tags=["клиент"]
        )
        store.create_contact(session, owner_id=owner, first_name="Ann", last_name="100%_Smith")
        store.create_contact(session, owner_id=owner, first_name="Bob", last_name="Jones")
    with workspace.db.transaction() as session:
        owner = workspace.owner_id

        def names(**query: str) -> list[str]:
            return [c.first_name for c in store.find_contacts(session, owner_id=owner, **query)]

        assert names(tag="клиент") == ["Olga"]
        assert names(search="_") == ["Ann"]
        assert names(search="0%_s") == ["Ann"]
        assert names(search="%") == ["Ann"]
        assert names(search="\\") == []


def test_search_ignores_case_beyond_ascii(workspace: Workspace) -> None:
    # SQLite's own lower() folds only A-Z; PostgreSQL folds every letter. Both must agree.
    with workspace.db.transaction() as session:
        owner = workspace.owner_id
        store.create_contact(session, owner_id=owner, first_name="Ольга", last_name="Иванова")
        store.create_contact(session, owner_id=owner, first_name="Jörg", last_name="ÜBEL")
    with workspace.db.transaction() as session:
        owner = workspace.owner_id

        def names(search: str) -> list[str]:
            found = store.find_contacts(session, owner_id=workspace.owner_id, search=search)
            return [c.first_name for c in found]

        assert names("ольга") == ["Ольга"]
        assert names("ОЛЬГА") == ["Ольга"]
        assert names("übel jÖrg") == ["Jörg"]


def test_find_by_name_exact_first_then_contains(workspace: Workspace) -> None:
    with workspace.db.transaction() as session:
        for first, last in [("Ольга", "Иванова"), ("Ada", "Lovelace"), ("Ada", "Lovelace-King"),
                            ("Cher", ""), ("", "Prince"), ("50%", "Off")]:  # fmt: skip
            store.create_contact(
                session, owner_id=workspace.owner_id, first_name=first, last_name=last
            )
    with workspace.db.transaction() as session:

        def names(query: str) -> list[str]:
            found = store.find_by_name(session, owner_id=workspace.owner_id, name=query)
            return [c.full_name for c in found]

        assert names("ада lovelace") == []
        assert names("ADA   lovelace") == ["Ada Lovelace"]
        assert names("lovelace") == ["Ada Lovelace", "Ada Lovelace-King"]
        assert names("ольга иванова") == ["Ольга Иванова"]
        assert names("cher") == ["Cher"]
        assert names("prince") == ["Prince"]
        assert names("0%") == ["50% Off"]
        assert names("%") == ["50% Off"]
