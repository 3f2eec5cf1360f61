"""``mutuals share``: share your network's ties with the community, or stop sharing."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from mutuals.cli.state import LazyConsole, print_json, state

console = LazyConsole()


class ShareAction(StrEnum):
    on = "on"
    off = "off"
    refresh = "refresh"


def register(app: typer.Typer) -> None:
    app.command("share")(share)


def share(
    ctx: typer.Context,
    action: Annotated[
        ShareAction | None,
        typer.Argument(help="on, off or refresh; without it, show whether you share."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Share your ties with the community (name, company, position, LinkedIn URL and strength;
    never emails, phones, notes or interactions). Off deletes them at once.

    Example: mutuals share on
    """
    from mutuals.services.community import refresh_community_ties, set_sharing, sharing_status

    ws = state(ctx).workspace()
    if action is ShareAction.on or action is ShareAction.off:
        status = set_sharing(ws, on=action is ShareAction.on)
    else:
        if action is ShareAction.refresh:
            refresh_community_ties(ws)
        status = sharing_status(ws)
    if as_json:
        print_json(status)
    elif status["sharing"]:
        console.print(
            f"Sharing is on: {status['ties']} ties shared with the community "
            "(name, company, position, LinkedIn URL and strength; never emails, phones, notes "
            "or interactions). `mutuals share refresh` updates them; `mutuals share off` deletes them."
        )
    else:
        console.print(
            "Sharing is off: nothing of your network is shared. `mutuals share on` shares it."
        )
