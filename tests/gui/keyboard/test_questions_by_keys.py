"""The questions of the dialogs seam answered with keys: Enter and Escape give the safe answer, each button has its
own Alt key even when the caller's text has none, a number typed replaces the one offered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from gui.core import dialogs
from tests.support.keyboard import ALT, keys_script
from tests.support.mnemonics import mnemonic

Key = Qt.Key


@pytest.fixture
def window(qtbot):
    widget = QWidget()
    widget.edit = QLineEdit(widget)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.edit.setFocus()
    return widget


@pytest.mark.parametrize(
    ("keys", "answer"), [(Key.Key_Return, False), (Key.Key_Escape, False), ((Key.Key_P, ALT), True)]
)
def test_enter_and_escape_are_the_safe_answer_and_alt_the_other(window, keyboard, keys, answer):
    keyboard.answer(keys_script(keyboard, keys))
    assert dialogs.confirm(window, "Phát phiếu lần bầu thứ 1?", yes="Phát phiếu") is answer
    assert keyboard.focus() is window.edit  # back where it was


@pytest.mark.parametrize(
    ("yes", "no"),
    [("Khai mạc", "Hủy"), ("Hoàn tác", "Hủy"), ("Đồng ý", "Hủy"), ("&Ghi đè", "&Chọn tên khác"), ("Bỏ phiếu", "Không")],
)
def test_each_answer_gets_its_own_ascii_access_key(yes, no):
    keyed_yes = dialogs.with_access_key(yes)
    keyed_no = dialogs.with_access_key(no, dialogs.access_key(keyed_yes))
    keys = [mnemonic(keyed_yes), mnemonic(keyed_no)]
    assert all(k.isascii() and k.isalpha() for k in keys) and keys[0] != keys[1], (keyed_yes, keyed_no)
    assert keyed_yes.replace("&", "") == yes.replace("&", "") and keyed_no.replace("&", "") == no.replace("&", "")


def test_a_number_typed_replaces_the_one_offered(window, keyboard):
    keyboard.answer(keys_script(keyboard, "7", Key.Key_Return))
    assert dialogs.ask_number(window, "Thiết lập cuộc bầu", "Số lượng:", 5, 1, 9) == 7
    keyboard.answer(keys_script(keyboard, Key.Key_Escape))
    assert dialogs.ask_number(window, "Thiết lập cuộc bầu", "Số lượng:", 5, 1, 9) is None
