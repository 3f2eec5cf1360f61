"""mutuals.web package."""
