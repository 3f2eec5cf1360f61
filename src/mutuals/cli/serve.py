"""``mutuals serve``: run the web app; beyond this machine only with accounts."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from mutuals.cli.state import state


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable only from this machine (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


NO_ACCOUNTS = (
    "{host} is reachable from other machines, and this database has no accounts yet, so "
    "anyone could read and change everything. Add the first account, then serve again:\n"
    "  mutuals user add you@example.org --name 'Your Name'\n"
    "(or serve on 127.0.0.1 only, which needs no login)"
)


def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on; beyond loopback needs accounts.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[bool, typer.Option("--demo", help="Seed the demo community first.")] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Worker processes. Several need PostgreSQL to share live event updates at once "
            "(on SQLite they catch up within a second).",
        ),
    ] = 1,
) -> None:
    """Serve the web app (contacts, API and OpenAPI docs at /docs).

    On 127.0.0.1 without accounts it needs no login; on any other address it needs accounts
    (mutuals user add), and every page asks for a login.

    Example: mutuals serve --port 8000
    """
    import uvicorn

    from mutuals.services.demo import ensure_demo_event, seed_demo
    from mutuals.services.signin import any_account
    from mutuals.web.app import create_app

    ws = state(ctx).workspace()
    if demo:
        from mutuals.cli.demo import print_demo_login

        seed_demo(ws)
        ensure_demo_event(ws)
        print_demo_login(ws)
    local = is_loopback(host)
    if not local and not any_account(ws):
        # A ValueError is printed plainly (exit 2), so the command to run stays on one line.
        raise ValueError(NO_ACCOUNTS.format(host=host))
    mode = "login required" if any_account(ws) else "local mode: no login"
    typer.echo(f"mutuals is serving on http://{host}:{port} ({mode}; Ctrl+C to stop)")
    if workers > 1:
        import os

        from mutuals.web.factory import OPEN_ENV

        # Each worker makes its own app from the environment, as this command resolved it.
        os.environ["MUTUALS_DATABASE_URL"] = ws.settings.resolved_database_url()
        os.environ[OPEN_ENV] = "1" if local else "0"
        ws.close()
        uvicorn.run(
            "mutuals.web.factory:create_from_environment",
            factory=True,
            workers=workers,
            host=host,
            port=port,
            log_level="warning",
        )
        return
    uvicorn.run(
        create_app(ws, open_without_accounts=local, warm=True, serving=True),
        host=host,
        port=port,
        log_level="warning",
    )
