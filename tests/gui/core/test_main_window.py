"""The main window: tabs, data file switching (refusing foreign files), recent files, backup, state."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QSettings

from gui.main_window import MainWindow
from models.core.branch import BranchInfo, get_branch, save_branch
from models.roster.members import save_member
from tests.support.people import all_people


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, data_file, settings):
    save_branch(BranchInfo("Chi bộ Văn phòng Sở", "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Hà Nội", "CB"))
    for record in all_people():
        save_member(record)
    win = MainWindow(data_file, settings)
    qtbot.addWidget(win)
    win.show()
    return win


def test_tabs_title_and_status_bar(window, data_file):
    assert [window.tabs.tabText(i).replace("&", "") for i in range(3)] == ["Đảng viên", "Đại hội", "Bầu cử"]
    assert window.windowTitle() == "ChiBo — Chi bộ Văn phòng Sở"
    assert str(data_file) in window.file_label.text()
    assert window.members_tab.proxy.rowCount() == len(all_people())


def test_foreign_file_is_refused_and_current_file_stays(window, tmp_path, answers, data_file):
    foreign = tmp_path / "ke-toan.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE invoice (id INTEGER)")
    con.commit()
    con.close()
    assert window.switch_data_file(foreign) is False
    assert "chương trình khác" in answers["error"][0][0]
    assert window.data_path == data_file
    assert get_branch().name == "Chi bộ Văn phòng Sở"  # still the open file


def test_switch_to_new_file_asks_for_branch_and_remembers_recent(window, tmp_path, data_file, monkeypatch):
    opened = []
    monkeypatch.setattr(window, "edit_branch", lambda first_run=False: opened.append(first_run))
    fresh = tmp_path / "chi-bo-moi.sqlite3"
    assert window.switch_data_file(fresh)
    assert opened == [True]
    assert window.members_tab.proxy.rowCount() == 0
    assert window.recent_files()[:2] == [str(fresh), str(data_file)]


def test_backup_runs_in_background(window, tmp_path, answers, qtbot):
    target = tmp_path / "sao-luu.sqlite3"
    answers["paths"].append(str(target))
    window.backup_data_file()
    with qtbot.waitSignal(window.backup_task.finished, timeout=5000):
        pass
    assert target.exists()
    con = sqlite3.connect(target)
    assert con.execute("SELECT count(*) FROM member").fetchone()[0] == len(all_people())
    con.close()
    assert "Đã sao lưu" in answers["info"][0][0]


def test_geometry_and_tab_are_remembered(window, settings, qtbot, data_file):
    window.tabs.setCurrentIndex(2)
    window.resize(700, 500)
    window.close()
    from models.core.database import open_database

    open_database(data_file)
    again = MainWindow(data_file, settings)
    qtbot.addWidget(again)
    assert again.tabs.currentIndex() == 2
    assert settings.value("window/geometry") is not None
    assert again.size().height() == 500


def test_deferred_load_shows_the_window_first(qtbot, data_file, settings):
    for record in all_people():
        save_member(record)
    win = MainWindow(data_file, settings, defer_load=True)
    qtbot.addWidget(win)
    assert win.members_tab.proxy.rowCount() == 0
    assert "Đang tải" in win.members_tab.count_label.text()
    win.show()
    qtbot.waitUntil(lambda: win.members_tab.proxy.rowCount() == len(all_people()), timeout=3000)
