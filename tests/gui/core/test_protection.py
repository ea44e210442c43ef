"""An encrypted data file seen from the window: the passphrase asked on open, set / changed from the File menu, the
window locking after inactivity and unlocking only with the passphrase, and exports warning once."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog

import gui.core.passphrase_dialogs as passphrase_dialogs
from gui.core import dialogs
from gui.core.passphrase_dialogs import NewPassphraseDialog
from gui.main_window import MainWindow
from models.core import passphrases
from models.core.database import close_database, open_database
from models.core.encryption import set_lock_minutes
from models.roster.members import all_members, save_member
from tests.support.people import member, set_up_branch

SECRET = "Mật khẩu chi bộ 2026"


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def _forget_passphrases():
    yield
    close_database()
    passphrases._known.clear()


def _file(path, passphrase=None):
    open_database(path, passphrase)
    set_up_branch()
    for index in range(3):
        save_member(member(index))
    return path


def _window(qtbot, path, settings) -> MainWindow:
    window = MainWindow(path, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_window_locks_when_idle_and_opens_only_with_the_passphrase(qtbot, tmp_path, settings):
    path = _file(tmp_path / "chibo.sqlite3", SECRET)
    window = _window(qtbot, path, settings)
    tabs = window.centralWidget()
    lock = window.inactivity_lock
    lock.check(now=time.monotonic() + 9 * 60)
    assert not lock.is_locked  # 10 minutes by default
    lock.check(now=time.monotonic() + 10 * 60 + 1)
    assert lock.is_locked and window.centralWidget() is not tabs and not window.menuBar().isEnabled()
    assert window.windowTitle() == "ChiBo — đã khóa"
    dialog = lock.dialog
    assert dialog.isVisible() and dialog.windowTitle() == "ChiBo đã khóa"
    dialog.reject()  # Esc
    assert lock.is_locked
    dialog.field.setText("mat khau sai")
    dialog._accept_typed()
    assert lock.is_locked and "không đúng" in dialog.message.text()
    dialog.field.setText(SECRET)  # QTest types ASCII only
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert not lock.is_locked and window.centralWidget().isVisible() and window.menuBar().isEnabled()


def test_a_plain_file_never_locks_and_the_minutes_are_the_files_own(qtbot, tmp_path, settings, answers):
    plain = _window(qtbot, _file(tmp_path / "thuong.sqlite3"), settings)
    plain.inactivity_lock.check(now=time.monotonic() + 3600)
    assert not plain.inactivity_lock.is_locked
    plain.lock_now()
    assert not plain.inactivity_lock.is_locked and "bảo vệ bằng mật khẩu" in answers["info"][0][0]
    plain.close()
    path = _file(tmp_path / "chibo.sqlite3", SECRET)
    set_lock_minutes(0)
    window = _window(qtbot, path, settings)
    window.inactivity_lock.check(now=time.monotonic() + 24 * 3600)
    assert not window.inactivity_lock.is_locked  # 0: never
    set_lock_minutes(2)
    window.inactivity_lock.check(now=time.monotonic() + 121)
    assert window.inactivity_lock.is_locked


def _accessible_texts(widget) -> str:
    """Everything a screen reader or an automation tool can read of `widget` through Qt's accessibility interface."""
    from PySide6.QtGui import QAccessible

    seen, pending = [], [QAccessible.queryAccessibleInterface(widget)]
    while pending:
        node = pending.pop()
        if node is None or not node.isValid() or len(seen) > 20000:
            continue
        seen += [
            node.text(kind) for kind in (QAccessible.Text.Name, QAccessible.Text.Value, QAccessible.Text.Description)
        ]
        pending += [node.child(i) for i in range(node.childCount())]
    return "\n".join(t for t in seen if t)


def test_a_locked_window_exposes_no_member_through_accessibility(qtbot, tmp_path, settings):
    window = _window(qtbot, _file(tmp_path / "chibo.sqlite3", SECRET), settings)
    name = member(0).full_name
    qtbot.waitUntil(lambda: window.members_tab.proxy.rowCount() == 3)
    assert name in _accessible_texts(window)  # what the lock must hide is really there before it
    window.lock_now()
    assert name not in _accessible_texts(window)
    window.inactivity_lock.dialog.field.setText(SECRET)
    window.inactivity_lock.dialog._accept_typed()
    assert name in _accessible_texts(window) and window.members_tab.proxy.rowCount() == 3


def test_a_dialog_left_open_does_not_keep_the_window_from_locking_and_keeps_its_input(qtbot, tmp_path, settings):
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    window = _window(qtbot, _file(tmp_path / "chibo.sqlite3", SECRET), settings)
    editing = QDialog(window)
    field = QLineEdit(editing)
    QVBoxLayout(editing).addWidget(field)
    field.setText("Nguyễn Văn An, số thẻ 12345678")  # a member's record being typed, not saved yet
    editing.setModal(True)
    editing.open()
    qtbot.waitUntil(lambda: editing.isVisible())
    window.inactivity_lock.check(now=time.monotonic() + 24 * 3600)
    assert window.inactivity_lock.is_locked and editing.isVisible()  # locked over it, the dialog still open
    assert window.inactivity_lock.dialog.parentWidget() is editing  # above the modal dialog, so it can be typed in
    assert "12345678" not in _accessible_texts(editing) and field.parentWidget() is not editing
    window.inactivity_lock.dialog.field.setText(SECRET)
    window.inactivity_lock.dialog._accept_typed()
    assert field.parentWidget() is editing and field.text() == "Nguyễn Văn An, số thẻ 12345678"
    editing.close()


def test_setting_a_passphrase_from_the_window_encrypts_and_keeps_working(
    qtbot, tmp_path, settings, answers, monkeypatch
):
    import keyring

    from gui.core import recovery_key_dialog
    from tests.support.keyrings import NoKeyring

    path = _file(tmp_path / "chibo.sqlite3")
    window = _window(qtbot, path, settings)
    window._rewrite_protection(SECRET)
    assert answers["error"] == [] and "Đã mã hóa" in answers["info"][-1][0]
    assert not path.read_bytes().startswith(passphrases.SQLITE_MAGIC)
    assert len(all_members()) == 3 and window.members_tab.proxy.rowCount() == 3
    window.lock_now()
    assert window.inactivity_lock.is_locked
    window.inactivity_lock.dialog.field.setText(SECRET)
    window.inactivity_lock.dialog._accept_typed()
    shown = []
    monkeypatch.setattr(recovery_key_dialog, "show_recovery_key", lambda parent, path, key: shown.append(key))
    window._rewrite_protection("")  # no passphrase any more, but still encrypted: by a key the OS store keeps
    assert "vẫn được mã hóa" in answers["info"][-1][0] and shown
    assert not path.read_bytes().startswith(passphrases.SQLITE_MAGIC) and not passphrases.has_passphrase(path)
    assert len(all_members()) == 3
    keyring.set_keyring(NoKeyring())  # a PC without a store: removing the passphrase leaves the file plain
    window._rewrite_protection(SECRET)
    window._rewrite_protection("")
    assert "Đã bỏ mã hóa" in answers["info"][-1][0]
    assert path.read_bytes().startswith(passphrases.SQLITE_MAGIC)


def test_opening_an_encrypted_file_asks_until_the_passphrase_is_right(qtbot, tmp_path, settings, monkeypatch):
    locked = _file(tmp_path / "mat.sqlite3", SECRET)
    close_database()
    passphrases.forget(locked)
    window = _window(qtbot, _file(tmp_path / "chibo.sqlite3"), settings)
    asked = []
    replies = ["sai mật khẩu", SECRET]
    monkeypatch.setattr(passphrase_dialogs, "ask_passphrase", lambda parent, text: asked.append(text) or replies.pop(0))
    assert window.switch_data_file(locked)
    assert "đã được mã hóa" in asked[0] and "không đúng" in asked[1]
    assert window.data_path == locked and len(all_members()) == 3
    window.opening_backup.wait()  # a new session from here: the backup of the file just opened is done
    passphrases.forget(locked)
    monkeypatch.setattr(passphrase_dialogs, "ask_passphrase", lambda parent, text: None)
    assert window.switch_data_file(tmp_path / "chibo.sqlite3")
    assert not window.switch_data_file(locked)  # «Hủy»: the file open before stays open
    assert window.data_path == tmp_path / "chibo.sqlite3" and len(all_members()) == 3


def test_the_first_export_from_an_encrypted_file_warns_once(qtbot, tmp_path, settings, answers):
    window = _window(qtbot, _file(tmp_path / "chibo.sqlite3", SECRET), settings)
    answers["replies"] += [False, True]
    assert not dialogs._may_leave_protection(window)
    assert dialogs._may_leave_protection(window)
    assert dialogs._may_leave_protection(window)  # told once is enough
    assert len(answers["confirm"]) == 2 and "không được mã hóa" in answers["confirm"][0][1]


def test_the_new_passphrase_dialog_checks_what_is_typed(qtbot, tmp_path):
    path = _file(tmp_path / "chibo.sqlite3", SECRET)
    dialog = NewPassphraseDialog("Đổi mật khẩu", "", None, path, current_needed=True)
    qtbot.addWidget(dialog)
    dialog.current.setText("không phải")
    dialog.first.setText("mật khẩu mới 2027")
    dialog.again.setText("mật khẩu mới 2027")
    dialog._check()
    assert dialog.problem.text() == "Mật khẩu hiện nay không đúng." and dialog.result() == 0
    dialog.current.setText(SECRET)
    dialog.again.setText("mật khẩu mới 2028")
    dialog._check()
    assert dialog.problem.text() == "Hai lần nhập mật khẩu không giống nhau."
    dialog.first.setText("ngắn")
    dialog._check()
    assert dialog.problem.text().startswith("Mật khẩu cần ít nhất 8 ký tự")
    dialog.first.setText("mật khẩu mới 2028")
    dialog._check()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.passphrase() == "mật khẩu mới 2028"
