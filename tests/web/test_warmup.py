"""The server loads the similarity model in the background as it starts."""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient

from mutuals.services.context import Workspace
from mutuals.web import warmup
from mutuals.web.app import create_app


def test_the_model_loads_in_a_background_thread_at_start(
    sqlite_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[tuple[str, str]] = []

    class Backend:
        def embed(self, texts: list[str]) -> None:
            loaded.append((threading.current_thread().name, texts[0]))

    monkeypatch.setattr(warmup, "get_backend", lambda name: Backend())
    app = create_app(sqlite_workspace, warm=True)
    with TestClient(app) as client:
        app.state.warmup.join(timeout=10)
        assert client.get("/").status_code == 200
    assert loaded == [("mutuals-model-warmup", "warming up")]


def test_no_warm_up_unless_asked(sqlite_workspace: Workspace) -> None:
    app = create_app(sqlite_workspace)
    with TestClient(app):
        assert not hasattr(app.state, "warmup")
