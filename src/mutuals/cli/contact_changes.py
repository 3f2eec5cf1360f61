"""``mutuals contacts delete`` and ``merge``, and the duplicate check of ``contacts add``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from mutuals.cli.contacts import JsonFlag, console, contacts_app
from mutuals.cli.state import print_json, state

if TYPE_CHECKING:
    from mutuals.services.context import Workspace

YesFlag = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


def offer_update(ws: Workspace, *, name: str, update: bool, **typed: Any) -> dict[str, Any] | None:
    """If the typed contact matches one already there, warn and offer to update that one.

    Returns the updated contact, or None when nothing matches (the caller adds it). Declining
    adds nothing: exit status 1, naming ``--force`` and ``--update``.
    """
    from mutuals.services.contact_changes import find_matches, update_from

    matches = find_matches(
        ws,
        name=name,
        emails=typed["emails"],
        linkedin_url=typed["linkedin_url"],
        company=typed["company"],
    )
    if not matches:
        return None
    err = typer.echo
    for match in matches:
        err(
            f"{name} looks like #{match['id']} {match['name']} "
            f"({match['company'] or 'no company'}): {match['reason']}.",
            err=True,
        )
    target = matches[0]
    if len(matches) > 1 and update:
        err("Several contacts match; update one by id with: mutuals contacts edit ID", err=True)
        raise typer.Exit(1)
    if not update and not typer.confirm(
        f"Update #{target['id']} with these details instead?", default=False, err=True
    ):
        err(
            "Nothing added. Add a second contact anyway with --force, or update the "
            "existing one with --update.",
            err=True,
        )
        raise typer.Exit(1)
    return update_from(ws, int(target["id"]), name=name, **typed)


@contacts_app.command("delete")
def delete(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="ID|NAME", help="The contact's id or name.")],
    yes: YesFlag = False,
    as_json: JsonFlag = False,
) -> None:
    """Delete a contact, with the interactions that were with them alone (asks first).

    Example: mutuals contacts delete 12 --yes
    """
    from mutuals.services.contact_changes import delete_contact
    from mutuals.services.contacts import resolve_contact

    ws = state(ctx).workspace()
    contact = resolve_contact(ws, ref)
    if not yes and not typer.confirm(
        f"Delete #{contact['id']} {contact['name']}? This cannot be undone", default=False
    ):
        typer.echo("Nothing deleted.")
        raise typer.Exit(1)
    gone = delete_contact(ws, f"#{contact['id']}")
    if as_json:
        print_json(gone)
    else:
        console.print(
            f"Deleted #{gone['id']} {gone['name']} and {gone['interactions_deleted']} "
            "interactions with them alone"
        )


@contacts_app.command("merge")
def merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(metavar="KEEP", help="The contact to keep (id or name).")],
    other: Annotated[
        str, typer.Argument(metavar="OTHER", help="The contact merged in, then deleted.")
    ],
    yes: YesFlag = False,
    as_json: JsonFlag = False,
) -> None:
    """Merge OTHER into KEEP: every interaction moves, fields combine by the import rules, and
    OTHER is deleted (asks first).

    Example: mutuals contacts merge 12 57 --yes
    """
    from mutuals.services.contact_changes import merge_contacts
    from mutuals.services.contacts import resolve_contact

    ws = state(ctx).workspace()
    kept, gone = resolve_contact(ws, keep), resolve_contact(ws, other)
    if not yes and not typer.confirm(
        f"Merge #{gone['id']} {gone['name']} into #{kept['id']} {kept['name']} and delete "
        f"#{gone['id']}?",
        default=False,
    ):
        typer.echo("Nothing merged.")
        raise typer.Exit(1)
    merged = merge_contacts(ws, f"#{kept['id']}", f"#{gone['id']}")
    if as_json:
        print_json(merged)
    else:
        console.print(
            f"Merged #{merged['merged_from']} into #{merged['id']} {merged['name']} "
            f"({merged['interactions_moved']} interactions moved)"
        )
