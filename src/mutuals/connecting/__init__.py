"""mutuals.connecting package."""
