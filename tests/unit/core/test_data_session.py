"""The data-file session as a careless user, a failing PC and a curious colleague try it: nothing is created by
accident, backups are ordered by generation whatever the clock says, one lock keyed by the file itself is held
throughout a restore, a kill leaves no debris, and a new file is encrypted by default with a key kept in the OS
credential store (or, without one, the passphrase is asked for), which its recovery key replaces on another PC."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import keyring
import pytest

from models.core import clock, data_session, file_keys, passphrases
from models.core.auto_backup import backup_folder, list_backups, take_backup
from models.core.data_session import Opened
from models.core.database import backup_open_file, close_database, open_database
from models.core.errors import DatabaseFileError, StorageError
from models.core.file_lock import FileLock
from models.core.restore import newest_good_backup
from models.roster.members import all_members, save_member
from tests.support.keyrings import NoKeyring
from tests.support.people import member, set_up_branch

ROOT = Path(__file__).resolve().parents[3]
NAMES = ["Nguyễn Văn An".encode(), "Trần Thị Bình".encode()]


@pytest.fixture(autouse=True)
def _fresh_session():
    yield
    close_database()
    passphrases._known.clear()
    passphrases._new_salts.clear()


@pytest.fixture
def path(tmp_path):
    target = tmp_path / "chibo.sqlite3"
    open_database(target)
    set_up_branch()
    save_member(member(0))
    return target


def _names() -> list[str]:
    return sorted(m.full_name for m in all_members())


def _plain_names(folder: Path) -> list[str]:
    return sorted(str(f) for f in folder.rglob("*") if f.is_file() and any(n in f.read_bytes() for n in NAMES))


# nothing is created by accident ---------------------------------------------------------------------------------
def test_a_backup_deleted_before_restore_is_refused_and_the_data_file_kept(path):
    take_backup(path, "manual")
    chosen = list_backups(path)[0]
    save_member(member(1))
    chosen.path.unlink()  # deleted between the restore list and «Phục hồi»
    with pytest.raises(DatabaseFileError, match="hỏng"):
        data_session.restore_open_file(chosen)
    assert not chosen.path.exists()  # no empty database made in its place
    assert _names() == ["Nguyễn Văn An", "Trần Thị Bình"]


def test_opening_a_missing_file_creates_nothing(tmp_path):
    missing = tmp_path / "khong-co.sqlite3"
    outcome = data_session.open_file(missing)
    assert outcome.kind is Opened.REFUSED and "Không có tệp dữ liệu" in outcome.message
    assert not missing.exists()


def test_a_file_moved_while_open_gets_no_empty_file_nor_empty_backup(path, tmp_path):
    take_backup(path, "open")
    moved = tmp_path / "da-chuyen.sqlite3"
    path.rename(moved)
    with pytest.raises(StorageError, match="không còn ở đó"):
        backup_open_file("exit")
    assert not path.exists()
    assert len(list_backups(path)) == 1


def test_a_file_replaced_while_open_is_not_backed_up_as_if_it_were_the_same(path, tmp_path):
    other = tmp_path / "khac.sqlite3"
    open_database(other)
    close_database()
    open_database(path)
    os.replace(other, path)  # another file put at its name behind ChiBo's back
    with pytest.raises(StorageError, match="không còn là tệp ChiBo đã mở"):
        backup_open_file("exit")
    assert list_backups(path) == []


def test_fifos_devices_and_folders_are_refused_at_once(tmp_path):
    fifo = tmp_path / "ong.sqlite3"
    os.mkfifo(fifo)
    for target, said in (
        (fifo, "không phải là một tệp thông thường"),
        (Path("/dev/null"), "thông thường"),
        (tmp_path, "là một thư mục"),
    ):
        outcome = data_session.open_file(target)
        assert outcome.kind is Opened.REFUSED and said in outcome.message, outcome


# backups ordered by generation ----------------------------------------------------------------------------------
def test_a_clock_set_back_does_not_make_an_old_backup_the_newest(path):
    with clock.pinned(datetime(2026, 12, 1, 9, 0)):
        take_backup(path, "manual")
    save_member(member(1))  # work done after the battery died
    with clock.pinned(datetime(2001, 1, 1, 0, 5)):
        take_backup(path, "exit")
    newest = newest_good_backup(path)
    assert newest.taken_at.year == 2001 and newest.generation == 2
    assert [b.generation for b in list_backups(path)] == [2, 1]


def test_backups_named_before_generations_count_as_older(path):
    folder = backup_folder(path)
    take_backup(path, "manual")
    old = folder / f"{path.stem} 2030-01-01 000000 open{path.suffix}"  # an older version's name, a clock ahead
    (folder / list_backups(path)[0].path.name).rename(old)
    take_backup(path, "exit")
    assert [b.reason for b in list_backups(path)] == ["exit", "open"]


# one lock, keyed by the file itself -----------------------------------------------------------------------------
def test_a_hard_link_to_an_open_file_cannot_open_a_second_writer(path, tmp_path):
    link = tmp_path / "lien-ket.sqlite3"
    os.link(path, link)
    with pytest.raises(DatabaseFileError, match="đang được mở trong một cửa sổ ChiBo khác"):
        FileLock(link).acquire()
    assert data_session.open_file(link).kind is Opened.REFUSED
    assert _names() == ["Nguyễn Văn An"]  # the open file is untouched


def test_the_lock_is_held_throughout_a_restore(path, monkeypatch):
    from models.core import restore

    take_backup(path, "manual")
    save_member(member(1))
    tried = []
    real = restore.copy_verified

    def second_chibo_midway(source, partial, failure):
        with pytest.raises(DatabaseFileError):
            FileLock(path).acquire()
        tried.append(True)
        return real(source, partial, failure)

    monkeypatch.setattr(restore, "copy_verified", second_chibo_midway)
    data_session.restore_open_file(list_backups(path)[-1])
    assert tried and _names() == ["Nguyễn Văn An"]
    with pytest.raises(DatabaseFileError):  # the restored file (a new inode) is locked too
        FileLock(path).acquire()


# kills leave no debris ------------------------------------------------------------------------------------------
def _killed_midway(code: str) -> None:
    """Run `code` in a child ChiBo that says "midway" at the step under test; kill it there with SIGKILL."""
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "midway"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()


_PAUSE = """
import sys, time
def pause(*_args):
    print("midway", flush=True)
    time.sleep(120)
"""


def test_a_kill_while_a_backup_is_written_leaves_nothing_on_the_next_start(path):
    close_database()
    _killed_midway(
        _PAUSE
        + f"""
from models.core import auto_backup
from models.core.database import open_database
from models.schema import install_schema
install_schema()
open_database({str(path)!r})
auto_backup.make_private = pause
auto_backup.take_backup(auto_backup.Path({str(path)!r}), "manual")
"""
    )
    assert [p.name for p in backup_folder(path).iterdir() if p.name.endswith(".part")]
    open_database(path)
    assert list(backup_folder(path).iterdir()) == [] and list_backups(path) == []


def test_a_kill_while_a_file_is_created_leaves_no_empty_file(tmp_path):
    target = tmp_path / "moi.sqlite3"
    _killed_midway(
        _PAUSE
        + f"""
from models.core import database
from models.core.database import open_database
from models.schema import install_schema
install_schema()
database.make_private = pause
open_database({str(target)!r})
"""
    )
    assert not target.exists()  # never a 0-byte file that ChiBo then refuses
    assert (tmp_path / "moi.sqlite3.tao-moi").exists()
    assert data_session.create_file(target, plain=True).kind is Opened.NO_BRANCH
    assert not [p.name for p in tmp_path.iterdir() if ".tao-moi" in p.name]  # its half-made copy cleared


def test_the_hidden_copies_of_a_killed_pull_are_cleared(tmp_path):
    target = tmp_path / "keo-ve.sqlite3"
    debris = [tmp_path / f".{target.name}.1a2b3c4d.part{s}" for s in ("", "-wal", "-journal", ".lock")]
    for leftover in debris:
        leftover.write_bytes(b"x")
    data_session.create_file(target, plain=True)
    assert not any(p.exists() for p in debris)


# encrypted by default -------------------------------------------------------------------------------------------
def test_a_new_file_is_encrypted_with_a_stored_key_and_its_recovery_key_opens_it_elsewhere(tmp_path, memory_keyring):
    target = tmp_path / "chibo.sqlite3"
    created = data_session.create_file(target)
    assert created.kind is Opened.NO_BRANCH and file_keys.parse_recovery(created.recovery_key)
    set_up_branch()
    save_member(member(0))
    take_backup(target, "manual")
    close_database()
    assert _plain_names(tmp_path) == []
    assert not target.read_bytes().startswith(passphrases.SQLITE_MAGIC)
    assert len(memory_keyring.entries) == 1

    passphrases._known.clear()  # a new session on this PC: the store gives the key, nothing is asked
    assert data_session.open_file(target).kind is Opened.OPENED
    assert not passphrases.has_passphrase(target)  # no passphrase: the inactivity lock has nothing to ask
    close_database()

    passphrases._known.clear()
    keyring.set_keyring(type(memory_keyring)())  # another PC (or the key lost): the file asks
    asked = data_session.open_file(target)
    assert asked.kind is Opened.PASSPHRASE_NEEDED and "khóa khôi phục" in asked.message
    typed = created.recovery_key.lower().replace("-", " ").replace("o", "0")  # from paper: spaced, O read as 0
    assert data_session.open_file(target, typed).kind is Opened.OPENED
    assert _names() == ["Nguyễn Văn An"]
    close_database()
    passphrases._known.clear()
    assert data_session.open_file(target).kind is Opened.OPENED  # that PC's store keeps it from now on


def test_a_mistyped_recovery_key_does_not_open(tmp_path):
    target = tmp_path / "chibo.sqlite3"
    created = data_session.create_file(target)
    close_database()
    passphrases._known.clear()
    keyring.set_keyring(NoKeyring())
    wrong = created.recovery_key[:-1] + ("A" if created.recovery_key[-1] != "A" else "B")
    assert file_keys.parse_recovery(wrong) is None
    refused = data_session.open_file(target, wrong)
    assert refused.kind is Opened.PASSPHRASE_NEEDED and "Khóa khôi phục vừa gõ có chỗ sai" in refused.message


def test_without_a_credential_store_a_new_file_asks_for_a_passphrase(tmp_path):
    keyring.set_keyring(NoKeyring())
    target = tmp_path / "chibo.sqlite3"
    refused = data_session.create_file(target)
    assert refused.kind is Opened.NO_KEY_STORE and "không có kho khóa" in refused.message
    assert not target.exists()
    assert data_session.create_file(target, "Mật khẩu chi bộ 2026").kind is Opened.NO_BRANCH
    assert passphrases.has_passphrase(target)


def test_headless_commands_find_the_stored_key(tmp_path):
    from cli.data_file import open_data_file

    target = tmp_path / "chibo.sqlite3"
    data_session.create_file(target)
    set_up_branch()
    close_database()
    passphrases._known.clear()
    open_data_file(str(target))
    assert passphrases.is_encrypted(target)


def test_a_plain_file_is_offered_encryption_once_and_its_backups_follow(path, tmp_path):
    take_backup(path, "manual")
    assert data_session.offers_encryption(path)
    encrypted = data_session.encrypt_open_file()
    assert encrypted.kind is Opened.OPENED and encrypted.recovery_key
    assert _names() == ["Nguyễn Văn An"]
    assert not data_session.offers_encryption(path)
    close_database()
    assert _plain_names(tmp_path) == []  # the file and every backup, the one taken just before included
    passphrases._known.clear()
    assert data_session.open_file(path).kind is Opened.OPENED


def test_declining_encryption_is_asked_only_once(path):
    data_session.decline_encryption()
    assert not data_session.offers_encryption(path)


def test_a_headless_command_on_another_pc_opens_with_the_recovery_key_in_the_environment(tmp_path, monkeypatch):
    from cli.data_file import open_data_file
    from models.core.errors import PassphraseNeededError

    target = tmp_path / "chibo.sqlite3"
    created = data_session.create_file(target)
    set_up_branch()
    close_database()
    passphrases._known.clear()
    keyring.set_keyring(NoKeyring())  # another PC
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    with pytest.raises(PassphraseNeededError, match="khóa khôi phục vào biến môi trường CHIBO_PASSPHRASE"):
        open_data_file(str(target))
    monkeypatch.setenv(passphrases.VARIABLE, created.recovery_key)
    open_data_file(str(target))
    assert passphrases.is_encrypted(target)


def test_a_new_file_refused_after_its_creation_is_not_left_behind(tmp_path, monkeypatch):
    from models.core import database

    def refused(path):
        raise DatabaseFileError("refused after creation")

    monkeypatch.setattr(database, "_check_sqlite_file", refused)
    target = tmp_path / "moi.sqlite3"
    assert data_session.create_file(target, plain=True).kind is Opened.REFUSED
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("moi")]
