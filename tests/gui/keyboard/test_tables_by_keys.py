"""Tab leaves every table and list for the next control (arrows move inside it): in the window with every tab built,
and in every dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget

from gui.main_window import MainWindow
from tests.support import congress_story as story
from tests.support.dialog_makers import DIALOGS, fill_roster


def _trapping_tab(root: QWidget) -> list[str]:
    """The item views Tab reaches that keep Tab for moving between their cells."""
    return [
        f"{type(view).__name__} in {type(view.parentWidget()).__name__}"
        for view in root.findChildren(QAbstractItemView)
        if view.focusPolicy() & Qt.FocusPolicy.TabFocus and view.tabKeyNavigation() and view.window() is root.window()
    ]


def test_no_table_of_the_window_keeps_tab(qtbot, data_file, tmp_path):
    story.roster(12, 2)
    window = MainWindow(data_file, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    for page in (window.meetings_page, window.admission_page):
        window._build_tab(page)
    assert _trapping_tab(window) == []


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_no_table_of_a_dialog_keeps_tab(qtbot, data_file, answers, name):
    fill_roster()
    dialog = DIALOGS[name]()
    qtbot.addWidget(dialog)
    assert _trapping_tab(dialog) == []


def test_the_scanning_review_s_table_leaves_tab(qtbot, data_file):
    from gui.live_count.scan_review import ScanReviewDialog
    from models.counting import Form

    round_ = story.counting_round()
    ids = tuple(p.key for p in round_.candidates)
    dialog = ScanReviewDialog(round_.id, 1, ids, ids, Form.STRIKE, "", lambda ballot: None)
    qtbot.addWidget(dialog)
    assert _trapping_tab(dialog) == []
