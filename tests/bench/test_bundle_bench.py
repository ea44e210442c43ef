"""The bundle's start-up (run with --bench): from process start to the window's first paint, ChiBo's onedir bundle
against a bare PySide6 window bundled the same way (onedir, no UPX, the same PyInstaller), run in turn; wall
clock and CPU time. Goal: ≤ 1.5×."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNS = 9


def _build(tmp: Path, *args: str) -> None:
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    out = subprocess.run(
        [
            str(pyinstaller),
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(tmp / "dist"),
            "--workpath",
            str(tmp / "build"),
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert out.returncode == 0, out.stderr[-3000:]


def _first_paint(command: list[str], home: Path) -> tuple[float, float]:
    """Seconds from process start to the window's first paint, and the process's CPU seconds (user + system; it
    exits at that paint)."""
    import resource  # POSIX only, as the benchmarks' machine

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "CHIBO_FIRST_PAINT_PROBE": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.time()
    out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert out.returncode == 0, out.stderr[-2000:]
    painted = next(line for line in out.stdout.splitlines() if line.startswith("first-paint"))
    return float(painted.split()[1]) - start, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="measured on the CI's Linux")
def test_bundle_startup_vs_bare_bundle(benchmark, tmp_path):
    _build(tmp_path / "chibo", "pyinstaller.spec")
    _build(
        tmp_path / "bare",
        "--onedir",
        "--name",
        "bare",
        "--noupx",
        "--specpath",
        str(tmp_path / "bare"),
        str(ROOT / "tests" / "bench" / "bare_window.py"),
    )
    chibo = [str(tmp_path / "chibo" / "dist" / "ChiBo" / "ChiBo"), "--db", str(tmp_path / "data.sqlite3")]
    bare = [str(tmp_path / "bare" / "dist" / "bare" / "bare")]
    home = tmp_path / "home"
    _first_paint(chibo, home), _first_paint(bare, home)  # warm the file cache
    bares: list[tuple[float, float]] = []
    runs: list[tuple[float, float]] = []

    def one_round() -> None:  # in turn: the machine's load falls on both alike
        bares.append(_first_paint(bare, home))
        runs.append(_first_paint(chibo, home))

    benchmark.pedantic(one_round, rounds=RUNS, iterations=1)
    bare_s, chibo_s = min(r[0] for r in bares), min(r[0] for r in runs)
    bare_cpu, chibo_cpu = min(r[1] for r in bares), min(r[1] for r in runs)
    bare_median, chibo_median = statistics.median(r[0] for r in bares), statistics.median(r[0] for r in runs)
    benchmark.extra_info.update(
        bare_s=round(bare_s, 3),
        chibo_s=round(chibo_s, 3),
        ratio=round(chibo_s / bare_s, 2),
        median_ratio=round(chibo_median / bare_median, 2),
        bare_cpu_s=round(bare_cpu, 3),
        chibo_cpu_s=round(chibo_cpu, 3),
        cpu_ratio=round(chibo_cpu / bare_cpu, 2),
    )
    print(
        f"\nbundle first paint: bare {bare_s:.3f} s, ChiBo {chibo_s:.3f} s (×{chibo_s / bare_s:.2f}, goal 1.5); "
        f"medians ×{chibo_median / bare_median:.2f}; CPU bare {bare_cpu:.3f} s, ChiBo {chibo_cpu:.3f} s "
        f"(×{chibo_cpu / bare_cpu:.2f})"
    )
