"""Every dialog: each button has an access key, none repeats on a page; the dialog fits a 1366×768 screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from tests.support.dialog_makers import DIALOGS, fill_roster, make_event
from tests.support.mnemonics import dialog_problems

SCREEN_WIDTH, SCREEN_HEIGHT, TASKBAR = 1366, 768, 40
# the client area of a window with its title bar, above the taskbar of a 1366×768 screen
FREE_WIDTH, FREE_HEIGHT = SCREEN_WIDTH, SCREEN_HEIGHT - TASKBAR - 32


class _SmallScreen:
    def availableGeometry(self):
        return QRect(0, 0, SCREEN_WIDTH, SCREEN_HEIGHT - TASKBAR)


@pytest.fixture
def small_screen(monkeypatch):
    """Windows sizing themselves see a 1366×768 screen with a taskbar (offscreen Qt has one screen of its own)."""
    monkeypatch.setattr(QWidget, "screen", lambda self: _SmallScreen())


def _fits(size) -> bool:
    return size.width() <= FREE_WIDTH and size.height() <= FREE_HEIGHT


@pytest.fixture
def roster(data_file):
    fill_roster()


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_every_button_has_an_access_key_and_none_repeats(qtbot, roster, answers, name):
    dialog = DIALOGS[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog_problems(name, dialog) == []
    dialog.done(0)  # closed before the dialog seam's patches are undone (a changed form asks before closing)


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_dialog_fits_a_small_screen(qtbot, roster, small_screen, name):
    dialog = DIALOGS[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    for what, size in (("minimum", dialog.minimumSizeHint()), ("hint", dialog.sizeHint()), ("opened", dialog.size())):
        assert _fits(size), (name, what, size)


def test_main_window_fits_a_small_screen(qtbot, roster, small_screen, data_file, tmp_path):
    from gui.main_window import MainWindow

    window = MainWindow(data_file, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    assert _fits(window.minimumSizeHint()) and _fits(window.size()), window.size()
    assert window.statusBar().isVisible()
    assert window.statusBar().geometry().bottom() < window.height()


def test_alt_l_saves_an_event_and_question_dialogs_show_their_whole_title(qtbot, roster, answers):
    from gui.core.dialogs import input_box
    from tests.support.mnemonics import mnemonic

    dialog = make_event()
    qtbot.addWidget(dialog)
    assert mnemonic(dialog.save_button.text()) == "l"
    dialog.done(0)
    for title in ("Tìm, sửa phiếu", "Thiết lập cuộc bầu", "Hủy kết quả biểu quyết"):
        box = input_box(None, title, "Số:")
        qtbot.addWidget(box)
        bold = box.font()
        bold.setBold(True)
        assert box.minimumWidth() > QFontMetrics(bold).horizontalAdvance(title) + 150
