"""The API's documentation, offline: Swagger UI's files come from a package, not a CDN.

The page loads its script from /static (the Content-Security-Policy allows no inline script);
the OpenAPI schema is public at /api/v1/openapi.json, since it holds nobody's data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import fastapi_offline
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from mutuals.web.access import public
from mutuals.web.templating import templates

router = APIRouter(include_in_schema=False)

OPENAPI_PATH: Final = "/api/v1/openapi.json"
# Swagger UI's bundle and stylesheet, as the fastapi-offline package ships them.
SWAGGER_ASSETS: Final = Path(fastapi_offline.__file__).with_name("static")
SWAGGER_MOUNT: Final = "/static/swagger"


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "docs.html", {"openapi_url": OPENAPI_PATH})


@router.get(OPENAPI_PATH)
@public
def openapi_schema(request: Request) -> JSONResponse:
    return JSONResponse(with_bearer_auth(request.app.openapi()))


def with_bearer_auth(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema, saying that every API call takes ``Authorization: Bearer TOKEN``."""
    components = {**schema.get("components", {})}
    components["securitySchemes"] = {
        "bearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "A token from `mutuals user token EMAIL`. Local mode needs none.",
        }
    }
    return {**schema, "components": components, "security": [{"bearer": []}]}
