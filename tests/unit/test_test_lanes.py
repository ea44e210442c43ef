"""The lanes of the suite (README, «Tests»): the PostgreSQL lane is marked so the fast lane can leave it out, and the
tests' files live on the RAM disk where the machine has one."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.lanes import RAM_BASETEMP, RAM_FOLDER, ram_disk_usable


def test_a_test_on_the_server_carries_the_postgresql_mark_and_one_on_a_file_does_not(request, bare_database):
    on_server = not isinstance(bare_database, Path)  # a SQLite data file is a path, a server a URL
    assert (request.node.get_closest_marker("postgresql") is not None) is on_server


def test_a_test_reaching_the_server_through_its_url_is_marked(request, pg_url):
    assert request.node.get_closest_marker("postgresql") is not None


def test_the_tests_files_are_on_the_ram_disk_when_the_run_made_a_folder_there(pytestconfig, tmp_path):
    folder = pytestconfig.stash.get(RAM_BASETEMP, None)
    if folder is None:  # no /dev/shm, --basetemp, --bench or CHIBO_TESTS_ON_DISK=1: the disk it is
        assert not tmp_path.is_relative_to(RAM_FOLDER)
    else:
        assert tmp_path.is_relative_to(folder)


def test_a_ram_disk_without_room_for_a_run_or_not_writable_is_not_used(tmp_path):
    free = shutil.disk_usage(tmp_path).free
    assert ram_disk_usable(tmp_path, needed=free // 2)
    assert not ram_disk_usable(tmp_path, needed=free * 4)  # e.g. Docker's 64 MB /dev/shm against 2 GB needed
    assert not ram_disk_usable(tmp_path / "missing", needed=0)
