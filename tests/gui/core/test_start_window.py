"""Start-up (main.start_window): the window shows first; the data file opens after its first paint."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

import models.core.database as database
from cli.parser import parse_args
from gui.branch_dialog import BranchDialog
from gui.core import recovery_key_dialog
from main import start_window
from models.core.branch import get_branch, save_branch
from models.core.database import close_database, open_database
from models.roster.members import save_member
from tests.support.people import all_people
from tests.support.roster_tab import BRANCH


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def saved_file(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    save_branch(BRANCH)
    for record in all_people():
        save_member(record)
    close_database()
    yield path
    close_database()


def test_the_window_paints_before_the_file_opens_then_the_roster_loads(qtbot, saved_file, settings):
    window, outcome = start_window(parse_args(["--db", str(saved_file)]), settings)
    qtbot.addWidget(window)
    assert window.data_path is None and window.windowTitle() == "ChiBo"  # nothing opened before the paint
    tab = window.members_tab
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == len(all_people()) and not tab.is_loading())
    assert window.data_path == saved_file and window.windowTitle() == f"ChiBo — {BRANCH.name}"
    assert outcome == {}


def test_a_file_that_cannot_be_opened_falls_back_to_the_default(qtbot, tmp_path, settings, answers, monkeypatch):
    bad = tmp_path / "not-chibo.sqlite3"
    bad.write_bytes(b"this is not a database")
    default = tmp_path / "default" / "chibo.sqlite3"
    monkeypatch.setattr(database, "default_database_path", lambda: default)
    monkeypatch.setattr(BranchDialog, "exec", lambda self: BranchDialog.DialogCode.Rejected)
    shown = []
    monkeypatch.setattr(recovery_key_dialog, "show_recovery_key", lambda parent, path, key: shown.append(path))
    window, outcome = start_window(parse_args(["--db", str(bad)]), settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.isVisible())  # the new default file has no branch; the user declined
    assert answers["error"] and "mặc định" in answers["error"][0][1]
    assert outcome == {"code": 0} and get_branch() is None and default.exists()
    assert shown == [default]  # created encrypted by default: its recovery key was shown once
    assert bad.read_bytes() == b"this is not a database"


def test_without_a_credential_store_the_first_file_asks_for_a_passphrase(
    qtbot, tmp_path, settings, answers, monkeypatch
):
    import keyring

    from gui.core import passphrase_dialogs
    from models.core import passphrases
    from tests.support.keyrings import NoKeyring

    keyring.set_keyring(NoKeyring())
    default = tmp_path / "default" / "chibo.sqlite3"
    monkeypatch.setattr(database, "default_database_path", lambda: default)
    monkeypatch.setattr(BranchDialog, "exec", lambda self: BranchDialog.DialogCode.Rejected)
    monkeypatch.setattr(passphrase_dialogs.NewPassphraseDialog, "exec", lambda self: self.DialogCode.Accepted)
    monkeypatch.setattr(passphrase_dialogs.NewPassphraseDialog, "passphrase", lambda self: "Mật khẩu chi bộ 2026")
    window, outcome = start_window(parse_args([]), settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert "không có kho khóa" in answers["confirm"][0][0]  # said plainly, then the passphrase is asked
    assert default.exists() and passphrases.has_passphrase(default)


def test_a_server_that_refuses_at_start_up_is_told_in_vietnamese(
    qtbot, tmp_path, saved_file, settings, answers, monkeypatch
):
    monkeypatch.setattr(database, "default_database_path", lambda: saved_file)
    window, outcome = start_window(parse_args(["--db", "postgresql://chibo@127.0.0.1:1/chibo"]), settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.data_path == saved_file, timeout=15000)  # the default file instead
    message, detail = answers["error"][0]
    assert message.startswith("Không kết nối được tới máy chủ cơ sở dữ liệu «127.0.0.1», cổng 1")
    assert "mặc định" in detail
    assert outcome == {}
