"""«Bảo vệ bằng mật khẩu» from the keyboard alone, on an encrypted file: the minutes before the window locks typed
after their Alt key; Escape with them changed asks before dropping them, «Đóng» (Alt+G) saves them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gui.core.protection_dialog import ProtectionDialog
from gui.core.unsaved import QUESTION
from models.core import passphrases
from models.core.database import close_database, open_database
from models.core.encryption import lock_minutes
from tests.support.keyboard import ALT, keys_script
from tests.support.people import set_up_branch

Key = Qt.Key


@pytest.fixture
def encrypted(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    open_database(path, "Mật khẩu chi bộ 2026")
    set_up_branch()
    yield path
    close_database()
    passphrases._known.clear()


def _open(qtbot, path) -> ProtectionDialog:
    dialog = ProtectionDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_the_lock_minutes_are_kept_from_escape_and_saved_by_alt_g(qtbot, encrypted, keyboard):
    before = lock_minutes()
    dialog = _open(qtbot, encrypted)
    keyboard.alt("t")  # «Tự khóa cửa sổ sau khi không dùng»
    assert keyboard.focus() is dialog.minutes
    keyboard.type("25")
    keyboard.answer(keys_script(keyboard, Key.Key_Return))  # Enter on the question: keep editing
    keyboard.press(Key.Key_Escape)
    qtbot.waitUntil(keyboard.all_answered)
    assert keyboard.seen[-1][1] == QUESTION and dialog.isVisible() and dialog.minutes.value() == 25
    assert lock_minutes() == before
    keyboard.alt("g", until=lambda: not dialog.isVisible())  # «Đóng»: saved
    assert lock_minutes() == 25

    dialog = _open(qtbot, encrypted)
    keyboard.press(Key.Key_Escape)  # nothing changed: closes at once
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(keyboard.seen) == 1


def test_alt_b_on_the_question_drops_the_minutes_typed(qtbot, encrypted, keyboard):
    before = lock_minutes()
    dialog = _open(qtbot, encrypted)
    keyboard.alt("t")
    keyboard.type("40")
    keyboard.answer(keys_script(keyboard, (Key.Key_B, ALT)))
    keyboard.press(Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert lock_minutes() == before
