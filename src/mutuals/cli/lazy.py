"""Building only the commands a run uses.

Typer turns every registered function into a Click command before it parses the command line,
reading each function's signature and evaluating its annotations: for seventy commands that
costs more than importing Typer. :class:`LazyTyper` builds the group and its sub-groups with
their sub-commands left as names, and builds a command when it is looked up (to run it, or for
its own ``--help``). The top-level ``--help`` lists commands from their help text alone.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

import typer
import typer.main
from typer._click import HelpFormatter
from typer._click.core import Command, Context
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandInfo, TyperInfo


class LazyCommands(MutableMapping[str, Command]):
    """A group's commands by name, each built on first look-up, in registration order."""

    def __init__(self) -> None:
        self._builders: dict[str, Callable[[], Command]] = {}
        self._listings: dict[str, Callable[[], Command]] = {}
        self._built: dict[str, Command] = {}

    def defer(
        self, name: str, build: Callable[[], Command], listing: Callable[[], Command]
    ) -> None:
        """Register ``name``, built by ``build``; ``listing`` makes a stand-in for help lists."""
        self._builders[name] = build
        self._listings[name] = listing
        self._built.pop(name, None)

    def listing(self, name: str) -> Command:
        """The command if built, else a stand-in carrying its name and help text only."""
        if name in self._built:
            return self._built[name]
        return self._listings[name]()

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            self._built[name] = self._builders[name]()
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._builders[name] = self._listings[name] = lambda: command
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._builders[name]
        del self._listings[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._builders)

    def __len__(self) -> int:
        return len(self._builders)


class LazyListingGroup(TyperGroup):
    """A group whose help lists its commands without building them."""

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        commands = self.commands
        if not isinstance(commands, LazyCommands):
            super().format_commands(ctx, formatter)
            return
        built = self.commands
        # Click's listing looks each command up; stand-ins give it the same help text.
        self.commands = _Listing(commands)
        try:
            super().format_commands(ctx, formatter)
        finally:
            self.commands = built


class _Listing(dict[str, Command]):
    def __init__(self, commands: LazyCommands) -> None:
        super().__init__((name, commands.listing(name)) for name in commands)


class LazyTyper(typer.Typer):
    """A Typer app that, when run, builds only the commands the command line names."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return lazy_command(self)(*args, **kwargs)


def lazy_command(app: typer.Typer) -> Command:
    """The Click group of ``app`` (options, completion, callback) with deferred commands."""
    shell = copy.copy(app)
    shell.registered_commands = []
    shell.registered_groups = []
    group = typer.main.get_command(shell)
    assert isinstance(group, TyperGroup)
    _defer_all(group, app, app)
    return group


def _defer_all(group: TyperGroup, app: typer.Typer, root: typer.Typer) -> None:
    lazy = LazyCommands()
    # Typer builds every level with the root app's settings.
    settings = {
        "pretty_exceptions_short": root.pretty_exceptions_short,
        "rich_markup_mode": root.rich_markup_mode,
    }
    # Typer's own order: commands first, then groups; a later name replaces an earlier one.
    for info in app.registered_commands:
        name = info.name or typer.main.get_command_name(info.callback.__name__)  # type: ignore[union-attr]
        lazy.defer(
            name,
            _command_builder(info, settings),
            _command_listing(name, info, root.rich_markup_mode),
        )
    for sub in app.registered_groups:
        build = _group_builder(sub, root)
        solved_name = typer.main.solve_typer_info_defaults(sub).name
        assert solved_name, "sub-commands without a group name are not supported"
        lazy.defer(solved_name, build, build)
    group.commands = lazy


def _command_builder(info: CommandInfo, settings: dict[str, Any]) -> Callable[[], Command]:
    def build() -> Command:
        return typer.main.get_command_from_info(command_info=info, **settings)

    return build


def _command_listing(name: str, info: CommandInfo, markup: Any) -> Callable[[], Command]:
    def listing() -> Command:
        help_text = info.help
        help_text = (
            inspect.getdoc(info.callback) if help_text is None else inspect.cleandoc(help_text)
        )
        return TyperCommand(
            name=name,
            help=help_text,
            short_help=info.short_help,
            hidden=info.hidden,
            deprecated=info.deprecated,
            rich_markup_mode=markup,
        )

    return listing


def _group_builder(sub: TyperInfo, root: typer.Typer) -> Callable[[], Command]:
    built: list[Command] = []

    def build() -> Command:
        if not built:
            instance = sub.typer_instance
            assert instance is not None
            shell_instance = copy.copy(instance)
            shell_instance.registered_commands = []
            shell_instance.registered_groups = []
            shell_info = copy.copy(sub)
            shell_info.typer_instance = shell_instance
            group = typer.main.get_group_from_info(
                shell_info,
                pretty_exceptions_short=root.pretty_exceptions_short,
                rich_markup_mode=root.rich_markup_mode,
                suggest_commands=root.suggest_commands,
            )
            _defer_all(group, instance, root)
            built.append(group)
        return built[0]

    return build
