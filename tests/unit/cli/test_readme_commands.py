"""Every headless command README.md and docs/ show exists with the options they give it: a newcomer copying a line
gets the command, not «Lệnh không đúng»."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli.parser import parse_args

ROOT = Path(__file__).resolve().parents[3]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
WITH_ACTIONS = ("dang-uy", "server-setup")


def _shown() -> list[tuple[str, str]]:
    """(where, the command line) for each `… main.py COMMAND …` or `dang-uy …` in backticks."""
    lines = []
    for doc in DOCS:
        fenced = re.split(r"```", doc.read_text(encoding="utf-8"))
        inline = [s for part in fenced[::2] for s in re.findall(r"`([^`]+)`", part)]
        for snippet in inline + [line for block in fenced[1::2] for line in block.splitlines()]:
            text = " ".join(snippet.split()).removeprefix("… ")  # «… server-setup add-user …»: the line above's
            if "main.py " in text:
                lines.append((doc.name, text.split("main.py ", 1)[1]))
            elif text.startswith(("dang-uy ", "server-setup ")):
                lines.append((doc.name, text))
    return lines


def _help(words: list[str], capsys) -> str:
    with pytest.raises(SystemExit):
        parse_args([*words, "--help"])
    return capsys.readouterr().out


def test_the_docs_show_the_commands():
    assert len(_shown()) > 30


def test_every_command_and_option_shown_exists(capsys):
    wrong = []
    for where, line in _shown():
        words = line.replace("[", " ").replace("]", " ").replace("|", " ").split()
        if not words or not re.fullmatch(r"-{0,2}[a-z][a-z-]*", words[0]):
            continue  # a diagram naming main.py, not a command line
        path = [word for word in words[:1] if not word.startswith("-")]
        if path and path[0] in WITH_ACTIONS:
            action = next((w for w in words[1:] if re.fullmatch(r"[a-z][a-z-]+", w)), None)
            path += [action] if action else []
        top = _help([], capsys)
        if path and f"    {path[0]}" not in top and f"chibo {path[0]} " not in top:
            wrong.append(f"{where}: {line} (no command {path[0]})")
            continue
        shown = _help(path, capsys) if path else top
        wrong += [f"{where}: {line} ({o})" for o in re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", line) if o not in shown]
    assert wrong == []
