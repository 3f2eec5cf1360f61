"""A shared person's identity key: normalised LinkedIn URL, name and company, in one string.

Stored with every shared and community tie when it is written, so that building the tie graph
compares keys instead of normalising names and URLs again.
"""

from __future__ import annotations

import re

from mutuals.domain.linkedin_url import normalise_linkedin_url

# Stored URLs are already in this form; recognising it is much cheaper than normalising.
_CANONICAL = re.compile(r"https://www\.linkedin\.com/in/[^/?#%\sA-Z]+")


def url_key(url: str) -> str:
    """The normalised profile URL, or "" when the text is empty or not a profile URL."""
    if not url or _CANONICAL.fullmatch(url):
        return url
    try:
        return normalise_linkedin_url(url)
    except ValueError:
        return ""


def name_company_key(name: str, company: str) -> tuple[str, str]:
    """Name and company compared without case or spacing differences."""
    return " ".join(name.casefold().split()), " ".join(company.casefold().split())


# Separates the parts of a person key; it cannot occur in a name, a company or a profile URL.
KEY_SEP = "\x1f"


def person_key(name: str, company: str, linkedin_url: str) -> str:
    """What identifies a shared person, computed once when the share is stored: the normalised
    LinkedIn URL, the name and the company without case or spacing differences."""
    name_key, company_key = name_company_key(name, company)
    return KEY_SEP.join((url_key(linkedin_url), name_key, company_key))


def split_person_key(key: str) -> tuple[str, str, str]:
    """``(url, name, company)`` of a ``person_key`` (all empty for a row stored without one)."""
    try:
        url, name, company = key.split(KEY_SEP, 2)
    except ValueError:
        return "", "", ""
    return url, name, company
