"""A plain data file in the window: encryption offered once, in the status bar, the recovery key shown when done;
and setting a passphrase names every copy it could not re-encrypt and removes them with the user's consent."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from gui.core import recovery_key_dialog
from gui.main_window import MainWindow
from models.core import passphrases
from models.core.auto_backup import list_backups, take_backup
from models.core.database import close_database, open_database
from models.roster.members import save_member
from tests.support.people import member, set_up_branch

NAME = "Nguyễn Văn An".encode()


@pytest.fixture(autouse=True)
def _forget_keys():
    yield
    close_database()
    passphrases._known.clear()


@pytest.fixture
def plain_file(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    set_up_branch()
    save_member(member(0))
    return path


def _window(qtbot, path, tmp_path) -> MainWindow:
    window = MainWindow(path, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    return window


def _plain_copies(folder) -> list[str]:
    return sorted(f.name for f in folder.rglob("*") if f.is_file() and NAME in f.read_bytes())


def test_a_plain_file_is_offered_encryption_and_shows_its_recovery_key(qtbot, plain_file, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(recovery_key_dialog, "show_recovery_key", lambda parent, path, key: shown.append(key))
    window = _window(qtbot, plain_file, tmp_path)
    offer = window.encryption_offer
    assert offer.isVisibleTo(window)
    window.opening_backup.wait()
    offer.label.linkActivated.emit("encrypt")
    assert shown and not offer.isVisibleTo(window)
    qtbot.waitUntil(lambda: window.members_tab.proxy.rowCount() == 1)
    close_database()
    assert _plain_copies(tmp_path) == []  # the file and its backups, the one taken on opening included
    passphrases._known.clear()
    open_database(plain_file)  # this PC's credential store gives the key


def test_declining_is_remembered_in_the_file(qtbot, plain_file, tmp_path):
    window = _window(qtbot, plain_file, tmp_path)
    window.encryption_offer.label.linkActivated.emit("decline")
    assert not window.encryption_offer.isVisibleTo(window)
    window.encryption_offer.refresh()
    assert not window.encryption_offer.isVisibleTo(window)


def test_a_passphrase_names_the_copies_it_left_plain_and_removes_them_when_agreed(qtbot, plain_file, tmp_path, answers):
    take_backup(plain_file, "manual")
    damaged = list_backups(plain_file)[0].path
    damaged.write_bytes(damaged.read_bytes()[:3000])  # a backup damaged on disk: it cannot be re-encrypted
    aside = tmp_path / "chibo (hỏng 2026-11-30 090000).sqlite3"  # set aside by an earlier restore
    aside.write_bytes(plain_file.read_bytes())
    upgraded = tmp_path / "chibo.truoc-nang-cap-v6-20261130-090000.sqlite3"  # copied before an upgrade
    upgraded.write_bytes(plain_file.read_bytes())
    window = _window(qtbot, plain_file, tmp_path)
    window.opening_backup.wait()
    window._rewrite_protection("Mật khẩu chi bộ 2026")
    question, _detail = answers["confirm"][-1]
    assert damaged.name in question and aside.name in question and upgraded.name in question
    assert "bị hỏng, không mở được nên không mã hóa được" in question and "tệp hỏng được cất riêng" in question
    assert "mật khẩu trước đây" not in question  # never called "protected by an earlier passphrase"
    close_database()
    assert not damaged.exists() and not aside.exists() and not upgraded.exists()
    assert _plain_copies(tmp_path) == []
