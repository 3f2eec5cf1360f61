"""mutuals.relationships package."""
