"""`ruff format` owns the layout (scripts/test.sh checks it): a hand-kept layout is the rare exception, each one
saying why on its line (`# fmt: skip  (reason)`), a handful at most."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIRECTIVE = re.compile(r"#\s*fmt:\s*(skip|off)\b(.*)$")
MOST = 5


def test_hand_kept_layouts_are_few_and_each_says_why():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if ".venv" in path.parts or path == Path(__file__):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = DIRECTIVE.search(line)
            if match:
                found.append((path.relative_to(ROOT).as_posix(), number, match.group(2).strip()))
    assert [f for f in found if not f[2]] == [], "say why the layout is kept by hand after the directive"
    assert len(found) <= MOST
