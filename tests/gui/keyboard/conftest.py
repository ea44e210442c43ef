"""The keyboard walk: real modal dialogs answered with keys (tests/support/keyboard.py) at 1366×768."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from tests.support.keyboard import Keyboard


@pytest.fixture
def documents(tmp_path, monkeypatch):
    """The file choosers start in a Documents folder of the test's own and remember folders in its own settings."""
    from PySide6.QtCore import QSettings

    from gui.core import dialogs

    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(dialogs.QStandardPaths, "writableLocation", staticmethod(lambda location: str(folder)))
    ini = tmp_path / "chooser-settings.ini"
    monkeypatch.setattr(dialogs, "app_settings", lambda: QSettings(str(ini), QSettings.Format.IniFormat))
    return folder


@pytest.fixture
def keyboard(qtbot, monkeypatch, documents):
    board = Keyboard(qtbot)
    for kind in (QDialog, QMessageBox):
        monkeypatch.setattr(kind, "exec", lambda dialog: board.exec(dialog))
    yield board
    assert not board.scripts, f"dialogs expected but never opened: {len(board.scripts)}"


@pytest.fixture
def active_window(qtbot, data_file, tmp_path):
    """`active_window()`: the main window on the test's data file (filled by the test first), shown at 1366×768 and
    active, as a secretary finds it."""
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow

    def show():
        win = MainWindow(data_file, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(win)
        win.resize(1366, 768)
        win.show()
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
        return win

    return show
