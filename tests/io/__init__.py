"""Tests for mutuals.io."""
