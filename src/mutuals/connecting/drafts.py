"""Outreach drafts: a connection note, a double opt-in intro request and a follow-up, from Jinja2
templates whose first line is ``Subject: ...``. The caller supplies the template environment, so
a member's own templates can override the defaults."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal, get_args

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, StrictUndefined

DraftKind = Literal["connect", "intro", "follow-up"]
DRAFT_KINDS: Final[tuple[DraftKind, ...]] = get_args(DraftKind)
# Context a template may use that a caller need not give: a follow-up's event.
OPTIONAL: Final[dict[str, dict[str, Any]]] = {
    "follow-up": {"event": "", "event_date": "", "event_place": ""},
}
# LinkedIn's limit for a note sent with a connection request.
LINKEDIN_NOTE_CHARS: Final = 300


@dataclass(frozen=True, slots=True)
class Draft:
    """A rendered draft: its subject line and body."""

    kind: DraftKind
    subject: str
    body: str


def template_environment(loader: BaseLoader | None = None) -> Environment:
    """An environment that looks in ``loader`` first (may be None), then the shipped templates."""
    shipped = PackageLoader("mutuals", "connecting/templates")
    return Environment(
        loader=shipped if loader is None else ChoiceLoader([loader, shipped]),
        undefined=StrictUndefined,
        autoescape=False,  # plain-text mail, never HTML
        keep_trailing_newline=False,
    )


def _split(text: str) -> tuple[str, str]:
    first, _, rest = text.partition("\n")
    if not first.lower().startswith("subject:"):
        return "", text.strip()
    return first.split(":", 1)[1].strip(), rest.strip()


def _shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, ending with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def render_draft(
    env: Environment,
    kind: DraftKind,
    context: Mapping[str, Any],
    *,
    max_chars: int | None = None,
) -> Draft:
    """Render the ``kind`` template with ``context``.

    With ``max_chars`` the body must fit: first the optional parts are dropped (the mutual
    interest, then the mutual connection), then the text is cut at a word boundary.
    """
    if kind not in DRAFT_KINDS:
        raise ValueError(f"unknown draft '{kind}'; choose one of: {', '.join(DRAFT_KINDS)}")
    if max_chars is not None and max_chars < 20:
        raise ValueError("--max-chars must be at least 20")
    template = env.get_template(f"{kind}.txt")
    # Optional parts default to absent, so a caller (or an older member template) that knows
    # nothing of them still renders under StrictUndefined.
    values = {**OPTIONAL.get(kind, {}), **context}
    subject, body = _split(template.render(**values))
    for optional in ("interest", "mutual"):
        if max_chars is None or len(body) <= max_chars:
            break
        if values.get(optional):
            values[optional] = ""
            subject, body = _split(template.render(**values))
    if max_chars is not None:
        body = _shorten(body, max_chars)
    return Draft(kind=kind, subject=subject, body=body)


# The reasons of prospecting speak to the member ("you offer X, which they need"); a note is
# written by the member, so "you" becomes "I", and "they" becomes whoever the other person is to
# the reader. The phrases between asterisks are the people's own words and stay as they are.
_PRONOUN: Final = re.compile(r"\b(?:[Yy]ou share|[Yy]ou|[Tt]hey)\b")


def said_to_them(reason: str, *, they: str = "you") -> str:
    """A prospecting reason as the member would write it, without the emphasis marks.

    Written to the other person (``they="you"``), "You offer *audits*, which they need (*a
    review*)." becomes "I offer audits, which you need (a review)."; to a friend asked for an
    introduction (``they="they"``), "I offer audits, which they need (a review)."
    """
    if reason.startswith("No clear overlap"):
        return ""
    parts = reason.replace(" (one-sided so far)", "").split("*")

    def turn(match: re.Match[str]) -> str:
        word = match.group(0)
        if word.casefold() == "you share":
            return ("We" if word[0] == "Y" else "we") + " share"
        if word.casefold() == "you":
            return "I"
        return they.capitalize() if word[0] == "T" else they

    return "".join(p if i % 2 else _PRONOUN.sub(turn, p) for i, p in enumerate(parts))
