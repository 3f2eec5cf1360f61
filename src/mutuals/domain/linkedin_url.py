"""One spelling for a LinkedIn profile URL, so the same person is recognised across exports."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

_CANONICAL_PREFIX = "https://www.linkedin.com/in/"
# Country and mobile hosts (uk.linkedin.com, m.linkedin.com) point at the same profiles.
_HOST = re.compile(r"^(?:[a-z0-9-]+\.)?linkedin\.com$")
# The spellings found in nearly every export, read without the cost of a full URL split.
_COMMON = re.compile(
    r"(?:https?://)?(?:[a-z0-9-]+\.)?linkedin\.com/in/([^/?#%\s]+)/?(?:[?#].*)?", re.IGNORECASE
)


def normalise_linkedin_url(url: str) -> str:
    """Return ``https://www.linkedin.com/in/<slug>`` for any spelling of a profile URL.

    Case, trailing slashes, query strings and fragments (``?trk=...``), ``http``/``https``,
    ``www.`` or a country host, and percent-encoding are all ignored. An empty string stays
    empty. Raises ValueError when the text is not a LinkedIn profile URL.
    """
    text = url.strip()
    if not text:
        return ""
    common = _COMMON.fullmatch(text)
    if common:
        return _CANONICAL_PREFIX + common.group(1).lower()
    if "://" not in text:
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise ValueError(f"not a URL: {url!r}") from exc
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in ("http", "https") or not _HOST.match(host):
        raise ValueError(f"not a LinkedIn profile URL: {url!r}")
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) < 2 or segments[0].lower() != "in":
        raise ValueError(f"not a LinkedIn profile URL (expected /in/<name>): {url!r}")
    slug = unquote(segments[1]).strip().lower()
    if not slug or any(ch.isspace() for ch in slug):
        raise ValueError(f"not a LinkedIn profile URL (bad profile name): {url!r}")
    return _CANONICAL_PREFIX + slug
