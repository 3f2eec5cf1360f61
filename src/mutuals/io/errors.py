"""The one error every importer raises for bad input, naming the file, line and field."""

from __future__ import annotations

from pathlib import Path


class ImportFailure(Exception):
    """Bad input in an imported file.

    ``line`` is 1-based in the file as a text editor shows it; ``field`` is the column or
    property name. Either may be ``None`` when the problem is the file as a whole.
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        super().__init__(self.describe())

    def describe(self) -> str:
        """Render as ``file:line: field 'X': message`` with whatever parts are known."""
        return locate(self.message, path=self.path, line=self.line, field=self.field)


def locate(message: str, *, path: str | None, line: int | None, field: str | None) -> str:
    """``file:line: field 'X': message``, leaving out the parts that are not known."""
    where = path or "<input>"
    if line is not None:
        where += f":{line}"
    if field:
        return f"{where}: field '{field}': {message}"
    return f"{where}: {message}"
