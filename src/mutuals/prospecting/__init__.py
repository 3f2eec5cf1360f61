"""mutuals.prospecting package."""
