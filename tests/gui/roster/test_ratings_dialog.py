"""RatingsDialog on real widgets: who is listed and in what order, counts, the 20 % warning, saving."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from gui.roster.ratings_dialog import RatingsDialog
from models.roster.event_kinds import EventKind
from models.roster.members import record_event, save_member
from models.roster.rating_book import ratings_for_year, save_ratings
from models.roster.records import EventRecord
from tests.support.people import member

TODAY = date(2025, 1, 15)


@pytest.fixture
def ids(data_file):
    # Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường, Phạm Thị Dung, Đỗ Minh Đức (all official long before 2024)
    saved = [save_member(member(i)).member.id for i in range(5)]
    record_event(saved[2], EventRecord(EventKind.EXEMPTED, date(2024, 6, 1), "QĐ 7-QĐ/CB"), TODAY)
    return saved


def open_dialog(qtbot, year=2024) -> RatingsDialog:
    dialog = RatingsDialog(year=year, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def names(dialog: RatingsDialog) -> list[str]:
    return [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]


def test_members_in_abc_order_and_exempted_not_rateable(qtbot, ids):
    dialog = open_dialog(qtbot)
    assert names(dialog) == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Đỗ Minh Đức"]
    exempted = dialog.rows[2]
    assert not exempted.rateable and not exempted.combo.isEnabled()
    assert "Miễn công tác và sinh hoạt đảng" in dialog.table.item(2, 4).text()
    assert ids[2] not in dialog.levels()


def test_members_admitted_after_the_year_are_not_listed(qtbot, ids):
    save_member(member(5))  # Hoàng Thị Ánh, admitted 2025
    assert "Hoàng Thị Ánh" not in names(open_dialog(qtbot))


def test_keys_set_levels_counts_update_and_quota_warns(qtbot, ids, answers):
    dialog = open_dialog(qtbot)
    combos = [row.combo for row in dialog.rows]
    qtbot.keyClick(combos[0], Qt.Key.Key_1)  # An: xuất sắc
    qtbot.keyClick(combos[1], Qt.Key.Key_2)  # Bình: tốt
    qtbot.keyClick(combos[3], Qt.Key.Key_2)  # Dung: tốt
    assert combos[0].currentText() == "Hoàn thành xuất sắc nhiệm vụ"
    assert "Hoàn thành tốt nhiệm vụ: <b>2</b>" in dialog.counts_label.text()
    assert "Chưa xếp loại: <b>1</b>" in dialog.counts_label.text()
    assert dialog.quota_label.isVisible() and "20%" in dialog.quota_label.text()  # 1 > 20 % of 2
    assert dialog.save_button.isEnabled()  # a warning never blocks
    qtbot.keyClick(combos[4], Qt.Key.Key_3)  # Đức: hoàn thành
    with qtbot.waitSignal(dialog.ratings_saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [2024]
    _text, detail = answers["confirm"][-1]
    assert "20%" in detail
    stored = {r.member_id: r.level for r in ratings_for_year(2024)}
    assert stored == {ids[0]: "excellent", ids[1]: "good", ids[3]: "good", ids[4]: "done"}


def test_refusing_the_confirmation_saves_nothing(qtbot, ids, answers):
    dialog = open_dialog(qtbot)
    qtbot.keyClick(dialog.rows[0].combo, Qt.Key.Key_2)
    answers["replies"].append(False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "chưa được xếp loại" in answers["confirm"][-1][1]
    assert ratings_for_year(2024) == [] and dialog.isVisible()


def test_saved_ratings_load_and_changing_year_asks_first(qtbot, ids, answers):
    save_ratings(2023, {ids[0]: "good", ids[2]: "done"})
    dialog = open_dialog(qtbot)
    qtbot.keyClick(dialog.rows[0].combo, Qt.Key.Key_4)
    answers["replies"].append(False)
    dialog.year_spin.setValue(2023)
    assert dialog.year() == 2024 and dialog.year_spin.value() == 2024
    dialog.year_spin.setValue(2023)  # default answer: drop the changes
    assert dialog.year() == 2023
    assert dialog.rows[0].combo.currentData() == "good"
    assert dialog.rows[2].combo.currentData() == "done"  # not exempted yet on 31/12/2023


def test_cancel_saves_nothing(qtbot, ids, answers):
    dialog = open_dialog(qtbot)
    qtbot.keyClick(dialog.rows[0].combo, Qt.Key.Key_1)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert answers["confirm"] and not dialog.isVisible()
    assert ratings_for_year(2024) == []


def test_ratings_saved_meanwhile_on_another_client_are_shown_and_reloaded_keeping_my_other_choices(qtbot, ids, answers):
    save_ratings(2024, {ids[0]: "good", ids[1]: "good"})
    dialog = open_dialog(qtbot)
    combos = [row.combo for row in dialog.rows]
    qtbot.keyClick(combos[0], Qt.Key.Key_1)  # An: xuất sắc
    qtbot.keyClick(combos[3], Qt.Key.Key_3)  # Dung: hoàn thành
    qtbot.keyClick(combos[4], Qt.Key.Key_2)  # Đức: tốt
    read = {r.member_id: r for r in ratings_for_year(2024)}
    save_ratings(2024, {ids[0]: "done", ids[1]: "excellent"}, read=read)  # the other client
    answers["replies"] += [True, True]  # «Vẫn lưu» past the 20 % warning, then «Tải lại bảng»
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (_quota, (text, detail)) = answers["confirm"]
    assert text == "Kết quả xếp loại năm 2024 vừa được sửa trên máy khác; chưa lưu được."
    assert "• Nguyễn Văn An: «Hoàn thành tốt nhiệm vụ» → «Hoàn thành nhiệm vụ»" in detail
    assert dialog.isVisible()
    levels = dialog.levels()
    assert (levels[ids[0]], levels[ids[1]]) == ("done", "excellent")  # theirs
    assert (levels[ids[3]], levels[ids[4]]) == ("done", "good")  # mine, they did not touch these
    ((info, replaced),) = answers["info"]
    assert replaced == "• Nguyễn Văn An: bạn đã chọn «Hoàn thành xuất sắc nhiệm vụ», nay là «Hoàn thành nhiệm vụ»"
    with qtbot.waitSignal(dialog.ratings_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert {r.member_id: r.level for r in ratings_for_year(2024)} == {
        ids[0]: "done",
        ids[1]: "excellent",
        ids[3]: "done",
        ids[4]: "good",
    }
