"""Every dialog that edits data, from the keyboard: untouched, Escape closes it at once; after typing, Escape, «Hủy»
(its Alt key) and the window's close button ask «Bỏ các thay đổi chưa lưu?», where Enter and Escape keep editing
with what was typed, and only «Bỏ thay đổi» (Alt+B) closes it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QDialogButtonBox, QLineEdit

from gui.core.date_field import DateField
from gui.core.unsaved import QUESTION
from tests.support.dialog_makers import DIALOGS, fill_roster
from tests.support.keyboard import ALT, keys_script
from tests.support.mnemonics import mnemonic

Key = Qt.Key

EDITING = (
    "admission_vote",
    "applicant",
    "appointment",
    "approval",
    "branch",
    "committee",
    "congress",
    "event",
    "hand_vote",
    "meeting",
    "meeting_vote",
    "member",
    "member_edit",
    "totals",
    "transfer",
)


@pytest.fixture
def roster(data_file):
    fill_roster()


def _open(qtbot, name):
    dialog = DIALOGS[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _typeable(widget) -> bool:
    """A text field (not a date's, which takes digits only) or a number field."""
    if isinstance(widget, QAbstractSpinBox):
        return True
    parent = widget.parentWidget()
    return (
        isinstance(widget, QLineEdit)
        and not widget.isReadOnly()
        and not isinstance(parent, QAbstractSpinBox | DateField)
        and widget.validator() is None
    )


def _type_something(keyboard, dialog) -> QLineEdit | QAbstractSpinBox:
    """Tab to the first field that takes typing and type in it; the field."""
    for _ in range(60):
        focus = keyboard.focus()
        spin = focus if isinstance(focus, QAbstractSpinBox) else focus.parentWidget()
        if isinstance(spin, QAbstractSpinBox):
            before = spin.text()
            keyboard.type("1" if before != "1" else "2")
            assert spin.text() != before
            return spin
        if _typeable(focus):
            keyboard.type(" thử gõ")
            return focus
        keyboard.press(Key.Key_Tab)
    raise AssertionError(f"{dialog.windowTitle()}: Tab reached no field to type in")


def _cancel_key(dialog) -> str:
    box = dialog.findChild(QDialogButtonBox)
    buttons = [b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.RejectRole]
    return mnemonic(buttons[0].text())


@pytest.mark.parametrize("name", EDITING)
def test_untouched_escape_closes_at_once(qtbot, roster, keyboard, name):
    dialog = _open(qtbot, name)
    keyboard.press(Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert keyboard.seen == []  # nothing asked


@pytest.mark.parametrize("name", EDITING)
def test_typing_is_kept_by_enter_and_escape_and_dropped_only_by_alt_b(qtbot, roster, keyboard, name):
    dialog = _open(qtbot, name)
    field = _type_something(keyboard, dialog)
    typed = field.text()

    keyboard.answer(keys_script(keyboard, Key.Key_Return))  # a bare Enter on the question: keep editing
    keyboard.press(Key.Key_Escape)
    qtbot.waitUntil(keyboard.all_answered)
    assert keyboard.seen[-1][1] == QUESTION
    assert dialog.isVisible() and field.text() == typed
    assert keyboard.focus() is field or field.isAncestorOf(keyboard.focus())  # back where the typing was

    keyboard.answer(keys_script(keyboard, Key.Key_Escape))  # «Hủy» by its Alt key, then Escape: keep editing
    keyboard.alt(_cancel_key(dialog))
    assert [text for _title, text in keyboard.seen] == [QUESTION, QUESTION]
    assert dialog.isVisible() and field.text() == typed

    keyboard.answer(keys_script(keyboard, (Key.Key_B, ALT)))  # the window's close button, then «Bỏ thay đổi»
    dialog.close()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(keyboard.seen) == 3 and dialog.result() == dialog.DialogCode.Rejected


def test_a_rating_chosen_and_not_saved_is_kept_from_escape(qtbot, roster, keyboard):
    """The ratings of a year: a level chosen with the arrows in a member's box, then Escape."""
    from PySide6.QtWidgets import QComboBox

    dialog = _open(qtbot, "ratings")
    for _ in range(40):
        if isinstance(keyboard.focus(), QComboBox) and keyboard.focus().isEnabled():
            break
        keyboard.press(Key.Key_Tab)
    box = keyboard.focus()
    assert isinstance(box, QComboBox) and dialog.table.isAncestorOf(box)
    keyboard.press(Key.Key_Down)
    chosen = box.currentText()
    keyboard.answer(keys_script(keyboard, Key.Key_Return))
    keyboard.press(Key.Key_Escape)
    qtbot.waitUntil(keyboard.all_answered)
    assert keyboard.seen == [("Thay đổi chưa lưu", QUESTION)]
    assert dialog.isVisible() and box.currentText() == chosen and keyboard.focus() is box
    keyboard.answer(keys_script(keyboard, (Key.Key_B, ALT)))
    keyboard.press(Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
