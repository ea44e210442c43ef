"""A secretary's first day, on real widgets and a real data file: set up the branch, add members, edit one,
record events, close ChiBo and open the file again."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Qt

from gui.branch_dialog import BranchDialog
from gui.main_window import MainWindow
from gui.roster.member_table_model import COLUMN_INDEX
from models.core.branch import get_branch
from models.core.database import close_database, open_database
from models.roster.event_kinds import EventKind
from models.roster.members import all_members
from tests.support.keys import type_text


def _names(window: MainWindow) -> list[str]:
    proxy = window.members_tab.proxy
    return [proxy.index(r, COLUMN_INDEX["full_name"]).data() for r in range(proxy.rowCount())]


def _add_member(window, qtbot, name, gender_index, born, admitted, card):
    window.members_tab.add_member()
    dialog = window.members_tab.member_dialog
    form = dialog.form
    type_text(form.focus_target("full_name"), name)
    form.focus_target("gender").setCurrentIndex(gender_index)
    qtbot.keyClicks(form.focus_target("birth_date"), born)
    dialog.tabs.setCurrentIndex(form.page_of["admission_date"])
    qtbot.keyClicks(form.focus_target("admission_date"), admitted)
    qtbot.keyClicks(form.focus_target("ceremony_date"), admitted)
    qtbot.keyClicks(form.focus_target("card_number"), card)
    qtbot.waitUntil(lambda: not dialog.timer.isActive() and dialog.save_button.isEnabled(), timeout=2000)
    with qtbot.waitSignal(dialog.member_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def _record_event(tab, qtbot, kind, when, decision="", place=""):
    tab.record_event_for_selected()
    dialog = tab.event_dialog
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(str(kind)))
    qtbot.keyClicks(dialog.date_field.line_edit, when)
    type_text(dialog.decision_edit, decision)
    type_text(dialog.place_edit, place)
    with qtbot.waitSignal(dialog.event_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_first_day_story(qtbot, tmp_path, answers):
    path = tmp_path / "Chi bộ Văn phòng.sqlite3"
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    open_database(path)

    setup = BranchDialog(first_run=True)
    qtbot.addWidget(setup)
    setup.show()
    type_text(setup.name_edit, "Chi bộ Văn phòng Sở")
    type_text(setup.higher_edit, "Đảng bộ Sở Thông tin và Truyền thông")
    type_text(setup.place_edit, "Hà Nội")
    qtbot.keyClicks(setup.abbr_edit, "CB")
    qtbot.mouseClick(setup.buttons.button(setup.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert get_branch().higher_committee == "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG"

    window = MainWindow(path, settings)
    qtbot.addWidget(window)
    window.show()
    assert "Chi bộ Văn phòng Sở" in window.windowTitle()
    _add_member(window, qtbot, "Trần Thị Bình", 1, "02/09/1982", "03/03/2008", "12345671")
    _add_member(window, qtbot, "Nguyễn Văn An", 0, "12/04/1975", "19/05/2001", "12345670")
    assert _names(window) == ["Nguyễn Văn An", "Trần Thị Bình"]

    # Edit Bình's job from the table, keyboard only: search, Down into the table, Enter.
    tab = window.members_tab
    qtbot.keyClicks(tab.search_edit, "binh")
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Down)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    dialog = tab.member_dialog
    assert dialog.member_id == tab.selected_member_id()
    type_text(dialog.form.focus_target("job_title"), "Phó Chánh Văn phòng")
    qtbot.waitUntil(lambda: not dialog.timer.isActive(), timeout=2000)
    with qtbot.waitSignal(dialog.member_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    # Record that Bình was recognised official, then that she moved away.
    _record_event(tab, qtbot, EventKind.RECOGNISED, "03/03/2009", decision="Quyết định số 12-QĐ/ĐU")
    _record_event(
        tab, qtbot, EventKind.TRANSFERRED_OUT, "01/10/2026", place="Chi bộ Phòng Kế hoạch, Đảng bộ Sở Tài chính"
    )

    tab.search_edit.clear()
    assert _names(window) == ["Nguyễn Văn An"]  # Bình has left the branch
    window.close()

    # Reopen the file as ChiBo would next morning.
    open_database(path)
    try:
        members = {m.full_name: m for m in all_members()}
        binh = members["Trần Thị Bình"]
        assert binh.job_title == "Phó Chánh Văn phòng"
        assert binh.official_date == date(2009, 3, 3)
        assert [e.kind for e in binh.events] == [EventKind.RECOGNISED, EventKind.TRANSFERRED_OUT]
        assert binh.events[1].place == "Chi bộ Phòng Kế hoạch, Đảng bộ Sở Tài chính"
        again = MainWindow(path, settings)
        qtbot.addWidget(again)
        again.members_tab.scope_combo.setCurrentIndex(1)  # everyone, also those who left
        assert _names(again) == ["Nguyễn Văn An", "Trần Thị Bình"]
        again.close()
    finally:
        close_database()
