"""EventDialog on real widgets: new events, corrections that keep the old event, errors and warnings."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from gui.roster.event_dialog import EventDialog
from models.roster.event_kinds import EventKind
from models.roster.members import get_member, record_event, save_member
from models.roster.records import EventRecord
from models.roster.tables import MemberEvent
from tests.support.keys import type_text
from tests.support.people import member

TODAY = date(2026, 1, 10)


@pytest.fixture
def member_id(data_file):
    return save_member(member(0)).member.id  # official since 2002


def open_dialog(qtbot, member_id, event_id=None) -> EventDialog:
    dialog = EventDialog(member_id=member_id, event_id=event_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose_kind(dialog: EventDialog, kind: EventKind) -> None:
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(str(kind)))


def test_transfer_out_is_recorded(qtbot, member_id, answers):
    dialog = open_dialog(qtbot, member_id)
    assert not dialog.save_button.isEnabled()
    assert "Chọn loại sự kiện" in dialog.problem.text()
    choose_kind(dialog, EventKind.TRANSFERRED_OUT)
    assert dialog.place_label.text() == "Chuyển đến (&nơi đến)"
    assert dialog.place_edit.isVisible()
    assert not dialog.end_date_field.isVisible()
    qtbot.keyClicks(dialog.date_field.line_edit, "01/12/2025")
    type_text(dialog.decision_edit, "Quyết định số 30-QĐ/ĐU ngày 25/11/2025")
    type_text(dialog.place_edit, "Đảng bộ Sở Tài chính")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.event_saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [member_id]
    [event] = get_member(member_id).events
    assert (event.kind, event.date, event.place) == (
        EventKind.TRANSFERRED_OUT,
        date(2025, 12, 1),
        "Đảng bộ Sở Tài chính",
    )
    assert event.decision_ref == "Quyết định số 30-QĐ/ĐU ngày 25/11/2025"
    assert answers["error"] == [] and answers["warning"] == []
    assert not dialog.isVisible()


def test_place_and_end_date_follow_the_kind(qtbot, member_id):
    dialog = open_dialog(qtbot, member_id)
    choose_kind(dialog, EventKind.TRANSFERRED_IN)
    assert dialog.place_label.text() == "Chuyển &từ (nơi đi)"
    choose_kind(dialog, EventKind.EXEMPTED)
    assert not dialog.place_edit.isVisible()
    assert dialog.end_date_field.isVisible()
    assert dialog.end_date_label.text() == "Miễn sinh hoạt đến ngày (&kết thúc)"
    choose_kind(dialog, EventKind.BADGE_AWARDED)
    assert "Huy hiệu 30 năm" in dialog.note_edit.placeholderText()


def test_wrong_date_keeps_save_disabled(qtbot, member_id):
    dialog = open_dialog(qtbot, member_id)
    choose_kind(dialog, EventKind.DIED)
    qtbot.keyClicks(dialog.date_field.line_edit, "30/02/2025")
    assert not dialog.save_button.isEnabled()
    assert "Ngày chưa đúng" in dialog.problem.text()


def test_rule_error_is_shown_and_nothing_saved(qtbot, member_id, answers):
    dialog = open_dialog(qtbot, member_id)
    choose_kind(dialog, EventKind.TRANSFERRED_OUT)
    qtbot.keyClicks(dialog.date_field.line_edit, "01/03/2026")  # after TODAY
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    text, detail = answers["error"][-1]
    assert "Chưa lưu được" in text and "tương lai" in detail
    assert get_member(member_id).events == []
    assert dialog.isVisible()


def test_premature_recognition_is_confirmed_before_saving(qtbot, data_file, answers):
    probationary = save_member(member(5)).member.id  # lễ kết nạp 15/06/2025
    dialog = open_dialog(qtbot, probationary)
    choose_kind(dialog, EventKind.RECOGNISED)
    qtbot.keyClicks(dialog.date_field.line_edit, "05/01/2026")
    answers["replies"].append(False)  # «Quay lại»: nothing saved, the dialog stays open
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    text, detail = answers["confirm"][-1]
    assert "Vẫn lưu?" in text and "12 tháng dự bị" in detail
    assert get_member(probationary).events == [] and dialog.isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # «Vẫn lưu»
    assert [e.kind for e in get_member(probationary).events] == [EventKind.RECOGNISED]
    assert answers["warning"] == []  # asked before, not reported after


def test_badge_kind_and_note_preselected(qtbot, member_id):
    dialog = EventDialog(member_id, kind=EventKind.BADGE_AWARDED, note="Huy hiệu 30 năm tuổi Đảng", today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.kind() == EventKind.BADGE_AWARDED
    assert dialog.note_edit.toPlainText() == "Huy hiệu 30 năm tuổi Đảng"


def test_correction_keeps_the_old_event_marked_replaced(qtbot, member_id, answers):
    wrong = EventRecord(EventKind.SUSPENDED, date(2025, 3, 1), "QĐ 5-QĐ/CB", note="Đình chỉ 90 ngày")
    record_event(member_id, wrong, TODAY)
    old_id = get_member(member_id).events[0].id
    dialog = open_dialog(qtbot, member_id, old_id)
    assert dialog.windowTitle() == "Đính chính sự kiện"
    assert dialog.date_field.text() == "01/03/2025"  # filled from the event being corrected
    assert dialog.note_edit.toPlainText() == "Đình chỉ 90 ngày"
    dialog.date_field.line_edit.clear()
    qtbot.keyClicks(dialog.date_field.line_edit, "03/03/2025")
    assert not dialog.save_button.isEnabled()  # the reason is required
    assert "lý do" in dialog.problem.text()
    type_text(dialog.reason_edit, "Ghi nhầm ngày quyết định")
    with qtbot.waitSignal(dialog.event_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    old = MemberEvent.get_by_id(old_id)
    assert old.replaced_by_id is not None
    assert old.correction_reason == "Ghi nhầm ngày quyết định"
    new = MemberEvent.get_by_id(old.replaced_by_id)
    assert (new.kind, new.date, new.note) == ("suspended", date(2025, 3, 3), "Đình chỉ 90 ngày")


def test_cancel_saves_nothing(qtbot, member_id, answers):
    dialog = open_dialog(qtbot, member_id)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and answers["confirm"] == []

    dialog = open_dialog(qtbot, member_id)
    type_text(dialog.decision_edit, "Quyết định số 1")
    answers["replies"].append(False)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # second time: default answer «Bỏ thay đổi»
    assert not dialog.isVisible()
    assert get_member(member_id).events == []
