"""The main window: tabs, data file switching (refusing foreign files), recent files, backup, state."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings

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


def test_a_new_file_is_encrypted_shows_its_recovery_key_asks_for_branch_and_is_remembered(
    window, tmp_path, data_file, monkeypatch, answers
):
    from gui.core import recovery_key_dialog
    from models.core import passphrases

    opened, shown = [], []
    monkeypatch.setattr(window, "edit_branch", lambda first_run=False: opened.append(first_run))
    monkeypatch.setattr(recovery_key_dialog, "show_recovery_key", lambda parent, path, key: shown.append((path, key)))
    fresh = tmp_path / "chi-bo-moi.sqlite3"
    answers["paths"].append(str(fresh))
    window.create_data_file()
    assert opened == [True] and window.data_path == fresh
    assert shown and shown[0][0] == fresh and len(shown[0][1]) == 69  # 14 groups of four, dashed
    assert not fresh.read_bytes().startswith(passphrases.SQLITE_MAGIC)
    assert window.members_tab.proxy.rowCount() == 0
    assert window.recent_files()[:2] == [str(fresh), str(data_file)]


def test_switching_to_a_missing_file_creates_nothing(window, tmp_path, data_file, answers):
    missing = tmp_path / "khong-co.sqlite3"
    assert window.switch_data_file(missing) is False
    assert "Không có tệp dữ liệu" in answers["error"][0][0]
    assert not missing.exists() and window.data_path == data_file


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


def test_the_congress_and_ballots_tabs_are_built_after_the_first_roster_rows(qtbot, data_file, settings):
    for record in all_people():
        save_member(record)
    win = MainWindow(data_file, settings, defer_load=True)
    qtbot.addWidget(win)
    built_at_first_rows = []
    win.members_tab.model.rowsInserted.connect(
        lambda *_: built_at_first_rows.append((win.congress_tab, win.ballots_tab)) if not built_at_first_rows else None
    )
    painted_full = []

    class Painted(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and win.members_tab.proxy.rowCount() == len(all_people()):
                painted_full.append((win.congress_tab, win.ballots_tab))
            return False

    probe = Painted()
    win.members_tab.table.viewport().installEventFilter(probe)
    win.show()
    qtbot.waitUntil(lambda: win.congress_tab is not None and win.ballots_tab is not None, timeout=5000)
    assert built_at_first_rows == [(None, None)]
    assert painted_full[0] == (None, None)  # the whole roster painted before the tabs are built
    assert win.members_tab.proxy.rowCount() == len(all_people())
    assert win.congress_page.content is win.congress_tab and win.ballots_page.content is win.ballots_tab


def test_a_tab_shown_before_the_roster_is_loaded_is_built_as_it_is_shown(qtbot, data_file, settings):
    settings.setValue("window/tab", 2)
    win = MainWindow(data_file, settings, defer_load=True)
    qtbot.addWidget(win)
    win.members_tab.load = lambda *_: None  # the roster never finishes loading here
    win.show()
    qtbot.waitUntil(lambda: win.ballots_tab is not None)
    assert win.congress_tab is None and win.ballots_page.content is win.ballots_tab
    win.tabs.setCurrentWidget(win.congress_page)
    assert win.congress_page.content is win.congress_tab is not None


# keyboard ---------------------------------------------------------------------------------


def test_ctrl_f_focuses_search_without_ambiguous_shortcut(window, qtbot, qtlog):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    for tab in (0, 1):  # from the roster itself and from another tab
        window.tabs.setCurrentIndex(tab)
        window.members_tab.table.setFocus()
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert not [r.message for r in qtlog.records if "Ambiguous" in r.message]
        assert window.tabs.currentWidget() is window.members_tab
        assert QApplication.focusWidget() is window.members_tab.search_edit


def test_every_menu_item_has_its_own_access_key(window, settings, tmp_path):
    from tests.support.mnemonics import menu_problems, problems

    settings.setValue("files/recent", [str(tmp_path / "a&b.sqlite3"), str(tmp_path / "c.sqlite3")])
    menus = [a.menu() for a in window.menuBar().actions()]
    found = problems("menu bar", [a.text() for a in window.menuBar().actions()])
    for menu in menus:
        found += menu_problems(menu)
    assert found == []
    assert window.recent_menu.actions()[0].text().endswith("a&&b.sqlite3")


def test_window_buttons_tabs_and_menus_have_distinct_access_keys(window):
    from tests.support.mnemonics import dialog_problems

    window._build_tab(window.meetings_page)  # built when first shown; its buttons count too
    titles = tuple(a.text() for a in window.menuBar().actions())
    assert dialog_problems("main window", window, always=titles) == []


def test_access_keys_stay_distinct_on_every_page_of_a_congress_being_counted(qtbot, data_file, settings):
    """With a congress in session and a round being counted, every page of the congress and ballots tabs shows
    its buttons: none repeats a key of the window's menus, tabs or the congress bar."""
    from models.congress.elections import add_election, get_election, set_candidates
    from models.congress.rounds import start_round
    from models.congress.summons import summoned_list
    from models.counting import Post
    from tests.support import congress_story as story
    from tests.support.mnemonics import dialog_problems

    story.roster(12, 1)
    info = story.congress()
    story.check_in_all(info.id)
    tellers = story.open_with_bodies(info.id)
    pool = [p for p in summoned_list(info.id) if p.official and p not in tellers]
    election = add_election(info.id, Post.COMMITTEE, 3)
    set_candidates(election.rounds[0].id, [p.id for p in pool[:4]])
    story.approve(info.id, story.VoteKind.SEATS, "Số lượng", election.id)
    story.approve(info.id, story.VoteKind.ELECTION_LIST, "Danh sách", election.id)
    start_round(get_election(election.id).current_round.id)
    win = MainWindow(data_file, settings)
    qtbot.addWidget(win)
    win.show()
    assert win.congress_tab.stack.currentIndex() == 1  # the pages, not the empty state
    titles = tuple(a.text() for a in win.menuBar().actions())
    assert dialog_problems("main window", win, always=titles) == []


def test_views_are_reached_from_the_view_menu(window):
    """Ctrl+1 … Ctrl+5 are the window's tabs (tests/gui/keyboard/test_window_by_keys.py); the roster's views are
    the «Xem» menu's items, named in their tooltips."""
    from gui.roster.members_tab import LIST_PAGE, REMINDERS_PAGE, STATISTICS_PAGE

    views = window.members_tab.views
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Xem")
    items = {a.text(): a for a in view_menu.actions()}
    for text, page in (("&Thống kê", STATISTICS_PAGE), ("&Nhắc việc", REMINDERS_PAGE), ("&Danh sách", LIST_PAGE)):
        window.tabs.setCurrentIndex(2)
        items[text].trigger()
        assert window.tabs.currentWidget() is window.members_tab
        assert views.currentIndex() == page
        assert f"menu Xem › {text.replace('&', '')}" in views.tabToolTip(page)


def test_tab_leaves_the_roster_table(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    table = window.members_tab.table
    window.activateWindow()
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table


def test_a_saved_member_reaches_the_window(window):
    """Tabs announce what a write changed (gui.core.operations); the window listens (and says so in the status
    bar)."""
    from gui.core.operations import OperationChanges, announce

    announce(OperationChanges(members=True, member_ids=(7,), source=window.members_tab))
    assert window.statusBar().currentMessage() == "Đã lưu thay đổi của 1 đảng viên."
    announce(OperationChanges(members=True, ratings=True, source=window.members_tab))
    assert window.statusBar().currentMessage() == "Đã lưu thay đổi của danh sách đảng viên."


def test_opening_and_closing_a_data_file_take_automatic_backups(window, data_file):
    from models.core.auto_backup import list_backups

    window.opening_backup.wait()
    assert [b.reason for b in list_backups(data_file)] == ["open"]
    window.close()
    assert sorted(b.reason for b in list_backups(data_file)) == ["exit", "open"]


def test_restoring_from_a_backup_through_the_menu(window, data_file, answers):
    from models.core.auto_backup import take_backup
    from models.roster.members import all_members

    window.opening_backup.wait()
    take_backup(data_file, "manual")
    before = len(all_members())
    from datetime import date

    save_member(all_people()[0].__class__("Người Thêm Sau", "Nam", date(1990, 1, 1), date(2015, 1, 1)))
    assert len(all_members()) == before + 1
    window.restore_data_file()
    dialog = window.restore_dialog
    assert dialog.table.rowCount() >= 2 and "đảng viên" in dialog.table.item(0, 2).text()
    dialog.table.selectRow(0)  # the newest: the manual one
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()  # confirmed by `answers`
    assert len(all_members()) == before
    assert "Đã phục hồi" in window.statusBar().currentMessage()


def test_a_damaged_file_opened_from_the_menu_is_offered_its_newest_backup(window, tmp_path, answers):
    from models.core.auto_backup import list_backups, take_backup
    from models.core.database import close_database, open_database
    from tests.support.people import set_up_branch

    other = tmp_path / "khác.sqlite3"
    current = window.data_path
    open_database(other)
    set_up_branch()
    save_member(all_people()[1])
    take_backup(other, "exit")
    close_database()
    open_database(current)
    other.write_bytes(other.read_bytes()[:3000])
    assert window.switch_data_file(other)
    assert answers["confirm"] and "bị hỏng" in answers["confirm"][-1][0]
    from models.roster.members import all_members

    assert [m.full_name for m in all_members()] == [all_people()[1].full_name]
    assert any("hỏng" in p.name for p in tmp_path.iterdir())
    assert list_backups(other)


def test_a_practice_file_is_made_in_one_step_and_shown_as_such(window, tmp_path, answers):
    from models.congress.congresses import list_congresses
    from models.core.practice_flag import is_practice
    from models.roster.members import all_members

    real = window.data_path
    answers["paths"].append(str(tmp_path / "tập dượt"))
    window.create_practice_file()
    assert window.data_path == tmp_path / "tập dượt.sqlite3" and is_practice()
    assert window.practice_banner.isVisibleTo(window) and "TẬP DƯỢT" in window.windowTitle()
    assert len(all_members()) == 32 and [c.ordinal for c in list_congresses()] == [5]
    assert window.tabs.currentWidget() is window.congress_page
    assert window.congress_tab.checkin_page.model.rowCount() == 32
    window.switch_data_file(real)
    assert not is_practice() and not window.practice_banner.isVisibleTo(window)
