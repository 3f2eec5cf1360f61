"""mutuals.services package."""
