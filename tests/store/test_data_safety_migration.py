"""Migration 0005 merges contacts that break the new unique keys, losing nothing, on both
databases; afterwards the database itself refuses a second contact with the same key."""

from __future__ import annotations

import pytest
from sqlalchemy import func, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from mutuals.store.database import alembic_config, make_engine, open_database
from mutuals.store.models import Contact, StageChange, contact_emails, interaction_contacts

NOW = "2026-11-01 12:00:00"


def _contact(conn, owner: int, **values: object) -> int:  # type: ignore[no-untyped-def]
    row = {
        "owner_id": owner,
        "first_name": "",
        "last_name": "",
        "emails": "[]",
        "phones": "[]",
        "company": "",
        "position": "",
        "location": "",
        "linkedin_url": "",
        "tags": "[]",
        "notes": "",
        "source": "linkedin",
        "headline": "",
        "interests": "[]",
        "offers": "[]",
        "needs": "[]",
        "goals": "[]",
        "stage": "connected",
        "created_at": NOW,
        "updated_at": NOW,
        **values,
    }
    columns = ", ".join(row)
    marks = ", ".join(f":{k}" for k in row)
    conn.execute(text(f"INSERT INTO contacts ({columns}) VALUES ({marks})"), row)
    return int(conn.execute(text("SELECT MAX(id) FROM contacts")).scalar_one())


def test_duplicates_are_merged_before_the_keys_become_unique(empty_db_url: str) -> None:
    from alembic import command

    engine = make_engine(empty_db_url)
    command.upgrade(alembic_config(engine), "0004_accounts")
    url = "https://www.linkedin.com/in/ada"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO owners (name, is_default, created_at, headline, industry, location)"
                " VALUES ('Me', :t, :now, '', '', '')"
            ),
            {"t": True, "now": NOW},
        )
        # Two imports at once made twins; the member then edited one of them.
        ada = _contact(conn, 1, first_name="Ada", last_name="Lovelace", linkedin_url=url)
        twin = _contact(
            conn,
            1,
            first_name="Ada",
            last_name="Lovelace",
            linkedin_url=url,
            position="CTO",
            emails='["ada@example.org"]',
            tags='["vip"]',
            notes="met at the fair",
        )
        # Without a URL, the same first email is the same person.
        bob = _contact(conn, 1, first_name="Bob", emails='["BOB@example.org"]', tags='["a"]')
        bob2 = _contact(conn, 1, first_name="Bob", emails='["bob@example.org", "b2@x.org"]')
        other = _contact(conn, 1, first_name="Cy", linkedin_url="https://www.linkedin.com/in/cy")
        for contact in (ada, twin, bob2):
            conn.execute(
                text(
                    "INSERT INTO interactions (owner_id, occurred_at, channel, direction, kinds,"
                    " summary, source, created_at) VALUES (1, :now, 'call', 'gave', '[]', '',"
                    " 'manual', :now)"
                ),
                {"now": NOW},
            )
            interaction = conn.execute(text("SELECT MAX(id) FROM interactions")).scalar_one()
            conn.execute(
                insert(interaction_contacts).values(interaction_id=interaction, contact_id=contact)
            )
        conn.execute(
            text(
                "INSERT INTO stage_changes (owner_id, contact_id, stage, changed_on, note,"
                " created_at) VALUES (1, :c, 'relationship', '2026-10-01', '', :now)"
            ),
            {"c": twin, "now": NOW},
        )
    engine.dispose()

    db = open_database(empty_db_url)
    try:
        with db.transaction() as session:
            people = {c.id: c for c in session.scalars(select(Contact).order_by(Contact.id))}
            assert sorted(people) == [ada, bob, other]
            kept = people[ada]
            assert (kept.position, kept.emails, kept.tags) == ("CTO", ["ada@example.org"], ["vip"])
            assert kept.notes == "met at the fair" and kept.name_key and kept.match_key
            assert people[bob].emails == ["BOB@example.org", "b2@x.org"]
            assert people[bob].primary_email == "bob@example.org"
            links = session.execute(select(interaction_contacts.c.contact_id)).scalars().all()
            assert sorted(links) == [ada, ada, bob]
            assert session.scalar(select(StageChange.contact_id)) == ada
            emails = session.execute(
                select(contact_emails.c.contact_id, contact_emails.c.email).order_by(
                    contact_emails.c.contact_id, contact_emails.c.email
                )
            ).all()
            assert emails == [
                (ada, "ada@example.org"),
                (bob, "b2@x.org"),
                (bob, "bob@example.org"),
            ]
        # The database itself now refuses a second contact with the same URL or first email.
        for values in ({"linkedin_url": url}, {"emails": ["Bob@Example.org"]}):
            with pytest.raises(IntegrityError), db.transaction() as session:
                session.add(Contact(owner_id=1, first_name="Dup", **values))
        with db.transaction() as session:
            assert session.scalar(select(func.count()).select_from(Contact)) == 3
            # A contact with a URL may share an address (a team inbox): the URL keys it.
            session.add(
                Contact(
                    owner_id=1,
                    first_name="Bob",
                    linkedin_url="https://www.linkedin.com/in/bob",
                    emails=["bob@example.org"],
                )
            )
            session.execute(update(Contact).where(Contact.id == other).values(position="x"))
    finally:
        db.dispose()
