"""The JSON API fuzzed against its own OpenAPI schema (schemathesis): every operation, DELETE
and merge included, answers only what the schema documents and never a server error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from mutuals.services.contacts import add_contact
from mutuals.services.context import Workspace, open_workspace
from mutuals.settings import Settings, sqlite_url
from mutuals.web.app import create_app


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    folder: Path = tmp_path_factory.mktemp("api")
    ws: Workspace = open_workspace(
        Settings(data_dir=folder, database_url=sqlite_url(folder / "api.db"))
    )
    for number in range(1, 6):
        add_contact(ws, name=f"Person {number}", emails=[f"p{number}@example.org"])
    try:
        yield schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(ws))
    finally:
        ws.close()


def _operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]


def test_api_conforms_to_its_schema(api_schema: Any) -> None:
    # schemathesis's own pytest plugin does not run under this pytest, so each operation's
    # strategy drives Hypothesis directly; the checks are schemathesis's own.
    for operation in _operations(api_schema):

        @given(case=operation.as_strategy())
        @settings(
            max_examples=30,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def conforms(case: Any) -> None:
            case.call_and_validate()

        conforms()


def test_the_schema_covers_delete_and_merge(api_schema: Any) -> None:
    operations = {(op.method.upper(), op.path) for op in _operations(api_schema)}
    assert ("DELETE", "/api/v1/contacts/{contact_id}") in operations
    assert ("POST", "/api/v1/contacts/{contact_id}/merge") in operations
    assert ("PATCH", "/api/v1/contacts/{contact_id}") in operations
