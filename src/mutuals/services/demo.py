"""A deterministic demo community: about 200 people with companies, profiles and interactions."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from faker import Faker
from sqlalchemy import func, select

from mutuals.domain.vocab import CHANNELS, KINDS
from mutuals.services.context import Workspace
from mutuals.store import contacts as contact_store
from mutuals.store import interactions as interaction_store
from mutuals.store.models import Contact, ImportRun, Owner
from mutuals.store.relationships import set_tag_cadence

DEMO_SOURCE = "demo"
# The demo's account: printed by `mutuals demo`, so that `make run` can be logged into. A demo
# database is for trying mutuals on one's own machine, never for real members.
DEMO_EMAIL = "demo@example.org"
DEMO_PASSWORD = "mutuals-demo"

# Offers and needs that meet in meaning more than in words, so prospecting has real work to do.
EXPERTISE: list[tuple[str, str]] = [
    ("bookkeeping and year-end tax returns", "someone to sort out my VAT and receipts"),
    ("brand identity and logo design", "a new logo and brand for our company"),
    ("React and TypeScript front-end development", "a developer to build our web app"),
    ("seed-stage angel investment", "funding for my startup"),
    ("employment law advice", "help with a contract dispute with an employee"),
    ("SEO and content marketing", "more visitors to our website"),
    ("cloud cost optimisation on AWS", "to cut our AWS cloud bill"),
    ("executive coaching for new managers", "coaching for me as a new manager"),
    ("commercial property letting", "to rent a small office space"),
    ("recruiting senior engineers", "help recruiting two senior engineers"),
    ("grant writing for nonprofits", "funding applications for our charity"),
    ("B2B sales training", "sales training for our team"),
    ("data analysis and dashboards", "dashboards to analyse our sales data"),
    ("translation between English and German", "to localise our product for Germany"),
    ("event photography", "photos for our launch party"),
    ("UX research and usability testing", "usability testing of our sign-up flow"),
    ("patent and trademark filing", "to protect our invention"),
    ("supply chain and logistics consulting", "advice on our supply chain and shipping"),
    ("cybersecurity audits", "to pass a customer security review"),
    ("public speaking coaching", "to get better at giving talks"),
]
INTERESTS = [
    "climate tech",
    "AI",
    "fintech",
    "cycling",
    "running",
    "jazz",
    "startups",
    "sustainability",
    "healthtech",
    "open source",
    "photography",
    "chess",
    "mentoring",
    "product management",
    "remote work",
]
DEMO_CADENCES = [("client", 30, 45), ("mentor", 45, 60), ("investor", 60, 90)]
TAGS = ["client", "prospect", "mentor", "investor", "partner", "friend", "alumni", "speaker"]


def is_seeded(ws: Workspace) -> bool:
    """Whether the demo community is already there."""
    with ws.db.transaction() as session:
        count = session.scalar(
            select(func.count())
            .select_from(Contact)
            .where(Contact.owner_id == ws.owner_id, Contact.source == DEMO_SOURCE)
        )
        return bool(count)


def seed_demo(ws: Workspace, *, people: int = 200, seed: int = 7, today: date | None = None) -> int:
    """Seed the demo community once; returns how many contacts were added (0 if already seeded).

    Its history ends on ``today`` (default: the workspace clock's today), so the demo always looks
    current.
    """
    if is_seeded(ws):
        return 0
    today = today or ws.clock.today()
    fake = Faker(["en_GB", "en_US", "de_DE", "fr_FR"])
    fake.seed_instance(seed)
    rng = random.Random(seed)
    companies = [fake.unique.company() for _ in range(45)]
    with ws.db.writing(ws.owner_id) as session:
        organisations = contact_store.organisation_ids(session, owner_id=ws.owner_id)
        created: list[Contact] = []
        for _ in range(people):
            first, last = fake.first_name(), fake.last_name()
            company = rng.choice(companies)
            offer, _ = rng.choice(EXPERTISE)
            _, need = rng.choice(EXPERTISE)
            position = fake.job()
            slug = f"{first}-{last}-{rng.randrange(10**6):06d}".lower().replace(" ", "-")
            created.append(
                contact_store.create_contact(
                    session,
                    owner_id=ws.owner_id,
                    organisations=organisations,
                    first_name=first,
                    last_name=last,
                    emails=[f"{first}.{last}@example.org".lower().replace(" ", "")],
                    phones=[fake.phone_number()],
                    company=company,
                    position=position,
                    location=fake.city(),
                    linkedin_url=f"https://www.linkedin.com/in/{slug}",
                    tags=sorted(set(rng.sample(TAGS, rng.randint(0, 2)))),
                    notes="",
                    source=DEMO_SOURCE,
                    connected_on=today - timedelta(days=rng.randint(10, 2500)),
                    headline=f"{position} at {company}",
                    interests=rng.sample(INTERESTS, 3),
                    offers=[offer],
                    needs=[need],
                    goals=[],
                )
            )
        session.flush()
        _seed_interactions(session, ws.owner_id, created, rng, today)
        # The demo arrives as an import would, so the home page and the import log count it.
        session.add(
            ImportRun(
                owner_id=ws.owner_id,
                kind=DEMO_SOURCE,
                path="demo community",
                finished_at=ws.clock.now(),
                status="ok",
                added=len(created),
                detail={"skipped": []},
            )
        )
        for tag, every, most in DEMO_CADENCES:
            set_tag_cadence(session, owner_id=ws.owner_id, tag=tag, every_days=every, max_days=most)
        owner = session.get_one(Owner, ws.owner_id)
        if not (owner.offers or owner.needs):
            # A member profile, so "People to meet" has something to rank from the first visit.
            owner.headline = "Founder of a small design studio"
            owner.offers = ["brand identity and logo design", "UX research and usability testing"]
            owner.needs = ["funding for my startup", "help with my bookkeeping and tax returns"]
            owner.interests = ["startups", "photography", "cycling"]
    return len(created)


def ensure_demo_account(ws: Workspace) -> tuple[str, str | None]:
    """The login for the demo's network: ``(email, password)``.

    The demo account takes over the default owner that holds the demo community. When that
    owner is already someone's account, its email is returned without a password.
    """
    from mutuals.services.accounts import add_account

    with ws.db.transaction() as session:
        owner = session.get_one(Owner, ws.owner_id)
        email = owner.email
    if email is None:
        add_account(ws, email=DEMO_EMAIL, name="Demo Member", password=DEMO_PASSWORD, role="admin")
        return DEMO_EMAIL, DEMO_PASSWORD
    return email, DEMO_PASSWORD if email == DEMO_EMAIL else None


def _seed_interactions(
    session: object, owner_id: int, contacts: list[Contact], rng: random.Random, today: date
) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    for contact in contacts:
        for _ in range(rng.choice([0, 0, 1, 2, 3, 5, 8])):
            day = today - timedelta(days=int(rng.expovariate(1 / 120)))
            interaction_store.create_interaction(
                session,
                owner_id=owner_id,
                contacts=[contact],
                occurred_at=datetime.combine(day, time(12, 0), tzinfo=UTC),
                channel=rng.choice(CHANNELS),
                direction=rng.choice(["gave", "received", "mutual"]),
                kinds=rng.sample(KINDS, rng.randint(1, 2)),
                summary="",
                source=DEMO_SOURCE,
            )
    session.flush()
