"""mutuals: network well, and run speed-networking events that people remember."""

__version__ = "0.1.0"

__all__ = ["__version__"]
