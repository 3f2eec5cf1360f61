"""Who is asking, and which paths need nobody: the principal and the declared public paths.

Every path needs a signed-in account once accounts exist, except the public ones. A route
declares itself public with ``@public``; mounts named in ``PUBLIC_MOUNTS`` (static files) are
public too. Later routers extend the list the same way, so the rule stays in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeVar

from fastapi.routing import iter_route_contexts
from starlette.routing import BaseRoute, Mount

from mutuals.domain.account import role_at_least

PUBLIC_ATTR: Final = "__mutuals_public__"
PUBLIC_MOUNTS: Final = frozenset({"static", "swagger"})

Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])
Via = Literal["local", "session", "token", "anonymous"]


def public(endpoint: Endpoint) -> Endpoint:
    """Mark a route's endpoint as reachable without a login (put it under ``@router.get``)."""
    setattr(endpoint, PUBLIC_ATTR, True)
    return endpoint


def is_public_endpoint(endpoint: object) -> bool:
    return bool(getattr(endpoint, PUBLIC_ATTR, False))


@dataclass(frozen=True)
class PublicPaths:
    """The paths anyone may request, compiled from the app's routes."""

    patterns: tuple[re.Pattern[str], ...]
    prefixes: tuple[str, ...]

    @classmethod
    def of(cls, routes: Iterable[BaseRoute]) -> PublicPaths:
        """Collect the public paths from every route, including those of included routers."""
        patterns: list[re.Pattern[str]] = []
        prefixes: list[str] = []
        for route in iter_route_contexts(list(routes)):
            if isinstance(route.original_route, Mount):
                if route.name in PUBLIC_MOUNTS:
                    prefixes.append(str(route.path).rstrip("/") + "/")
            elif is_public_endpoint(route.endpoint):
                patterns.append(route.path_regex)
        return cls(patterns=tuple(patterns), prefixes=tuple(prefixes))

    def allows(self, path: str) -> bool:
        """Whether ``path`` may be requested without a login."""
        return path.startswith(self.prefixes) or any(p.match(path) for p in self.patterns)


@dataclass(frozen=True)
class Principal:
    """Who a request acts for: an account (by session or token), the local user, or nobody."""

    via: Via
    owner_id: int | None = None
    role: str = "anonymous"
    email: str | None = None
    name: str = ""
    # The session's key (from its cookie) binds form tokens to it and lets logout end it.
    session_key: str | None = None

    @property
    def signed_in(self) -> bool:
        """Whether an account is signed in (a session or an API token)."""
        return self.via in ("session", "token")

    def can(self, role: str) -> bool:
        """Whether this principal has at least ``role``'s rights (local mode has them all)."""
        return self.via == "local" or (self.signed_in and role_at_least(self.role, role))


ANONYMOUS: Final = Principal(via="anonymous")
