"""Regenerate the README's command reference from the CLI's own help.

Usage: ``.venv/bin/python -m scripts.update_readme [--check]``

The text between ``<!-- cli-help:start -->`` and ``<!-- cli-help:end -->``
is replaced by the ``--help`` of every command, so the README never drifts
from the code; ``--check`` exits 1 when the README is out of date (the test
suite runs the same comparison).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from storyline.cli import build_parser

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- cli-help:start -->", "<!-- cli-help:end -->"


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _walk(parser: argparse.ArgumentParser, name: str) -> list[tuple[str, str]]:
    pages = [(name, parser.format_help())]
    for sub_name, sub in _subparsers(parser).items():
        pages += _walk(sub, f"{name} {sub_name}")
    return pages


def cli_reference() -> str:
    """Markdown with the help of every command and subcommand."""
    os.environ["COLUMNS"] = "100"
    parts = []
    for name, text in _walk(build_parser(), "storyline"):
        parts.append(f"#### `{name}`\n\n```text\n{text.rstrip()}\n```\n")
    return "\n".join(parts)


def updated(readme: str) -> str:
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{cli_reference()}\n{END}{tail}"


def main() -> int:
    check = "--check" in sys.argv[1:]
    current = README.read_text(encoding="utf-8")
    new = updated(current)
    if check:
        return 0 if new == current else 1
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
