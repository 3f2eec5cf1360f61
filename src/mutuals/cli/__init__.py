"""mutuals.cli package."""
