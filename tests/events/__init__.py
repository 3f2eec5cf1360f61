"""Tests of mutuals.events."""
