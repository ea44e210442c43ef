"""Automatic backups: verified copies, private to the user, kept by rotation beside the data file."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from models.core import clock
from models.core.auto_backup import (
    BackupFile,
    backup_folder,
    list_backups,
    take_backup,
    to_keep,
    verify,
)
from models.core.database import close_database, open_database
from models.core.errors import StorageError
from models.roster.members import save_member
from tests.support.people import member, set_up_branch


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "chi bộ.sqlite3"
    open_database(path)
    set_up_branch()
    save_member(member(0))
    yield path
    close_database()


def test_a_backup_is_a_verified_private_copy_with_the_data(data):
    copy = take_backup(data, "open")
    assert copy.parent == backup_folder(data) and copy.name.startswith("chi bộ 2026-12-01 090000 open")
    assert verify(copy)
    names = sqlite3.connect(copy).execute("SELECT full_name FROM member").fetchall()
    assert names == [("Nguyễn Văn An",)]
    if os.name == "posix":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    assert [b.reason_label for b in list_backups(data)] == ["mở tệp"]
    assert not list(copy.parent.glob("*.part"))


def test_rotation_keeps_the_last_ten_and_one_a_day_for_thirty_days():
    now = datetime(2026, 12, 1, 18, 0)
    backups = [BackupFile(Path(f"b{i}"), now - timedelta(hours=6 * i), "open") for i in range(200)]
    keep = to_keep(backups, now)
    newest = {b.path for b in backups[:10]}
    assert newest <= keep
    days = {b.taken_at.date() for b in backups if b.path in keep and b.path not in newest}
    assert all(now.date() - day <= timedelta(days=30) for day in days)
    assert len(keep) == 10 + len(
        {b.taken_at.date() for b in backups[10:] if b.taken_at >= now - timedelta(days=30)}
        - {b.taken_at.date() for b in backups[:10]}
    )


def test_old_backups_are_rotated_away_as_new_ones_are_taken(data):
    start = datetime(2026, 10, 1, 8, 0)
    for hours in range(0, 24 * 45, 12):  # two a day for 45 days
        with clock.pinned(start + timedelta(hours=hours)):
            take_backup(data, "exit")
    kept = list_backups(data)
    assert len(kept) <= 10 + 30 and len(kept) >= 30
    assert min(b.taken_at for b in kept) >= start + timedelta(hours=24 * 45) - timedelta(days=31)


def test_a_folder_that_cannot_be_written_gives_a_vietnamese_error_and_no_file(data, tmp_path):
    blocked = tmp_path / "không ghi được"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(StorageError, match="Không sao lưu được"):
        take_backup(data, "manual", blocked / "x.sqlite3")


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_world_readable_data_file_becomes_private_on_opening(tmp_path):
    path = tmp_path / "cũ.sqlite3"
    open_database(path)
    set_up_branch()
    close_database()
    path.chmod(0o644)
    open_database(path)
    try:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        from models.core.database import backup_open_database

        copy = backup_open_database(tmp_path / "usb" / "sao lưu.sqlite3")
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600 and verify(copy)
    finally:
        close_database()
