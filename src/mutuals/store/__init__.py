"""mutuals.store package."""
