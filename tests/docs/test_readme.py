"""The README's console examples, run in order on a fresh database, give the output shown.

Each ``$ command`` line of a ```console block runs through the CLI (a pipe from ``echo`` is its
input, ``> FILE`` writes its output to FILE, ``echo $?`` shows the last exit status). The lines
after it are the expected output: ``...`` on a line of its own stands for any number of lines,
and ``...`` or ``…`` inside a line for any text. A command shown without output is only checked
to succeed. Commands that start a server or call one (``serve``, ``curl``) are not run.
"""

from __future__ import annotations

import re
import shlex
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mutuals.cli.app import app
from tests.cli.runner import CliRunner

ROOT = Path(__file__).parents[2]
FIXTURES = ROOT / "tests" / "io" / "fixtures"
EXPORT = ("Connections.csv", "messages.csv", "Invitations.csv")
NOT_RUN = ("curl ", "mutuals serve", "MUTUALS_DATABASE_URL=")


@dataclass
class Step:
    command: str
    expected: list[str] = field(default_factory=list)
    line: int = 0


def readme_steps(text: str) -> list[Step]:
    """Every ``$ command`` of every console block, with the output lines shown under it."""
    steps: list[Step] = []
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("```"):
            inside = line.strip() == "```console"
            continue
        if not inside:
            continue
        if line.startswith("$ "):
            steps.append(Step(line[2:], line=number))
        elif steps:
            steps[-1].expected.append(line.rstrip())
    return steps


def output_pattern(expected: list[str]) -> re.Pattern[str]:
    """The expected lines as a regular expression over the whole output."""
    parts: list[str] = []
    for line in expected:
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
            continue
        pieces = re.split(r"\.\.\.|…", line.strip())
        # Leading spaces are free: Rich centres a title on its table's width, which depends on
        # where the data directory is.
        body = r"[\s\S]*?".join(re.escape(piece) for piece in pieces)
        parts.append(r"[ \t]*" + body + r"[ \t]*\n")
    return re.compile("".join(parts))


def prepare(home: Path) -> None:
    """The files the README's commands name, made from the test fixtures."""
    downloads = home / "Downloads"
    downloads.mkdir(parents=True)
    with zipfile.ZipFile(downloads / "Basic_LinkedInDataExport_11-26-2026.zip", "w") as archive:
        for name in EXPORT:
            archive.write(FIXTURES / name, name)
    (home / "export").mkdir()
    for name in EXPORT:
        shutil.copy(FIXTURES / name, home / "export" / name)
    shutil.copy(FIXTURES / "Connections_bad_date.csv", home)
    (home / "examples").mkdir()
    shutil.copy(ROOT / "examples" / "attendees.csv", home / "examples")
    shutil.copy(ROOT / "examples" / "attendees.csv", home)


def run(step: Step, runner: CliRunner, home: Path, last_status: list[int]) -> str:
    command = step.command
    stdin = None
    if " | " in command:
        source, command = command.split(" | ", 1)
        stdin = " ".join(shlex.split(source)[1:]) + "\n"
    words = shlex.split(command, comments=True)
    target = None
    if ">" in words:
        at = words.index(">")
        target, words = words[at + 1], words[:at]
    if words[:2] == ["echo", "$?"]:
        return f"{last_status[-1]}\n"
    assert words[0] == "mutuals", f"README line {step.line}: cannot run {command!r}"
    args = [str(home / w[2:]) if w.startswith("~/") else w for w in words[1:]]
    result = runner.invoke(app, args, input=stdin)
    last_status.append(result.exit_code)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    if target:
        (home / target).write_text(result.stdout)
        return ""
    # Rich pads lines to the width of their table; the README does not show the padding.
    return "".join(line.rstrip() + "\n" for line in result.output.splitlines())


@pytest.mark.slow
def test_readme_examples_run_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    # A short home folder, shown as the README's /home/you, so that no path is cut short.
    home = Path(tempfile.mkdtemp(prefix="mu"))
    try:
        _run_readme(home, monkeypatch)
    finally:
        shutil.rmtree(home)


def _run_readme(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prepare(home)
    monkeypatch.chdir(home)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("MUTUALS_DATABASE_URL", raising=False)
    monkeypatch.delenv("MUTUALS_USER", raising=False)
    monkeypatch.setenv("MUTUALS_DATA_DIR", str(home / ".local" / "share" / "mutuals"))
    monkeypatch.setenv("COLUMNS", "80")
    runner = CliRunner()
    statuses = [0]
    steps = readme_steps((ROOT / "README.md").read_text())
    assert len(steps) > 30
    ran = 0
    wrong: list[str] = []
    for step in steps:
        if step.command.startswith(NOT_RUN):
            continue
        output = run(step, runner, home, statuses).replace(str(home), "/home/you")
        ran += 1
        shown = not step.command.startswith("echo $?")
        expect_failure = any(s.command == "echo $?" for s in steps if s.line == step.line + 2)
        if shown and not expect_failure and statuses[-1] != 0:
            wrong.append(f"README line {step.line}: {step.command}\nexit {statuses[-1]}\n{output}")
        elif step.expected and not output_pattern(step.expected).fullmatch(output):
            wrong.append(
                f"README line {step.line}: {step.command}\n--- shown:\n"
                + "\n".join(step.expected)
                + f"\n--- got:\n{output}"
            )
    # Every difference at once: a later step may differ only because an earlier one did.
    assert not wrong, "\n\n".join(wrong)
    assert ran > 25
