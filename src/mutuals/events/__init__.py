"""mutuals.events package."""
