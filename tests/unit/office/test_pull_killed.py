"""A `pull` killed at any step leaves no file under the name it was making, and its hidden partial copies are
cleared by the next pull into that name (or the next opening of it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from models.office.branch_moves import pull_branch, push_file
from tests.support.rich_branch import shot

ROOT = Path(__file__).resolve().parents[3]

STEPS = {
    "creating the file": "import models.core.file_privacy as step; step.make_private = pause",
    "before its rename": "import models.office.branch_moves as step; step._place = pause",
}


@pytest.mark.parametrize("step", sorted(STEPS))
def test_a_pull_killed_midway_leaves_nothing_for_good(other_file, server, tmp_path, step):
    push_file(other_file, server)
    target = tmp_path / "ve.sqlite3"
    code = textwrap.dedent(f"""
        import time
        def pause(*_args):
            print("midway", flush=True)
            time.sleep(120)
        {STEPS[step]}
        from models.office.branch_moves import pull_branch
        from models.schema import install_schema
        install_schema()
        pull_branch({server!r}, 1, {str(target)!r})
    """)
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout.readline().strip() == "midway"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".ve.sqlite3.")]  # what the kill left
    pull_branch(server, 1, target)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".ve", "ve"))) == ["ve.sqlite3"]
    assert shot(target) == shot(other_file)
