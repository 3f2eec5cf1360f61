"""LinkedIn profile URLs for the format readers; the rule itself lives in the domain layer."""

from mutuals.domain.linkedin_url import normalise_linkedin_url

__all__ = ["normalise_linkedin_url"]
