"""``mutuals serve``: run the web app."""

from __future__ import annotations

from typing import Annotated

import typer

from mutuals.cli.state import state


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[bool, typer.Option("--demo", help="Seed the demo community first.")] = False,
) -> None:
    """Serve the web app (contacts, API and OpenAPI docs at /docs).

    Example: mutuals serve --port 8000
    """
    import uvicorn

    from mutuals.services.demo import seed_demo
    from mutuals.web.app import create_app

    ws = state(ctx).workspace()
    if demo:
        seed_demo(ws)
    typer.echo(f"mutuals is serving on http://{host}:{port} (Ctrl+C to stop)")
    uvicorn.run(create_app(ws), host=host, port=port, log_level="warning")
