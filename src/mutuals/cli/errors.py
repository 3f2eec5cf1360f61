"""Turning the project's known errors into a clear message and exit status 2, never a traceback."""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer._click.core import Context
from typer._click.exceptions import ClickException

from mutuals.cli.lazy import LazyListingGroup

# ValueError covers the services' own refusals (an unknown similarity backend, an empty member
# profile, a bad date): each carries a message meant for the user.
BUILTIN_USER_ERRORS: tuple[type[BaseException], ...] = (
    FileNotFoundError,
    PermissionError,
    IsADirectoryError,
    ValueError,
)
# The project's own refusals, by module and class name. They are looked up only in modules already
# loaded (an exception of a class can only exist once its module is), so start-up imports none of
# them: they pull in SQLAlchemy.
PROJECT_USER_ERRORS: dict[str, tuple[str, ...]] = {
    "mutuals.io.errors": ("ImportFailure",),
    "mutuals.store.database": ("DatabaseError",),
    "mutuals.store.locking": ("DatabaseBusy",),
    "mutuals.services.contacts": ("ContactNotFound", "AmbiguousContact"),
}


def is_user_error(exc: BaseException) -> bool:
    """Whether ``exc`` is a refusal meant for the user (a message, exit 2) rather than a bug."""
    if isinstance(exc, BUILTIN_USER_ERRORS):
        return True
    for module_name, class_names in PROJECT_USER_ERRORS.items():
        module = sys.modules.get(module_name)
        if module is not None and isinstance(
            exc, tuple(getattr(module, name) for name in class_names)
        ):
            return True
    return False


# Typer vendors Click; its ClickException is what the command line prints as "Error: ...".
class UserError(ClickException):
    """A problem with what the user asked for: printed as ``Error: ...``, exit status 2."""

    exit_code = 2


class MutualsGroup(LazyListingGroup):
    """The command group: known errors become messages, unknown ones a short report; its help
    lists the commands without building them."""

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except (ClickException, typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (`mutuals ... | head`): stop quietly, as Unix tools do.
            _silence_stdout()
            raise typer.Exit(0) from None
        except Exception as exc:
            if is_user_error(exc):
                # Printed plainly rather than in a Rich panel, so long paths stay on one line
                # that scripts and editors can read.
                typer.echo(f"Error: {_message(exc)}", err=True)
                raise typer.Exit(UserError.exit_code) from exc
            if os.environ.get("MUTUALS_DEBUG"):
                raise
            typer.echo(
                f"Error: {describe_unexpected(exc)} (set MUTUALS_DEBUG=1 for details)", err=True
            )
            raise typer.Exit(1) from exc


def describe_unexpected(exc: BaseException) -> str:
    """A bug's one-line report that holds no SQL and no data.

    A database error's text carries the statement and its parameters (the member's contacts), and
    another exception's text may quote a value too; only the kind of error, and for the database
    its driver's first line (such as "value too long for type character varying(200)"), is shown.
    """
    original = getattr(exc, "orig", None)
    if type(exc).__module__.startswith("sqlalchemy") and isinstance(original, BaseException):
        first = (str(original).strip().splitlines() or [""])[0][:200]
        return f"unexpected database error ({type(original).__name__}): {first}"
    return f"unexpected {type(exc).__name__}"


def _message(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}"
    errors = getattr(exc, "errors", None)
    if type(exc).__name__ == "ValidationError" and callable(errors):
        # A setting from the environment failed its check: one line per setting, without
        # pydantic's own framing and links.
        return "; ".join(
            str(e.get("msg", "")).removeprefix("Value error, ") for e in errors()
        ) or str(exc)
    return str(exc)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
