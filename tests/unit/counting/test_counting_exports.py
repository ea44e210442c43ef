"""models.counting loads its names on first use: every exported name resolves to its module's object, the lazy map
and the imports type checkers read agree, and `count` loads only the modules it runs."""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import models.counting as counting
from models.counting import ElectionRecord, write_record
from tests.unit.counting.counting_factories import make_election, strike_ballots

ROOT = Path(__file__).resolve().parents[3]


def test_every_exported_name_resolves_to_its_module_object():
    for name in counting.__all__:
        module = importlib.import_module(f"models.counting.{counting._MODULE_OF[name]}")
        assert getattr(counting, name) is getattr(module, name), name
    assert set(counting._MODULE_OF) == set(counting.__all__)
    assert set(counting.__all__) <= set(dir(counting))


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="Tally2"):
        counting.Tally2  # noqa: B018
    with pytest.raises(ImportError):
        exec("from models.counting import Tally2", {})


def test_the_type_checking_imports_match_the_lazy_map():
    """Type checkers and PyInstaller read the imports under TYPE_CHECKING; the lazy loader reads _MODULE_OF."""
    tree = ast.parse(Path(counting.__file__).read_text(encoding="utf-8"))
    guarded = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING")
    imported = {
        alias.name: node.module.rsplit(".", 1)[1]
        for node in guarded.body
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }
    assert imported == counting._MODULE_OF


def test_count_loads_only_what_it_runs(tmp_path):
    """`main.py count` in a fresh interpreter reads and recounts a record without what other commands and the
    window need: logging, pathlib, tempfile, peewee, the compare and verify helpers."""
    record = tmp_path / "bau.json"
    election = make_election("abcd", seats=2, summoned=3)
    write_record(ElectionRecord(election, ballots=tuple(strike_ballots([("ab", 2), ("cd", 1)]))), record)
    probe = (
        "import runpy, sys\n"
        "sys.argv = ['main.py', 'count', sys.argv[1]]\n"
        "try:\n"
        "    runpy.run_path('main.py', run_name='__main__')\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "unwanted = ('logging', 'pathlib', 'tempfile', 'peewee', 'models.counting.compare', "
        "'models.counting.check_code')\n"
        "print(sorted(m for m in unwanted if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(record)], cwd=ROOT, capture_output=True, text=True)
    assert json.loads(done.stdout)["collected"] == 3, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]", done.stderr
