"""Run the mutuals command line with ``python -m mutuals``."""

from mutuals.cli.app import main

main()
