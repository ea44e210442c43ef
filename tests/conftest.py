"""Test-wide set-up: Qt offscreen before Qt loads; benchmarks only on request; no modal dialog may hang."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from models.schema import install_schema
from tests.support.lanes import RAM_BASETEMP, RAM_FOLDER, ram_disk_usable

install_schema()  # as every entry point does before opening a data file (main.py, cli/)

# Commands run in a subprocess see no credential store (never the developer's real one); in-process tests get an
# empty store of their own (the memory_keyring fixture).
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

# An empty value makes Qt abort, so assign it when missing or empty.
if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


@pytest.fixture(autouse=True)
def gc_on_gui_thread(request):
    """A test with Qt widgets collects garbage as the window does: on the GUI thread only (gui/core/collector.py).
    Automatic collection is given back after it, for the tests that never run an event loop."""
    if "qapp" not in request.fixturenames:
        yield
        return
    from gui.core.collector import collect_on_gui_thread, stop_collecting

    collect_on_gui_thread(request.getfixturevalue("qapp"))
    yield
    stop_collecting()


def pytest_addoption(parser):
    parser.addoption("--bench", action="store_true", help="also collect tests/bench (pytest-benchmark)")


@pytest.hookimpl(tryfirst=True)  # before pytest's own tmp_path factory reads the option
def pytest_configure(config):
    """Tests write their files on a RAM disk where the machine has one, unless told `--basetemp`: ChiBo commits
    every write with synchronous=FULL, and each fsync costs milliseconds on a real disk and nothing on tmpfs. What
    the tests check does not change: they kill processes, never the machine, and a killed process leaves the same
    bytes behind on either. A RAM disk without room for a whole run (a container's small /dev/shm) is not
    used. Benchmarks (--bench) measure the real disk; so does a run with CHIBO_TESTS_ON_DISK=1."""
    on_disk = config.option.basetemp or config.getoption("--bench") or os.environ.get("CHIBO_TESTS_ON_DISK")
    if on_disk or not ram_disk_usable():
        return
    config.option.basetemp = tempfile.mkdtemp(prefix="chibo-tests-", dir=RAM_FOLDER)
    config.stash[RAM_BASETEMP] = Path(config.option.basetemp)


def pytest_unconfigure(config):
    """The RAM disk is memory: a run leaves nothing there (`--basetemp DIR` keeps a run's files for a look)."""
    folder = config.stash.get(RAM_BASETEMP, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_ignore_collect(collection_path, config):
    if collection_path.name == "bench" and not config.getoption("--bench"):
        return True
    return None


def pytest_collection_modifyitems(config, items):
    """Every test that reaches the throwaway PostgreSQL server (through `pg_url`, or the "postgresql" case of a
    fixture run on both databases) carries the `postgresql` mark: the fast lane leaves them out (README, «Tests»)."""
    for item in items:
        params = getattr(item, "callspec", None)
        if "pg_url" in item.fixturenames or (params is not None and "postgresql" in params.params.values()):
            item.add_marker(pytest.mark.postgresql)


@pytest.fixture(scope="session")
def pg_url():
    """URL of an empty PostgreSQL database on a throwaway server the tests start themselves."""
    given = os.environ.get("CHIBO_TEST_PG_URL")
    if given:
        yield given
        return
    from tests.support.pg_server import PgServer, find_bin_dir

    bin_dir = find_bin_dir()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed: scripts/test.sh installs Debian's postgresql package")
        pytest.skip("PostgreSQL is not installed (Debian package postgresql)")
    server = PgServer(bin_dir)
    try:
        url = server.start()
    except Exception as exc:  # the server log tells why; the tests on PostgreSQL cannot run without it
        server.stop()
        pytest.fail(f"could not start the test PostgreSQL server: {exc}")
    yield url
    server.stop()


@pytest.fixture(autouse=True)
def pinned_clock():
    """Every test runs on the same day, whatever the machine's date (a member's age never drifts)."""
    from datetime import date

    from models.core import clock

    with clock.pinned(date(2026, 12, 1)):
        yield


@pytest.fixture(autouse=True)
def memory_keyring():
    """Every test has its own empty credential store in memory: never the developer's, never shared."""
    import keyring

    from tests.support.keyrings import MemoryKeyring

    store = MemoryKeyring()
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(MemoryKeyring())


@pytest.fixture(scope="session")
def template_data_file(tmp_path_factory):
    """A new data file made once per test session (its tables and schema version, as ChiBo creates them), which
    each test copies instead of building its own."""
    from models.core.database import close_database, open_database

    path = tmp_path_factory.mktemp("template") / "chibo.sqlite3"
    open_database(path)
    close_database()
    return path


@pytest.fixture
def sqlite_file(tmp_path, template_data_file):
    """An open SQLite data file with its branch set up, as after the first run."""
    from models.core.database import close_database, open_database
    from tests.support.people import set_up_branch

    path = tmp_path / "chibo.sqlite3"
    shutil.copy2(template_data_file, path)
    open_database(path)
    set_up_branch()
    yield path
    close_database()
