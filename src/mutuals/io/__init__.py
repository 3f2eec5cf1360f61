"""Import and export formats: LinkedIn exports, vCard, CSV; parsers return plain records.

The names below load their module on first use: vCard and the other readers pull in libraries
that a command only reading :class:`ImportFailure` (say, ``schedule``) should not pay for.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mutuals.io.contacts_csv import read_contacts_csv, write_contacts_csv
    from mutuals.io.csv_text import DecodedText, decode_bytes, read_text
    from mutuals.io.errors import ImportFailure
    from mutuals.io.linkedin import read_linkedin
    from mutuals.io.linkedin_url import normalise_linkedin_url
    from mutuals.io.profile_csv import read_profile_csv
    from mutuals.io.result import ParseResult, Skip
    from mutuals.io.vcard import read_vcards, write_vcards

# Each public name and the module that defines it.
_HOMES = {
    "DecodedText": "csv_text",
    "ImportFailure": "errors",
    "ParseResult": "result",
    "Skip": "result",
    "decode_bytes": "csv_text",
    "normalise_linkedin_url": "linkedin_url",
    "read_contacts_csv": "contacts_csv",
    "read_linkedin": "linkedin",
    "read_profile_csv": "profile_csv",
    "read_text": "csv_text",
    "read_vcards": "vcard",
    "write_contacts_csv": "contacts_csv",
    "write_vcards": "vcard",
}

__all__ = [
    "DecodedText",
    "ImportFailure",
    "ParseResult",
    "Skip",
    "decode_bytes",
    "normalise_linkedin_url",
    "read_contacts_csv",
    "read_linkedin",
    "read_profile_csv",
    "read_text",
    "read_vcards",
    "write_contacts_csv",
    "write_vcards",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)
