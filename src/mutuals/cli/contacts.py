"""``mutuals contacts``: list, search, show, add, edit and tag contacts."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mutuals.cli.dates import TodayOption, as_of
from mutuals.cli.state import LazyConsole, print_json, state

contacts_app = typer.Typer(
    help="See, search, add, edit and tag your contacts.", no_args_is_help=True
)
console = LazyConsole()

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def register(app: typer.Typer) -> None:
    # Adds ``contacts delete`` and ``contacts merge`` to contacts_app.
    from mutuals.cli import contact_changes  # noqa: F401

    app.add_typer(contacts_app, name="contacts")


@contacts_app.command("list")
def list_(
    ctx: typer.Context,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Words to find in name, company, email.")
    ] = None,
    tag: Annotated[
        str | None, typer.Option("--tag", "-t", help="Only contacts with this tag.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """List contacts, optionally searched and filtered by tag.

    Example: mutuals contacts list --search acme --tag client
    """
    from rich.table import Table

    from mutuals.services.quick_contacts import list_contacts_quickly

    found = None
    url = state(ctx).quick_database_url()
    if url is not None:
        # A SQLite file at the newest schema is read without SQLAlchemy and pydantic, whose
        # imports would take most of the command's time; anything else takes the full path.
        found = list_contacts_quickly(url, search=search, tag=tag, limit=limit)
    if found is None:
        from mutuals.services import contacts as service

        found = service.list_contacts(state(ctx).workspace(), search=search, tag=tag, limit=limit)
    if as_json:
        print_json(found)
        return
    table = Table("id", "name", "company", "position", "tags", title=f"{len(found)} contacts")
    for c in found:
        table.add_row(str(c["id"]), c["name"], c["company"], c["position"], ", ".join(c["tags"]))
    console.print(table)


@contacts_app.command("show")
def show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="ID|NAME", help="The contact's id or name.")],
    today: TodayOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Show one contact with its strength, band, stage, give-and-receive ledger and timeline.

    Example: mutuals contacts show "Ada Lovelace" --today 2026-12-01 --json
    """
    from mutuals.services.standing import contact_standing

    day = as_of(ctx, today)
    contact = contact_standing(state(ctx).workspace(), ref, today=day)
    if as_json:
        print_json(contact)
        return
    _print_contact(contact)
    _print_standing(contact)


@contacts_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Full name, e.g. 'Ada Lovelace'.")],
    email: Annotated[list[str] | None, typer.Option(help="Email (repeatable).")] = None,
    phone: Annotated[list[str] | None, typer.Option(help="Phone (repeatable).")] = None,
    company: Annotated[str, typer.Option(help="Company or organisation.")] = "",
    position: Annotated[str, typer.Option(help="Job title.")] = "",
    location: Annotated[str, typer.Option(help="City or region.")] = "",
    linkedin: Annotated[str, typer.Option(help="LinkedIn profile URL.")] = "",
    tag: Annotated[list[str] | None, typer.Option(help="Tag (repeatable).")] = None,
    note: Annotated[str, typer.Option(help="A note.")] = "",
    force: Annotated[
        bool, typer.Option("--force", help="Add even if the contact looks like one you have.")
    ] = False,
    update: Annotated[
        bool,
        typer.Option("--update", help="If the contact looks like one you have, update that one."),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Add a contact. If it looks like one you have (same email, LinkedIn URL, or name and
    company), says so and offers to update that one instead; --force adds a second anyway.

    Example: mutuals contacts add "Ada Lovelace" --email ada@example.org --company Analytical --tag mentor
    """
    from mutuals.services import contacts as service

    ws = state(ctx).workspace()
    if not force:
        from mutuals.cli.contact_changes import offer_update

        updated = offer_update(
            ws,
            name=name,
            emails=email or [],
            phones=phone or [],
            company=company,
            position=position,
            location=location,
            linkedin_url=linkedin,
            tags=tag or [],
            notes=note,
            update=update,
        )
        if updated is not None:
            if as_json:
                print_json(updated)
            else:
                console.print(f"Updated #{updated['id']} {updated['name']}")
            return
    contact = service.add_contact(
        ws,
        name=name,
        emails=email or [],
        phones=phone or [],
        company=company,
        position=position,
        location=location,
        linkedin_url=linkedin,
        tags=tag or [],
        notes=note,
    )
    if as_json:
        print_json(contact)
    else:
        console.print(f"Added #{contact['id']} {contact['name']}")


@contacts_app.command("edit")
def edit(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="ID|NAME", help="The contact's id or name.")],
    name: Annotated[str | None, typer.Option(help="New full name.")] = None,
    email: Annotated[list[str] | None, typer.Option(help="Replace emails (repeatable).")] = None,
    phone: Annotated[list[str] | None, typer.Option(help="Replace phones (repeatable).")] = None,
    company: Annotated[str | None, typer.Option(help="Company.")] = None,
    position: Annotated[str | None, typer.Option(help="Job title.")] = None,
    location: Annotated[str | None, typer.Option(help="City or region.")] = None,
    linkedin: Annotated[str | None, typer.Option(help="LinkedIn profile URL.")] = None,
    notes: Annotated[str | None, typer.Option(help="Replace the notes.")] = None,
    headline: Annotated[str | None, typer.Option(help="Headline.")] = None,
    offer: Annotated[
        list[str] | None, typer.Option(help="Replace what they offer (repeatable).")
    ] = None,
    need: Annotated[
        list[str] | None, typer.Option(help="Replace what they need (repeatable).")
    ] = None,
    interest: Annotated[
        list[str] | None, typer.Option(help="Replace their interests (repeatable).")
    ] = None,
    goal: Annotated[
        list[str] | None, typer.Option(help="Replace their goals (repeatable).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Change a contact's fields; options not given stay as they are. A repeatable option
    replaces the whole list; give it once with an empty value to clear it.

    Example: mutuals contacts edit 12 --position "CTO" --need "a bookkeeper" --need "an office"
    """
    from mutuals.services import contacts as service

    contact = service.edit_contact(
        state(ctx).workspace(),
        ref,
        name=name,
        emails=email,
        phones=phone,
        company=company,
        position=position,
        location=location,
        linkedin_url=linkedin,
        notes=notes,
        headline=headline,
        offers=offer,
        needs=need,
        interests=interest,
        goals=goal,
    )
    if as_json:
        print_json(contact)
    else:
        console.print(f"Updated #{contact['id']} {contact['name']}")


@contacts_app.command("tag")
def tag(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="ID|NAME", help="The contact's id or name.")],
    tags: Annotated[list[str] | None, typer.Argument(help="Tags to add.")] = None,
    remove: Annotated[
        list[str] | None, typer.Option("--remove", "-r", help="Tag to remove.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add (or with --remove, take away) tags on a contact.

    Example: mutuals contacts tag "Ada Lovelace" client investor --remove prospect
    """
    from mutuals.services import contacts as service

    contact = service.tag_contact(state(ctx).workspace(), ref, add=tags or [], remove=remove or [])
    if as_json:
        print_json(contact)
    else:
        console.print(
            f"#{contact['id']} {contact['name']}: {', '.join(contact['tags']) or 'no tags'}"
        )


def _print_contact(contact: dict[str, Any]) -> None:
    from rich.table import Table

    table = Table(show_header=False, box=None, title=f"#{contact['id']} {contact['name']}")
    for label, key in (
        ("Company", "company"),
        ("Position", "position"),
        ("Location", "location"),
        ("Headline", "headline"),
        ("LinkedIn", "linkedin_url"),
        ("Connected on", "connected_on"),
        ("Source", "source"),
        ("Notes", "notes"),
    ):
        if contact.get(key):
            table.add_row(label, str(contact[key]))
    for label, key in (
        ("Emails", "emails"),
        ("Phones", "phones"),
        ("Tags", "tags"),
        ("Offers", "offers"),
        ("Needs", "needs"),
        ("Interests", "interests"),
    ):
        if contact.get(key):
            table.add_row(label, "; ".join(contact[key]))
    console.print(table)


def _print_standing(contact: dict[str, Any]) -> None:
    from rich.table import Table

    follow_up = contact["follow_up"]
    ledger = contact["ledger"]
    table = Table(show_header=False, box=None, title=f"Relationship as of {contact['today']}")
    table.add_row("Strength", f"{contact['strength']:.0f} ({contact['band']})")
    table.add_row("Stage", contact["stage"])
    suggestion = contact["stage_suggestion"]
    if suggestion:
        table.add_row(
            "Suggested stage",
            f"{suggestion['suggested']} ({suggestion['reason']}): "
            f"mutuals stage {contact['id']} --accept",
        )
    table.add_row(
        "Given / received",
        f"{ledger['given']} / {ledger['received']} (referrals {ledger['referrals_given']} / "
        f"{ledger['referrals_received']}, introductions {ledger['introductions_given']} / "
        f"{ledger['introductions_received']})",
    )
    if follow_up["cadence"]:
        cadence = follow_up["cadence"]
        table.add_row(
            "Stay in touch",
            f"every {cadence['every_days']} days, max {cadence['max_days']} "
            f"({cadence['source']}): {follow_up['status']}",
        )
    if follow_up["snoozed_until"]:
        table.add_row("Snoozed until", follow_up["snoozed_until"])
    console.print(table)
    timeline = Table("on", "channel", "direction", "kinds", "note", title="Timeline")
    for row in contact["timeline"]:
        note = row["note"]
        if row["with"]:
            note = f"{note} (with {', '.join(row['with'])})".strip()
        timeline.add_row(row["on"], row["channel"], row["direction"], ", ".join(row["kinds"]), note)
    if contact["timeline"]:
        console.print(timeline)
    else:
        console.print("No interactions yet. Log one with: mutuals log NAME --channel ...")
