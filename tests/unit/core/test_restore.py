"""Restoring from a backup: the preview, the current state backed up first, a damaged file set aside."""

from __future__ import annotations

from datetime import datetime

import pytest

from models.core import clock
from models.core.auto_backup import list_backups, take_backup
from models.core.database import close_database, open_database
from models.core.errors import DamagedFileError, DatabaseFileError
from models.core.restore import newest_good_backup, previews, restore
from models.roster.members import all_members, save_member
from tests.support.people import member, set_up_branch


@pytest.fixture
def path(tmp_path):
    """A data file with two members, backed up, then given a third member and closed."""
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    set_up_branch()
    save_member(member(0))
    save_member(member(1))
    with clock.pinned(datetime(2026, 11, 30, 17, 0)):
        take_backup(path, "exit")
    save_member(member(2))
    close_database()
    return path


def _names(path) -> list[str]:
    open_database(path)
    try:
        return sorted(m.full_name for m in all_members())
    finally:
        close_database()


def test_a_backup_is_previewed_without_being_changed(path):
    [only] = previews(path)
    assert only.ok and only.members == 2 and only.congresses == 0
    assert only.summary == "Chi bộ Văn phòng Sở: 2 đảng viên, 0 đại hội, 0 lần bầu đã có kết quả"
    assert only.backup.reason_label == "đóng ChiBo"


def test_restoring_backs_up_the_current_state_first(path):
    before = list_backups(path)[0]
    kept = restore(path, before)
    assert _names(path) == sorted([member(0).full_name, member(1).full_name])
    assert kept.exists() and "restore" in kept.name
    assert [p.members for p in previews(path) if p.backup.reason == "restore"] == [3]  # the state replaced


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty"])
def test_a_damaged_file_is_refused_then_set_aside_and_restored(path, damage):
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        for offset in range(120, len(data), 61):  # bytes flipped all over, the 100-byte header aside
            data[offset] ^= 0xFF
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseFileError) as refused:
        open_database(path)
    assert isinstance(refused.value, DamagedFileError) and refused.value.path == path
    good = newest_good_backup(path)
    aside = restore(path, good, damaged=True)
    assert aside.exists() and "hỏng" in aside.name and aside.read_bytes() == bytes(data)  # never overwritten
    assert _names(path) == sorted([member(0).full_name, member(1).full_name])


def test_a_damaged_backup_is_never_chosen_nor_restored(path):
    newest = list_backups(path)[0]
    with clock.pinned(datetime(2026, 12, 1, 8, 0)):
        open_database(path)
        later = take_backup(path, "open")
        close_database()
    later.write_bytes(later.read_bytes()[:1000])
    assert newest_good_backup(path).path == newest.path
    bad = next(b for b in list_backups(path) if b.path == later)
    with pytest.raises(DatabaseFileError, match="bị hỏng"):
        restore(path, bad)
    assert _names(path) == sorted(m.full_name for m in (member(0), member(1), member(2)))


def test_a_copy_without_its_write_ahead_log_opens_cleanly_at_its_last_checkpoint(tmp_path):
    """The WAL lost mid-work (a copy of the file alone, a journal deleted): the file is whole, only the writes
    since the last checkpoint are missing, and it opens without complaint."""
    import shutil

    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    set_up_branch()
    save_member(member(0))
    from models.core.tables import db

    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    save_member(member(1))  # in the WAL only
    copy = tmp_path / "bản sao.sqlite3"
    shutil.copyfile(path, copy)  # the main file alone, while ChiBo still has it open
    close_database()
    assert _names(copy) == [member(0).full_name]
    assert sorted(_names(path)) == sorted([member(0).full_name, member(1).full_name])
