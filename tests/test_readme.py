"""README is the reference: every command and every option is documented there."""

from pathlib import Path

import click

from compare.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str):
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from _commands(command, path)


def test_every_command_appears_in_the_readme():
    """Each `inspdiff ...` command, subcommands included, is named in README.md."""
    missing = [path for path, _ in _commands(cli, "inspdiff") if f"`{path}" not in README]
    assert missing == []


def test_every_option_appears_in_the_readme():
    """Each long option of each command is named in README.md."""
    missing = []
    for path, command in _commands(cli, "inspdiff"):
        for param in command.params:
            if isinstance(param, click.Option):
                longs = [o for o in param.opts if o.startswith("--") and o != "--help"]
                if longs and not any(o in README for o in longs):
                    missing.append(f"{path} {longs[0]}")
    assert missing == []
