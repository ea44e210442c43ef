"""The congress tab on real widgets: creating a congress, check-in by keyboard alone, bodies, read-only when closed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from gui.congress.congress_tab import CongressTab
from models.congress.congresses import list_congresses
from models.congress.summons import summoned_list
from models.counting import Attendance
from tests.support import congress_story as story


@pytest.fixture
def tab(qtbot, data_file, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    widget = CongressTab(settings)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    widget.activateWindow()  # the access keys (Alt+L) and Ctrl+Z are shortcuts of an active window
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def test_the_first_congress_is_created_through_the_dialog(qtbot, tab, answers):
    story.roster(10, 1)
    tab.refresh()
    assert tab.stack.currentIndex() == 0 and tab.first_button.isVisible()
    tab.first_button.click()
    dialog = tab.dialog
    dialog.ordinal_spin.setValue(4)
    dialog.start_spin.setValue(2025)
    dialog.end_spin.setValue(2020)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "phải sau năm đầu" in dialog.problems_label.text() and list_congresses() == []
    dialog.end_spin.setValue(2030)
    dialog.opens_field.setDate(story.DAY)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert [c.ordinal for c in list_congresses()] == [4]
    assert tab.stack.currentIndex() == 1 and "lần thứ IV" in tab.combo.currentText()
    assert tab.checkin_page.model.rowCount() == 11


def test_check_in_by_keyboard_alone_with_search_and_the_live_panel(qtbot, tab, answers):
    story.roster(12, 2, temporary=1)
    info = story.congress()
    tab.refresh(info.id)
    page = tab.checkin_page
    table = page.table
    table.setFocus()
    answers["texts"].append("Đi công tác")
    enter, alt = (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier), Qt.KeyboardModifier.AltModifier
    keys = [enter, enter, (Qt.Key.Key_L, alt), (Qt.Key.Key_D, alt)] + [enter] * 10
    for number, (key, modifier) in enumerate(keys, start=1):
        qtbot.keyClick(table, key, modifier)  # an access key clicks its button a moment later (animateClick)
        qtbot.waitUntil(lambda n=number: page.count_label.text().startswith(f"Đã điểm danh {n}/"))
    people = summoned_list(info.id)
    assert [p.attendance for p in people[:4]] == [
        Attendance.PRESENT,
        Attendance.PRESENT,
        Attendance.ABSENT_APPROVED,
        Attendance.ABSENT,
    ]
    assert people[2].absence_reason == "Đi công tác"
    assert page.count_label.text() == "Đã điểm danh 14/14"
    # 12 official - 1 temporary - 1 approved absence = D 10; ballots: present officials in D = 9
    assert "D = 10" in page.panel_label.text() and "ít nhất <b>6</b>" in page.panel_label.text()
    assert "<b>Phiếu phát ra:</b> 9" in page.panel_label.text()
    assert "đủ hai phần ba (ít nhất 8)" in page.panel_label.text()  # Charter Điều 11 k6, said on the panel
    # search without diacritics, then one key
    qtbot.keyClicks(page.search_edit, people[3].full_name.split()[-1].lower().replace("ư", "u"))
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert table.hasFocus() and page.proxy.rowCount() >= 1
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert summoned_list(info.id)[3].attendance == Attendance.PRESENT
    assert "D = 10" in page.panel_label.text() and "<b>Phiếu phát ra:</b> 10" in page.panel_label.text()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert summoned_list(info.id)[3].attendance is None


def test_typing_a_name_in_the_list_only_searches_and_every_change_is_said_and_undone(qtbot, tab, answers):
    story.roster(12)
    info = story.congress()
    tab.refresh(info.id)
    page = tab.checkin_page
    table = page.table
    table.setFocus()
    first = summoned_list(info.id)[0]
    qtbot.keyClicks(table, "vcl")  # the letters that used to mark someone
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Backspace)
    assert all(p.attendance is None for p in summoned_list(info.id))
    assert page.search_edit.hasFocus() and page.search_edit.text() == "vc"
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Escape)  # back to the whole list
    assert table.hasFocus() and page.proxy.rowCount() == 12
    table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Backspace)  # no longer clears a check-in: edits the search
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Escape)
    table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert summoned_list(info.id)[0].attendance == Attendance.PRESENT
    assert page.note_label.text().startswith(f"Đã ghi: {first.full_name} — có mặt")
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert summoned_list(info.id)[0].attendance is None
    assert page.note_label.text().startswith("Đã hoàn tác") and table.currentIndex().row() == 0
    assert not page.undo_button.isEnabled()
    assert tab.focus_search() and page.search_edit.hasFocus()  # Ctrl+F on this page (the window asks the tab)
    tab.pages.setCurrentIndex(1)
    assert not tab.focus_search()


def test_a_long_absence_reason_does_not_squeeze_the_names(qtbot, tab, answers):
    story.roster(12)
    info = story.congress()
    tab.refresh(info.id)
    page = tab.checkin_page
    width = page.table.columnWidth(1)
    answers["texts"].append("Đi công tác nước ngoài theo quyết định của Ban Thường vụ Đảng ủy " * 4)
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    page.approved_button.click()
    assert page.table.columnWidth(1) >= width
    assert page.table.columnWidth(1) >= page.fontMetrics().horizontalAdvance(summoned_list(info.id)[0].full_name)


def test_saving_one_body_keeps_the_others_ticks_names_tick_on_click_and_typing_only_searches(qtbot, tab, answers):
    from models.congress.bodies import Body, working_bodies

    story.roster(12)
    info = story.congress()
    story.check_in_all(info.id)
    tab.refresh(info.id)
    tab.pages.setCurrentIndex(1)
    page = tab.bodies_page
    lead, counting = page.lead_box, page.counting_box
    counting.list.item(5).setCheckState(Qt.CheckState.Checked)  # not saved yet
    rect = lead.list.visualItemRect(lead.list.item(0))
    qtbot.mouseClick(lead.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # on the name
    assert lead.list.item(0).checkState() == Qt.CheckState.Checked
    lead.list.setFocus()
    lead.list.setCurrentRow(1)
    qtbot.keyClicks(lead.list, "an")  # a name typed: a search, nobody ticked
    assert lead.search.text() == "an" and lead.chosen() == [lead.list.item(0).data(Qt.ItemDataRole.UserRole)]
    lead.search.clear()
    lead.list.setFocus()
    lead.list.setCurrentRow(1)
    qtbot.keyClick(lead.list, Qt.Key.Key_Space)
    assert len(lead.chosen()) == 2
    lead.save_button.click()
    assert [s.person.id for s in working_bodies(info.id)[Body.PRESIDIUM]] == lead.chosen()
    assert page.saved_label.text().startswith("✔ Đã lưu Đoàn Chủ tịch") and "Chủ tịch đoàn:" in page.saved_label.text()
    assert counting.list.item(5).checkState() == Qt.CheckState.Checked  # the unsaved tick survived


def test_bodies_refused_with_the_reason_and_a_closed_congress_is_read_only(qtbot, tab, answers):
    story.roster(12, 2)
    info = story.congress()
    story.check_in_all(info.id)
    tab.refresh(info.id)
    tab.pages.setCurrentIndex(1)
    box = tab.bodies_page.counting_box
    for index in range(2):
        box.list.item(index).setCheckState(Qt.CheckState.Checked)
    box.head_combo.setCurrentIndex(1)
    box.save_button.click()
    assert not answers["error"]
    from models.congress.bodies import Body, working_bodies

    seats = working_bodies(info.id)[Body.COUNTING]
    assert len(seats) == 2 and seats[0].is_head
    tab.open_session()  # confirmed
    story.approve(info.id, story.VoteKind.WORKING_BODIES, "Thông qua Ban kiểm phiếu")
    tab.close_congress()  # confirmed
    assert "chỉ để xem" in tab.state_label.text()
    tab.pages.setCurrentIndex(0)
    assert not tab.checkin_page.present_button.isEnabled() and not tab.edit_button.isEnabled()
    tab.checkin_page.table.setFocus()
    qtbot.keyClick(tab.checkin_page.table, Qt.Key.Key_V)
    assert summoned_list(info.id)[0].attendance == Attendance.PRESENT  # nothing changed


def test_a_read_only_data_file_shows_every_congress_read_only(qtbot, tab, answers):
    story.roster(12, 1)
    info = story.congress()
    tab.refresh(info.id)
    tab.set_read_only(True)
    assert "Tệp dữ liệu chỉ đọc" in tab.state_label.text()
    assert not tab.new_button.isEnabled() and not tab.open_button.isEnabled()
    assert not tab.checkin_page.present_button.isEnabled()
    tab.checkin_page.table.setFocus()
    qtbot.keyClick(tab.checkin_page.table, Qt.Key.Key_C)
    assert summoned_list(info.id)[0].attendance is None
    tab.set_read_only(False)
    assert tab.checkin_page.present_button.isEnabled()


def test_closing_the_congress_names_the_election_never_set_up(qtbot, tab, answers):
    story.roster(12)
    info = story.congress()
    story.check_in_all(info.id)
    story.open_with_bodies(info.id)
    tab.refresh(info.id)
    answers["replies"].append(False)
    tab.close_congress()
    text = answers["confirm"][-1][0]
    assert "Chưa bầu Ban Chi ủy: cuộc bầu chưa được thiết lập." in text and "Bí thư Chi bộ" in text
