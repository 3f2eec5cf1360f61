"""Import and export formats: LinkedIn exports, vCard, CSV; parsers return plain records."""

from mutuals.io.contacts_csv import read_contacts_csv, write_contacts_csv
from mutuals.io.csv_text import DecodedText, decode_bytes, read_text
from mutuals.io.errors import ImportFailure
from mutuals.io.linkedin import read_linkedin
from mutuals.io.linkedin_url import normalise_linkedin_url
from mutuals.io.profile_csv import read_profile_csv
from mutuals.io.result import ParseResult, Skip
from mutuals.io.vcard import read_vcards, write_vcards

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
