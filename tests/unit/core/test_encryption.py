"""A data file protected by a passphrase (SQLCipher): created encrypted or encrypted later, changed, removed; asked
for on open; no member name in plain text in the file, its backups or the files beside them."""

from __future__ import annotations

import errno
from datetime import datetime

import pytest

from models.core import clock, encryption, passphrases
from models.core.auto_backup import backup_folder, list_backups, take_backup
from models.core.database import backup_open_database, close_database, open_database
from models.core.errors import PassphraseNeededError, StorageError, ValidationError, WrongPassphraseError
from models.core.restore import previews, restore
from models.roster.members import all_members, save_member
from tests.support.people import member, set_up_branch

SECRET = "Mật khẩu chi bộ 2026"
NAMES = [b"Nguy\xe1\xbb\x85n V\xc4\x83n An", "Trần Thị Bình".encode(), "Bình".encode(), "Cường".encode()]


def _fill(path, passphrase=None):
    open_database(path, passphrase)
    set_up_branch()
    for index in range(3):
        save_member(member(index))


def _plain_names(folder) -> list[str]:
    """Every file under `folder` holding a member's name in plain text."""
    return sorted(str(f) for f in folder.rglob("*") if f.is_file() and any(n in f.read_bytes() for n in NAMES))


def _names(path, passphrase=None) -> list[str]:
    open_database(path, passphrase)
    try:
        return sorted(m.full_name for m in all_members())
    finally:
        close_database()


@pytest.fixture(autouse=True)
def _fresh_session():
    yield
    close_database()
    passphrases._known.clear()


def test_a_new_file_with_a_passphrase_holds_no_name_in_plain_text(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    _fill(path, SECRET)
    take_backup(path, "manual")
    assert _plain_names(tmp_path) == []  # the file, its -wal and the backup, while open
    close_database()
    assert _plain_names(tmp_path) == []
    assert not path.read_bytes().startswith(passphrases.SQLITE_MAGIC)
    assert len(list_backups(path)) == 1


def test_an_encrypted_file_asks_for_its_passphrase_and_refuses_a_wrong_one(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    _fill(path, SECRET)
    close_database()
    passphrases.forget(path)  # a new session
    with pytest.raises(PassphraseNeededError) as asked:
        open_database(path)
    assert "mã hóa" in asked.value.message and asked.value.path == path
    with pytest.raises(WrongPassphraseError) as wrong:
        open_database(path, "mat khau chi bo 2026")
    assert "không đúng" in wrong.value.message
    assert passphrases.passphrase_for(path) is None  # a refused passphrase is not kept
    assert _names(path, SECRET) == ["Lê Văn Cường", "Nguyễn Văn An", "Trần Thị Bình"]


def test_the_file_opens_with_the_passphrase_in_any_sqlcipher_tool(tmp_path):
    from sqlcipher3 import dbapi2

    path = tmp_path / "chibo.sqlite3"
    _fill(path, SECRET)
    close_database()
    connection = dbapi2.connect(str(path))
    connection.execute(f"PRAGMA key = '{SECRET}'")
    assert connection.execute("SELECT COUNT(*) FROM member").fetchone() == (3,)
    connection.close()


def test_encrypting_a_plain_file_later_rewrites_it_and_every_backup(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    _fill(path)
    with clock.pinned(datetime(2026, 11, 30, 17, 0)):
        take_backup(path, "exit")
    assert _plain_names(tmp_path)  # plain to begin with
    skipped = encryption.protect_open_file(SECRET)
    assert skipped == []
    assert sorted(m.full_name for m in all_members()) == ["Lê Văn Cường", "Nguyễn Văn An", "Trần Thị Bình"]
    reasons = sorted(b.reason for b in list_backups(path))
    assert reasons == ["exit", "protect"]  # the state before, kept and now encrypted too
    close_database()
    assert _plain_names(tmp_path) == []
    assert all(p.summary.endswith("0 lần bầu đã có kết quả") for p in previews(path))
    passphrases.forget(path)
    with pytest.raises(PassphraseNeededError):
        open_database(path)


def test_changing_and_removing_the_passphrase(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    _fill(path, SECRET)
    encryption.protect_open_file("mật khẩu mới 2027")
    close_database()
    passphrases.forget(path)
    with pytest.raises(WrongPassphraseError):
        open_database(path, SECRET)
    assert len(_names(path, "mật khẩu mới 2027")) == 3
    assert all(p.ok for p in previews(path))  # the backups follow the new passphrase
    open_database(path, "mật khẩu mới 2027")
    encryption.protect_open_file(None)
    close_database()
    passphrases.forget(path)
    assert path.read_bytes().startswith(passphrases.SQLITE_MAGIC)
    assert len(_names(path)) == 3
    assert all(p.ok for p in previews(path))


def test_a_backup_under_another_passphrase_is_told_apart_from_a_damaged_one(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    _fill(path, SECRET)
    take_backup(path, "manual")
    close_database()
    passphrases.remember(path, "mật khẩu khác 2027")
    (seen,) = previews(path)
    assert not seen.ok and seen.other_passphrase and "mật khẩu khác" in seen.summary


def test_a_failed_rewrite_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "chibo.sqlite3"
    _fill(path)

    def full_disk(_path):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(encryption, "make_private", full_disk)
    with pytest.raises(StorageError) as failed:
        encryption.protect_open_file(SECRET)
    assert "đầy" in failed.value.message and "giữ nguyên" in failed.value.message
    assert len(all_members()) == 3  # opened again, as it was
    close_database()
    assert path.read_bytes().startswith(passphrases.SQLITE_MAGIC)
    assert not list(tmp_path.glob("*.ma-hoa*")) and not list(backup_folder(path).glob("*.ma-hoa*"))


def test_a_rewrite_killed_midway_leaves_a_partial_copy_that_the_next_one_replaces(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    _fill(path)
    path.with_name(path.name + ".ma-hoa").write_bytes(b"SQLite format 3\x00" + bytes(4080))  # a killed rewrite
    encryption.protect_open_file(SECRET)
    assert len(all_members()) == 3
    close_database()
    assert _plain_names(tmp_path) == [] and not list(tmp_path.glob("*.ma-hoa"))


def test_backups_and_restore_of_an_encrypted_file(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    _fill(path, SECRET)
    usb = tmp_path / "usb" / "sao lưu.sqlite3"
    backup_open_database(usb)
    with clock.pinned(datetime(2026, 11, 30, 17, 0)):
        take_backup(path, "exit")
    save_member(member(3))
    close_database()
    assert _plain_names(tmp_path) == []
    restore(path, list_backups(path)[-1])
    assert len(_names(path)) == 3  # the session knows the passphrase
    passphrases.forget(path)
    assert len(_names(usb, SECRET)) == 3  # the copy on the stick needs the same passphrase


@pytest.mark.parametrize(
    ("typed", "again", "field"),
    [
        ("ngắn", "ngắn", "passphrase"),
        (" có dấu cách ", " có dấu cách ", "passphrase"),
        (SECRET, SECRET + "x", "repeated"),
    ],
)
def test_a_new_passphrase_is_checked(typed, again, field):
    with pytest.raises(ValidationError) as refused:
        encryption.check_new_passphrase(typed, again)
    assert refused.value.field == field


def test_a_foreign_binary_file_is_still_refused_without_asking(tmp_path):
    path = tmp_path / "ảnh.sqlite3"
    path.write_bytes(b"PK\x03\x04" + bytes(1000))
    with pytest.raises(Exception) as refused:
        open_database(path)
    assert not isinstance(refused.value, PassphraseNeededError)
