"""Opening a data file loads neither the ballot tables nor the counting code: the recount of a round counted ballot by
ballot is registered as models.live_count is imported and loads when a result is first read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

_PROBE = """
import sys
from models.schema import install_schema
install_schema()
from models.congress.log_check import log_check
print(log_check() is not None, "models.live_count.seal" in sys.modules, "models.counting" in sys.modules)
"""


def test_the_schema_registers_the_recount_without_loading_the_counting_code():
    run = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["True", "False", "False"]


def test_the_registered_recount_is_the_seal_check(monkeypatch):
    import models.live_count.seal as seal
    from models.congress.log_check import log_check

    calls = []
    monkeypatch.setattr(seal, "check_closed_round", lambda *args: calls.append(args) or "checked")
    assert log_check()(7, "election", "totals", "digest") == "checked"
    assert calls == [(7, "election", "totals", "digest")]
