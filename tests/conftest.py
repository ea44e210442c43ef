"""Test-wide set-up: Qt offscreen before Qt loads; benchmarks only on request; no modal dialog may hang."""

from __future__ import annotations

import os

# An empty value makes Qt abort, so assign it when missing or empty.
if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


def pytest_addoption(parser):
    parser.addoption("--bench", action="store_true", help="also collect tests/bench (pytest-benchmark)")


def pytest_ignore_collect(collection_path, config):
    if collection_path.name == "bench" and not config.getoption("--bench"):
        return True
    return None
