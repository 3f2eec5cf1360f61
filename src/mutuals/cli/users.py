"""``mutuals user``: accounts on a community server (members, organisers, admins), their
passwords, API tokens and invitations."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from mutuals.cli.state import LazyConsole, print_json, state

user_app = typer.Typer(
    help="Manage accounts: add members, set roles and passwords, issue API tokens, invite.",
    no_args_is_help=True,
)
console = LazyConsole()


class RoleChoice(StrEnum):
    member = "member"
    organiser = "organiser"
    admin = "admin"


class Switch(StrEnum):
    on = "on"
    off = "off"


EmailArg = Annotated[str, typer.Argument(help="The account's email address.", metavar="EMAIL")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help="Read the password from standard input (for scripts); otherwise it is asked for.",
    ),
]


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")


def read_password(from_stdin: bool) -> str:
    """The new password: standard input's first line, or asked for twice without echo."""
    if from_stdin:
        text = sys.stdin.readline()
        given = text.removesuffix("\n").removesuffix("\r")
        if not given:
            raise typer.BadParameter(
                "standard input held no password", param_hint="'--password-stdin'"
            )
        return given
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@user_app.command("add")
def add(
    ctx: typer.Context,
    email: EmailArg,
    name: Annotated[str, typer.Option("--name", help="The member's name.")],
    role: Annotated[
        RoleChoice | None,
        typer.Option(help="member (default), organiser or admin; the first account is an admin."),
    ] = None,
    password_stdin: PasswordStdin = False,
    as_json: JsonFlag = False,
) -> None:
    """Add an account. The first one takes over the network you already have.

    Example: echo 'a long passphrase' | mutuals user add ada@example.org --name "Ada Lovelace" --password-stdin
    """
    from mutuals.services import accounts

    password = read_password(password_stdin)
    account, adopted = accounts.add_account(
        state(ctx).workspace(),
        email=email,
        name=name,
        password=password,
        role=role.value if role else None,
    )
    if as_json:
        print_json({**account.as_dict(), "took_over_local_network": adopted})
        return
    console.print(f"Added {account.email} ({account.role}).")
    if adopted:
        console.print(
            "This first account owns the network that was here (its contacts, interactions "
            "and profile). From now on every page of `mutuals serve` needs a login."
        )


@user_app.command("list")
def list_(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """List the accounts with their role, sharing choice and number of contacts.

    Example: mutuals user list --json
    """
    from rich.table import Table

    from mutuals.services import accounts

    rows = accounts.list_accounts(state(ctx).workspace())
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("No accounts: local mode (add one with `mutuals user add`).")
        return
    table = Table(title=f"{len(rows)} accounts")
    for column in ("email", "name", "role", "shares", "contacts"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row["email"],
            row["name"],
            row["role"],
            "yes" if row["shares_network"] else "no",
            str(row["contacts"]),
        )
    console.print(table)


@user_app.command("role")
def role(
    ctx: typer.Context,
    email: EmailArg,
    new_role: Annotated[
        RoleChoice, typer.Argument(metavar="ROLE", help="member, organiser or admin.")
    ],
) -> None:
    """Change an account's role (the last admin cannot step down).

    Example: mutuals user role grace@example.org organiser
    """
    from mutuals.services import accounts

    account = accounts.set_role(state(ctx).workspace(), email, new_role.value)
    console.print(f"{account.email} is now {account.role}.")


@user_app.command("password")
def password(ctx: typer.Context, email: EmailArg, password_stdin: PasswordStdin = False) -> None:
    """Set a new password; the account is signed out everywhere.

    Example: echo 'another long passphrase' | mutuals user password ada@example.org --password-stdin
    """
    from mutuals.services import accounts

    ended = accounts.set_password(state(ctx).workspace(), email, read_password(password_stdin))
    console.print(f"Password changed; {ended} session{'s' if ended != 1 else ''} signed out.")


@user_app.command("remove")
def remove(
    ctx: typer.Context,
    email: EmailArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Remove an account and delete its whole network (asks first).

    Example: mutuals user remove grace@example.org
    """
    from mutuals.services import accounts

    ws = state(ctx).workspace()
    summary = accounts.removal_summary(ws, email)
    typer.echo(
        f"Removing {summary['email']} deletes their whole network: {summary['contacts']} "
        f"contacts, {summary['interactions']} interactions, their profile, cadences, import "
        f"log, API tokens and sessions, and the {summary['community_ties']} ties they share with "
        "the community. It cannot be undone; a backup first keeps a copy "
        f"(mutuals --user {summary['email']} export json --mine FILE)."
    )
    if not yes and not typer.confirm("Remove this account?", default=False):
        typer.echo("Nothing removed.")
        raise typer.Exit(1)
    accounts.remove_account(ws, email)
    typer.echo(f"Removed {summary['email']} and their network.")


@user_app.command("token")
def token(
    ctx: typer.Context,
    email: EmailArg,
    label: Annotated[str, typer.Option(help="What the token is for, to revoke it by.")] = "default",
    as_json: JsonFlag = False,
) -> None:
    """Issue an API token (shown once; only its hash is kept). Send it as `Authorization: Bearer`.

    Example: mutuals user token ada@example.org --label laptop --json
    """
    from mutuals.services import signin

    value = signin.issue_token(state(ctx).workspace(), email, label=label)
    if as_json:
        print_json({"token": value})
        return
    typer.echo(value)
    typer.echo("Keep it now: it is not shown again. Use: Authorization: Bearer <token>", err=True)


@user_app.command("revoke")
def revoke(
    ctx: typer.Context,
    email: EmailArg,
    label: Annotated[
        str | None, typer.Option(help="Revoke only this token (default: all of them).")
    ] = None,
) -> None:
    """Revoke an account's API tokens: the one with --label, or all.

    Example: mutuals user revoke ada@example.org --label laptop
    """
    from mutuals.services import signin

    count = signin.revoke_tokens(state(ctx).workspace(), email, label=label)
    console.print(f"Revoked {count} token{'s' if count != 1 else ''}.")


@user_app.command("invite")
def invite(
    ctx: typer.Context,
    email: EmailArg,
    role: Annotated[
        RoleChoice, typer.Option(help="The role the new account gets.")
    ] = RoleChoice.member,
    days: Annotated[int, typer.Option(help="How long the link works.", min=1, max=90)] = 7,
    base_url: Annotated[
        str | None,
        typer.Option(
            help="The server's address (default: MUTUALS_BASE_URL or http://127.0.0.1:8000)."
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Invite someone: prints a one-time sign-up link to send them.

    Example: mutuals user invite grace@example.org --base-url https://network.example.org
    """
    from mutuals.services import invitations

    st = state(ctx)
    key = invitations.invite(st.workspace(), email, role=role.value, days=days)
    link = invitations.invitation_link(base_url or st.settings.base_url, key)
    if as_json:
        print_json({"email": email.strip().lower(), "role": role.value, "link": link})
        return
    typer.echo(link)
    typer.echo(f"Send this link to {email.strip()}; it works once, for {days} days.", err=True)


@user_app.command("invitations")
def invitations_switch(
    ctx: typer.Context,
    switch: Annotated[
        Switch | None, typer.Argument(help="on or off; without it, show the setting.")
    ] = None,
) -> None:
    """Turn sign-up by invitation on or off (off also stops links already sent).

    Example: mutuals user invitations off
    """
    from mutuals.services import invitations

    ws = state(ctx).workspace()
    if switch is not None:
        invitations.set_invitations(ws, open_=switch is Switch.on)
    status = "on" if invitations.invitations_open(ws) else "off"
    console.print(f"Invitations are {status}.")
