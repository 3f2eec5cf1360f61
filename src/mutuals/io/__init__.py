"""mutuals.io package."""
