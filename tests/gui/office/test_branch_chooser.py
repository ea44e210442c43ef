"""The main window on an office server: the branches the signed-in account has, working in another one (the whole
window reloads for it), the office's totals, and reaching the server from the File menu; on a real server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from gui.main_window import MainWindow
from models.core.branch import BranchInfo, current_branch_id, get_branch, list_branches, save_branch, use_branch
from models.core.database import close_database, open_database
from models.core.server_connection import address_of
from models.roster.members import save_member
from tests.support.mnemonics import dialog_problems, menu_problems
from tests.support.people import member, set_up_branch
from tests.support.pg_server import empty_database

SECOND = "Chi bộ Phòng Kế hoạch"


def _fill_server(url: str) -> None:
    """Two branches: the first of six members, the second of three."""
    empty_database(url)
    open_database(url)
    set_up_branch()
    for index in range(6):
        save_member(member(index))
    save_branch(BranchInfo(SECOND, "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Hà Nội", "CB"), new=True)
    for index in (6, 7, 9):
        save_member(member(index, card_number=f"2000000{index}"))
    use_branch(None)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def server_window(qtbot, pg_url, settings):
    _fill_server(pg_url)
    win = MainWindow(pg_url, settings)
    qtbot.addWidget(win)
    win.show()
    yield win
    close_database()


def test_the_window_shows_the_account_branches_and_works_in_the_chosen_one(server_window, qtbot):
    bar = server_window.branch_bar
    assert bar.isVisible()
    assert [name for _, name in bar.branches()] == ["Chi bộ Văn phòng Sở", SECOND]
    assert bar.combo.currentText() == "Chi bộ Văn phòng Sở"
    assert bar.account_label.text() == "Tài khoản «postgres» là quản trị máy chủ: xem và sửa được cả 2 chi bộ."
    qtbot.waitUntil(lambda: server_window.members_tab.proxy.rowCount() == 6)  # a server's roster loads on a worker
    second = dict((name, i) for i, name in list_branches())[SECOND]
    bar.combo.setCurrentIndex(1)
    bar.combo.activated.emit(1)  # what choosing with the mouse or keyboard sends
    assert current_branch_id() == second and get_branch().name == SECOND
    assert server_window.windowTitle() == f"ChiBo — {SECOND}"
    qtbot.waitUntil(lambda: not server_window.members_tab.is_loading())
    qtbot.waitUntil(lambda: server_window.members_tab.proxy.rowCount() == 3)  # a server's roster loads on a worker
    assert bar.combo.currentText() == SECOND  # the bar follows the reload
    assert server_window.office_action.isEnabled()


def test_office_totals_are_each_branch_and_their_sum(server_window, qtbot, answers):
    server_window.show_office_totals()
    dialog = server_window.office_dialog
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    table = dialog.table
    cells = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert [row[0] for row in cells] == ["Chi bộ Văn phòng Sở", SECOND, "Toàn đảng bộ"]
    assert [row[1] for row in cells] == ["6", "3", "9"]
    for column in range(1, table.columnCount()):
        assert int(cells[2][column]) == int(cells[0][column]) + int(cells[1][column]), dialog.headings[column]
    assert dialog.export_buttons["thong-ke"].isEnabled()
    assert dialog_problems("office", dialog) == []
    dialog.done(0)


def test_the_file_menu_reaches_the_server(qtbot, pg_url, data_file, settings):
    """From a branch's own data file, «Kết nối máy chủ của văn phòng…» opens the server in its place."""
    _fill_server(pg_url)
    close_database()
    open_database(data_file)
    win = MainWindow(data_file, settings)
    qtbot.addWidget(win)
    win.show()
    assert not win.branch_bar.isVisible() and not win.office_action.isEnabled()
    assert menu_problems(win.menuBar().actions()[0].menu()) == []
    assert "Kết nối máy chủ của văn phòng" in win.server_action.text().replace("&", "")
    win.server_action.trigger()
    dialog = win.connection_dialog
    server = address_of(pg_url)
    dialog.host_edit.setText(server.host)
    dialog.port_spin.setValue(server.port)
    dialog.database_edit.setText(server.database)
    dialog.user_edit.setText(server.user)
    dialog.password_edit.setText("mật khẩu")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    try:
        qtbot.waitUntil(lambda: win.data_path is None, timeout=15000)  # signed in off the GUI thread
        assert win.data_path is None and win.data_target.startswith("postgresql://")
        assert "mật" not in win.file_label.text() and "***" in win.file_label.text()
        assert win.branch_bar.isVisible() and len(win.branch_bar.branches()) == 2
        qtbot.waitUntil(lambda: not win.members_tab.is_loading())
        qtbot.waitUntil(lambda: win.members_tab.proxy.rowCount() == 6)  # a server's roster loads on a worker
        assert str(data_file) in win.recent_files()  # the file stays a recent file; the server is not one
        assert not any("postgresql" in f for f in win.recent_files())
    finally:
        close_database()


def test_the_branch_chosen_on_a_server_is_where_the_next_connection_starts(server_window, pg_url, qtbot):
    second = dict((name, i) for i, name in list_branches())[SECOND]
    server_window.choose_branch(second)
    qtbot.waitUntil(lambda: not server_window.members_tab.is_loading())
    assert server_window.switch_data_file(pg_url + "&connect_timeout=10")  # the same server and account again
    assert current_branch_id() == second and server_window.branch_bar.combo.currentText() == SECOND


def test_office_view_writes_the_committee_reports(server_window, qtbot, answers, tmp_path):
    from openpyxl import load_workbook

    server_window.show_office_totals()
    dialog = server_window.office_dialog
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    target = tmp_path / "du-bi.xlsx"
    answers["paths"].append(str(target))
    dialog.export_buttons["du-bi"].click()
    qtbot.waitUntil(lambda: bool(answers["info"]), timeout=20000)
    assert answers["info"][0][1] == str(target)
    rows = [r for r in load_workbook(target).active.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert {(r[1], r[2]) for r in rows} == {("Chi bộ Văn phòng Sở", "Hoàng Thị Ánh"), (SECOND, "Đặng Thu Hà")}
    congress_round = tmp_path / "dai-hoi.xlsx"
    answers["paths"].append(str(congress_round))
    dialog.export_buttons["dai-hoi"].click()  # the round of the branches' congresses, and the re-keying sheet
    qtbot.waitUntil(lambda: len(answers["info"]) == 2, timeout=20000)
    assert load_workbook(congress_round).sheetnames == ["Đại hội chi bộ", "Nhập phần mềm"]
    dialog.export("thong-ke")  # asks what the report covers first, for every branch
    assert "từng chi bộ và toàn đảng bộ" in dialog.options_dialog.findChildren(type(dialog.summary_label))[0].text()
    dialog.options_dialog.done(0)
    dialog.done(0)
