"""The keyboard walk: real modal dialogs answered with keys (tests/support/keyboard.py) at 1366×768."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from tests.support.keyboard import Keyboard


@pytest.fixture
def keyboard(qtbot, monkeypatch):
    board = Keyboard(qtbot)
    for kind in (QDialog, QMessageBox):
        monkeypatch.setattr(kind, "exec", lambda dialog: board.exec(dialog))
    yield board
    assert not board.scripts, f"dialogs expected but never opened: {len(board.scripts)}"
