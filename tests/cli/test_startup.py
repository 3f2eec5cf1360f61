"""Start-up stays light: the command line loads heavy libraries only in the commands that use them."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("sqlalchemy", "alembic", "numpy", "scipy", "wordllama", "faker", "pydantic", "rich")


def loaded_after(code: str) -> set[str]:
    """Which of ``HEAVY`` a fresh interpreter has imported after running ``code``."""
    probe = (
        f"{code}\nimport json, sys\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_importing_the_app_loads_no_heavy_library() -> None:
    assert loaded_after("import mutuals.cli.app") == set()


def test_help_loads_no_heavy_library() -> None:
    code = (
        "import sys\nfrom mutuals.cli.app import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass"
    )
    assert loaded_after(code) == set()


def test_an_engine_command_loads_no_database_library() -> None:
    code = (
        "from mutuals.cli.app import app\n"
        "try:\n    app(['schedule', '--people', '8', '--rounds', '2', '--json'])\n"
        "except SystemExit:\n    pass"
    )
    assert not loaded_after(code) & {"sqlalchemy", "alembic", "faker", "wordllama"}
