"""MemberDialog on real widgets: typing, checks as you type, saving, cancelling, the timeline and facts."""

from __future__ import annotations

import getpass
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from gui.roster.member_dialog import MemberDialog
from models.core.errors import ValidationError
from models.roster.event_kinds import EventKind
from models.roster.members import all_members, correct_event, get_member, record_event, save_member
from models.roster.rating_book import save_ratings
from models.roster.records import EventRecord
from tests.support.keys import type_text
from tests.support.people import member

TODAY = date(2026, 1, 10)


def open_dialog(qtbot, member_id=None) -> MemberDialog:
    dialog = MemberDialog(member_id=member_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def editor(dialog: MemberDialog, key: str):
    return dialog.form.focus_target(key)


def fill_required(dialog: MemberDialog, qtbot) -> None:
    type_text(editor(dialog, "full_name"), "Nguyễn Thị Hoa")
    qtbot.keyClicks(editor(dialog, "gender"), "N")  # the first match: Nam
    editor(dialog, "gender").setCurrentIndex(1)  # then pick Nữ
    qtbot.keyClicks(editor(dialog, "birth_date"), "05/03/1990")
    dialog.tabs.setCurrentIndex(dialog.form.page_of["admission_date"])
    qtbot.keyClicks(editor(dialog, "admission_date"), "19/05/2015")
    qtbot.keyClicks(editor(dialog, "card_number"), "12345678")


def wait_checked(dialog: MemberDialog, qtbot) -> None:
    qtbot.waitUntil(lambda: not dialog.timer.isActive(), timeout=1000)


def test_new_member_typed_and_saved(qtbot, data_file, answers):
    dialog = open_dialog(qtbot)
    assert not dialog.save_button.isEnabled()  # required fields are empty
    assert "Cần nhập" in dialog.summary.text()
    fill_required(dialog, qtbot)
    wait_checked(dialog, qtbot)
    assert dialog.save_button.isEnabled(), dialog.summary.text()
    with qtbot.waitSignal(dialog.member_saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored = get_member(saved.args[0])
    assert (stored.full_name, stored.gender, stored.birth_date) == ("Nguyễn Thị Hoa", "Nữ", date(1990, 3, 5))
    assert stored.admission_date == date(2015, 5, 19)
    assert (stored.ethnicity, stored.religion, stored.card_number) == ("Kinh", "Không", "12345678")
    assert answers["confirm"] == []  # no warnings, nothing to confirm
    assert not dialog.isVisible()


def test_error_disables_save_and_names_the_field(qtbot, data_file, answers):
    dialog = open_dialog(qtbot)
    fill_required(dialog, qtbot)
    dialog.tabs.setCurrentIndex(0)
    qtbot.keyClicks(editor(dialog, "citizen_id"), "0010")
    wait_checked(dialog, qtbot)
    assert not dialog.save_button.isEnabled()
    message = dialog.form.messages["citizen_id"]
    assert message.isVisible() and "12 chữ số" in message.text()
    assert "c62828" in message.styleSheet()  # red
    assert "«Số CCCD»" in dialog.summary.text()
    assert editor(dialog, "citizen_id").toolTip() == message.text()
    # Ctrl+S with an error saves nothing and puts the cursor in the faulty field.
    dialog.tabs.setCurrentIndex(dialog.form.page_of["notes"])
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.tabs.currentIndex() == dialog.form.page_of["citizen_id"]
    assert all_members() == []
    qtbot.keyClicks(editor(dialog, "citizen_id"), "75012345")
    wait_checked(dialog, qtbot)
    assert dialog.save_button.isEnabled()
    assert not dialog.form.messages["citizen_id"].isVisible()


def test_wrong_date_is_an_error_before_any_rule(qtbot, data_file, answers):
    dialog = open_dialog(qtbot)
    fill_required(dialog, qtbot)
    editor(dialog, "birth_date").clear()
    qtbot.keyClicks(editor(dialog, "birth_date"), "31/02/1990")
    wait_checked(dialog, qtbot)
    assert not dialog.save_button.isEnabled()
    assert "Ngày chưa đúng" in dialog.form.messages["birth_date"].text()


def test_warnings_ask_for_confirmation(qtbot, data_file, answers):
    dialog = open_dialog(qtbot)
    fill_required(dialog, qtbot)
    editor(dialog, "card_number").clear()
    qtbot.keyClicks(editor(dialog, "card_number"), "12345")
    wait_checked(dialog, qtbot)
    assert dialog.save_button.isEnabled()
    assert "8 chữ số" in dialog.form.messages["card_number"].text()
    assert "(!)" in dialog.tabs.tabText(dialog.form.page_of["card_number"])
    answers["replies"].append(False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    text, detail = answers["confirm"][-1]
    assert "Số thẻ đảng viên" in detail
    assert all_members() == [] and dialog.isVisible()
    answers["replies"].append(True)
    with qtbot.waitSignal(dialog.member_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [m.card_number for m in all_members()] == ["12345"]


def test_validation_error_on_save_is_shown_and_focuses_the_field(qtbot, data_file, answers, monkeypatch):
    dialog = open_dialog(qtbot)
    fill_required(dialog, qtbot)
    wait_checked(dialog, qtbot)

    def clash(*_args, **_kwargs):  # another window saved the same card number meanwhile
        raise ValidationError("Số thẻ 12345678 đã có trong danh sách (đảng viên Lê Văn Cường).", "card_number")

    monkeypatch.setattr("gui.roster.member_dialog.save_member", clash)
    dialog.tabs.setCurrentIndex(0)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    text, detail = answers["error"][-1]
    assert "Số thẻ đảng viên" in text and "12345678" in detail
    assert dialog.tabs.currentIndex() == dialog.form.page_of["card_number"]
    assert dialog.focusWidget() is editor(dialog, "card_number")
    assert dialog.isVisible()


def test_cancel_saves_nothing_and_asks_only_when_something_was_typed(qtbot, data_file, answers):
    dialog = open_dialog(qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and answers["confirm"] == []

    dialog = open_dialog(qtbot)
    fill_required(dialog, qtbot)
    answers["replies"].append(False)  # «Quay lại»
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    answers["replies"].append(True)  # «Bỏ thay đổi»
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert cancel.text() == "&Hủy"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert len(answers["confirm"]) == 2
    assert all_members() == []


def test_enter_in_notes_adds_a_line_and_does_not_save(qtbot, data_file, answers):
    dialog = open_dialog(qtbot)
    fill_required(dialog, qtbot)
    wait_checked(dialog, qtbot)
    dialog.tabs.setCurrentIndex(dialog.form.page_of["notes"])
    notes = editor(dialog, "notes")
    notes.setFocus()
    type_text(notes, "Dòng một")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    type_text(notes, "Dòng hai")
    assert dialog.isVisible() and all_members() == []
    assert notes.toPlainText() == "Dòng một\nDòng hai"


def test_labels_have_mnemonics_and_required_marks(qtbot, data_file):
    dialog = open_dialog(qtbot)
    assert dialog.form.labels["full_name"].text() == "Họ &và tên *"
    assert dialog.form.labels["full_name"].buddy() is editor(dialog, "full_name")
    assert dialog.form.labels["birth_date"].buddy() is dialog.form.editors["birth_date"]
    editor(dialog, "full_name").setFocus()
    qtbot.keyClick(editor(dialog, "full_name"), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is editor(dialog, "birth_name")


@pytest.fixture
def saved_member(data_file):
    record = member(0, card_number="12345670")
    member_id = save_member(record).member.id
    record_event(member_id, EventRecord(EventKind.TRANSFERRED_OUT, date(2010, 3, 1), "QĐ 12-QĐ/ĐU", "Sở Tài chính"))
    record_event(member_id, EventRecord(EventKind.TRANSFERRED_IN, date(2012, 4, 2), "GGT 45", "Sở Tài chính"))
    wrong = get_member(member_id).events[-1]
    fixed = EventRecord(EventKind.TRANSFERRED_IN, date(2012, 4, 5), "GGT 45", "Sở Tài chính")
    correct_event(wrong.id, fixed, "Ghi nhầm ngày đến")
    save_ratings(2024, {member_id: "good"})
    return member_id


def test_edit_existing_member(qtbot, saved_member, answers):
    dialog = open_dialog(qtbot, saved_member)
    assert editor(dialog, "full_name").text() == "Nguyễn Văn An"
    assert dialog.form.editors["birth_date"].date() == date(1975, 4, 12)
    assert dialog.windowTitle() == "Đảng viên Nguyễn Văn An"
    dialog.tabs.setCurrentIndex(dialog.form.page_of["job_title"])
    editor(dialog, "job_title").clear()
    type_text(editor(dialog, "job_title"), "Phó Giám đốc Sở")
    with qtbot.waitSignal(dialog.member_saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [saved_member]
    assert get_member(saved_member).job_title == "Phó Giám đốc Sở"


def test_timeline_keeps_corrected_event_struck_through(qtbot, saved_member):
    dialog = open_dialog(qtbot, saved_member)
    timeline = dialog.timeline
    table = timeline.table
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert [r[1] for r in rows] == [
        "Vào Đảng (quyết định kết nạp)",
        "Lễ kết nạp",
        "Trở thành đảng viên chính thức",
        "Chuyển sinh hoạt đi",
        "Chuyển sinh hoạt đến",
        "Chuyển sinh hoạt đến",
    ]
    replaced = 4
    assert rows[replaced][0] == "02/04/2012" and rows[5][0] == "05/04/2012"
    assert table.item(replaced, 1).font().strikeOut()
    assert "Ghi nhầm ngày đến" in rows[replaced][timeline.NOTE_COLUMN]
    assert table.item(0, 1).font().style() == QFont.Style.StyleItalic
    table.setCurrentCell(replaced, 1)
    assert not timeline.correct_button.isEnabled()  # a corrected event cannot be corrected again
    table.setCurrentCell(5, 1)
    assert timeline.correct_button.isEnabled()
    assert "Đảng viên chính thức" in dialog.header.text()
    assert "Tuổi đảng" in dialog.header.text()
    ratings = dialog.ratings
    assert (ratings.topLevelItem(0).text(0), ratings.topLevelItem(0).text(1)) == ("2024", "Hoàn thành tốt nhiệm vụ")


def test_probationary_member_shows_probation_dates(qtbot, data_file):
    member_id = save_member(member(5)).member.id  # admitted 15/06/2025, probationary
    dialog = open_dialog(qtbot, member_id)
    assert "Đảng viên dự bị" in dialog.header.text()
    assert "Hết 12 tháng dự bị: <b>15/06/2026</b>" in dialog.header.text()
    assert "Hạn xét công nhận chính thức" in dialog.header.text()


def test_recognition_recorded_here_fills_the_official_date(qtbot, data_file, answers):
    member_id = save_member(member(5)).member.id
    dialog = open_dialog(qtbot, member_id)
    dialog.tabs.setCurrentWidget(dialog.timeline)
    qtbot.mouseClick(dialog.timeline.add_button, Qt.MouseButton.LeftButton)
    events = dialog.event_dialog
    events.kind_combo.setCurrentIndex(events.kind_combo.findData("recognised"))
    qtbot.keyClicks(events.date_field.line_edit, "05/01/2026")
    with qtbot.waitSignal(dialog.member_saved):
        qtbot.mouseClick(events.save_button, Qt.MouseButton.LeftButton)
    assert "12 tháng dự bị" in answers["confirm"][-1][1]  # recognised before the 12 months: asked, then saved
    assert dialog.form.editors["official_date"].date() == date(2026, 1, 5)
    assert "Đảng viên chính thức" in dialog.header.text()
    assert not dialog.has_unsaved_changes()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert get_member(member_id).official_date == date(2026, 1, 5)


def test_a_bare_birth_year_is_saved_and_shown_as_the_year(qtbot, data_file, answers):
    from models.core.partial_dates import is_year_only

    dialog = open_dialog(qtbot)
    fill_required(dialog, qtbot)
    dialog.tabs.setCurrentIndex(dialog.form.page_of["birth_date"])
    editor(dialog, "birth_date").clear()
    qtbot.keyClicks(editor(dialog, "birth_date"), "1970")
    wait_checked(dialog, qtbot)
    assert dialog.save_button.isEnabled(), dialog.summary.text()
    with qtbot.waitSignal(dialog.member_saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert is_year_only(get_member(saved.args[0]).birth_date)
    again = open_dialog(qtbot, saved.args[0])
    assert again.form.editors["birth_date"].text() == "1970"


def test_an_admission_under_16_blocks_saving(qtbot, data_file, answers):
    dialog = open_dialog(qtbot)
    fill_required(dialog, qtbot)
    dialog.tabs.setCurrentIndex(dialog.form.page_of["birth_date"])
    editor(dialog, "birth_date").clear()
    qtbot.keyClicks(editor(dialog, "birth_date"), "05/03/2000")
    wait_checked(dialog, qtbot)
    assert not dialog.save_button.isEnabled()
    assert "chưa đủ 16 tuổi" in dialog.form.messages["admission_date"].text()


def test_void_entry_asks_a_reason_keeps_the_row_and_derives_the_status_again(qtbot, data_file, answers, monkeypatch):
    import gui.core.dialogs as dialogs

    member_id = save_member(member(0)).member.id
    record_event(member_id, EventRecord(EventKind.TRANSFERRED_OUT, date(2025, 3, 1), place="Sở Tài chính"))
    dialog = open_dialog(qtbot, member_id)
    assert "Đã chuyển đi" in dialog.header.text()
    timeline = dialog.timeline
    row = timeline.event_ids().index(get_member(member_id).events[0].id)
    assert timeline.table.item(row, 1).toolTip().endswith(f"\nNgười ghi: «{getpass.getuser()}»")
    timeline.table.setCurrentCell(row, 1)
    asked = []
    replies = iter([None, "Ghi nhầm người"])  # first «Hủy» in the prompt: nothing happens
    monkeypatch.setattr(dialogs, "ask_text", lambda parent, title, label, ok="": asked.append(label) or next(replies))
    qtbot.mouseClick(timeline.void_button, Qt.MouseButton.LeftButton)
    assert get_member(member_id).events[0].voided_at is None
    with qtbot.waitSignal(dialog.member_saved):
        qtbot.mouseClick(timeline.void_button, Qt.MouseButton.LeftButton)
    assert "«Chuyển sinh hoạt đi» ngày 01/03/2025" in asked[-1]
    event = get_member(member_id).events[0]
    assert event.void_reason == "Ghi nhầm người" and event.voided_at is not None
    assert "Đảng viên chính thức" in dialog.header.text()  # status derived again
    row = timeline.event_ids().index(event.id)
    assert timeline.table.item(row, 1).font().strikeOut()
    assert "Đã hủy ngày" in timeline.table.item(row, timeline.NOTE_COLUMN).text()
    assert f"(người hủy: «{getpass.getuser()}»)" in timeline.table.item(row, timeline.NOTE_COLUMN).text()
    timeline.table.setCurrentCell(row, 1)
    assert not timeline.void_button.isEnabled() and not timeline.correct_button.isEnabled()


def test_clearing_the_official_date_asks_then_voids_the_recognition(qtbot, data_file, answers):
    member_id = save_member(member(5, official_date=None)).member.id  # lễ kết nạp 15/06/2025
    record_event(member_id, EventRecord(EventKind.RECOGNISED, date(2026, 6, 20)), date(2026, 11, 22))
    dialog = open_dialog(qtbot, member_id)
    field = dialog.form.editors["official_date"]
    assert field.date() == date(2026, 6, 20)  # the record follows the event
    dialog.tabs.setCurrentIndex(dialog.form.page_of["official_date"])
    field.line_edit.clear()
    wait_checked(dialog, qtbot)
    with qtbot.waitSignal(dialog.member_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "sẽ được hủy" in answers["confirm"][-1][1]  # said before saving
    saved = get_member(member_id)
    assert saved.official_date is None and saved.events[0].voided_at is not None
