"""A large import held half-way, so that tests can see its progress page while it runs."""

from __future__ import annotations

import threading
from typing import Any

from mutuals.services.context import Workspace
from mutuals.services.uploads import import_upload

ROWS = 350
HEADER = "name,email,company,headline,interests,offers,needs\n"


def people_csv(rows: int = ROWS, bad_line: int | None = None) -> bytes:
    lines = [HEADER]
    for n in range(1, rows + 1):
        email = "not-an-email" if n + 1 == bad_line else f"person{n}@example.org"
        lines.append(f"Person {n},{email},Firm {n},,,,\n")
    return "".join(lines).encode()


class Gate:
    """Holds each running import at its first progress report until the test lets it go.

    While ``go`` is clear an upload is sure to be still running when the server answers, so its
    answer is the progress page, however fast the machine; ``go.clear()`` holds the next one.
    """

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.go = threading.Event()
        self.reports: list[tuple[int, int | None]] = []

    def importer(self, ws: Workspace, **kwargs: Any) -> Any:
        told = kwargs.pop("progress")
        held = False

        def progress(done: int, total: int | None) -> None:
            nonlocal held
            self.reports.append((done, total))
            told(done, total)
            if not held:
                held = True
                self.reached.set()
                assert self.go.wait(20), "the test never let the import go on"

        return import_upload(ws, progress=progress, **kwargs)
