"""Reading command-line values without loading pydantic for the plain ones.

Typer converts every option's value (a ``str``, an ``int``, a path, a choice) with a pydantic
``TypeAdapter`` built when the command runs. Importing pydantic and building the adapters costs
more than the rest of a command like ``schedule --people 20`` together. :func:`install` puts a
converter in front of Typer's: it reads the common well-formed values itself and hands anything
else, including every value it would reject, to Typer's own converter, so that what is accepted
and the error messages stay Typer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from typer import _coercion
from typer._param_types import coerce_cli_choice, coerce_cli_path

if TYPE_CHECKING:
    from typer._click import Context
    from typer._coercion import TypeDescriptor
    from typer.core import _TyperParameter

# Only plain decimal forms: pydantic's own rules for other spellings (" 7", "1_000", "inf") are
# left to pydantic.
_INT = re.compile(r"[+-]?[0-9]+")
_FLOAT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


class _Unhandled(Exception):
    """The value is not one the fast path reads: Typer's converter decides."""


@dataclass(frozen=True)
class _FastRuntimeParam(_coercion.RuntimeParam):
    """Converts plain values directly, and the rest through Typer's converter, made on demand."""

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        try:
            return _convert(self.annotation, self.parameter_info, value, param, ctx)
        except Exception:
            # Typer's converter accepts or rejects the value with its own message.
            typer_param = _TYPER_BUILD(_descriptor(self))
            return typer_param._coerce_value(value, param=param, ctx=ctx)


def _descriptor(runtime: _FastRuntimeParam) -> TypeDescriptor:
    return _coercion.resolve_type_descriptor(runtime.annotation, runtime.parameter_info)


def _convert(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    if annotation is str and isinstance(value, str):
        return value
    if annotation is bool and isinstance(value, bool):
        return value
    if annotation in (int, float):
        number = _number(annotation, value)
        if number is not None and _in_range(number, info):
            return number
    elif isinstance(annotation, type) and issubclass(annotation, Enum):
        return coerce_cli_choice(
            value, choices=list(annotation), case_sensitive=info.case_sensitive, ctx=ctx
        )
    elif annotation is Path and info.path_type in (None, Path) and isinstance(value, str) and value:
        return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
    raise _Unhandled


def _number(kind: type, value: Any) -> float | None:
    """``value`` as an ``int`` or ``float`` when written plainly, else None."""
    if isinstance(value, bool):
        return None
    if kind is int:
        if isinstance(value, int):
            return value
        return int(value) if isinstance(value, str) and _INT.fullmatch(value) else None
    if isinstance(value, int | float):
        return float(value)
    return float(value) if isinstance(value, str) and _FLOAT.fullmatch(value) else None


def _in_range(number: float, info: Any) -> bool:
    # Out of range, or clamped: Typer's converter clamps or words the refusal.
    if info.clamp:
        return info.min is None and info.max is None
    return (info.min is None or number >= info.min) and (info.max is None or number <= info.max)


def _simple(descriptor: TypeDescriptor) -> bool:
    info = descriptor.parameter_info
    annotation = descriptor.annotation
    if descriptor.file_annotation is not None or info.parser is not None:
        return False
    if annotation in (str, bool, int, float, Path):
        return True
    return isinstance(annotation, type) and issubclass(annotation, Enum)


def _fast_build(descriptor: TypeDescriptor) -> _coercion.RuntimeParam:
    if _simple(descriptor):
        return _FastRuntimeParam(
            annotation=descriptor.annotation, parameter_info=descriptor.parameter_info
        )
    return _TYPER_BUILD(descriptor)


_TYPER_BUILD = _coercion.build_runtime_param


def install() -> None:
    """Read plain option values without pydantic in every Typer command of this process."""
    import typer.core

    # Typer looks its converter up by this module-level name each time a parameter is first
    # converted; a Typer without it keeps its own behaviour.
    if getattr(typer.core, "build_runtime_param", None) is _TYPER_BUILD:
        typer.core.build_runtime_param = _fast_build  # type: ignore[attr-defined]
