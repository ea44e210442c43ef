"""MemberDialog when another client saved the member first: the save is refused, what they changed is shown, and
the user may take their version without losing what they typed."""

from __future__ import annotations

import getpass
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt

from gui.roster.member_dialog import MemberDialog
from models.roster.members import get_member, save_member
from models.roster.tables import Member, MemberEvent
from tests.support.keys import type_text
from tests.support.people import member

TODAY = date(2026, 1, 10)


@pytest.fixture
def member_id(data_file):
    return save_member(member(0), TODAY).member.id


def _open(qtbot, member_id) -> MemberDialog:
    dialog = MemberDialog(member_id=member_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type(dialog: MemberDialog, key: str, text: str) -> None:
    dialog.focus_field(key)
    target = dialog.form.focus_target(key)
    target.clear()
    type_text(target, text)


def _other_client_saves(member_id: int, **changes) -> None:
    save_member(replace(get_member(member_id), **changes), TODAY)


def _press_save(dialog: MemberDialog, qtbot) -> None:
    qtbot.waitUntil(lambda: not dialog.timer.isActive(), timeout=1000)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_a_conflict_keeps_the_dialog_open_with_what_the_user_typed(qtbot, member_id, answers):
    dialog = _open(qtbot, member_id)
    _type(dialog, "job_title", "Phó Giám đốc Sở")
    _other_client_saves(member_id, hometown="Huế", phone="0987 654 321")
    answers["replies"].append(False)  # «Giữ phiếu đang sửa»
    _press_save(dialog, qtbot)
    ((text, detail),) = answers["confirm"]
    assert text == "Phiếu đảng viên vừa được sửa trên máy khác; chưa lưu được."
    assert "• Quê quán: «Hà Nội» → «Huế»" in detail and "• Điện thoại: (để trống) → «0987 654 321»" in detail
    assert dialog.isVisible() and dialog.form.value("job_title") == "Phó Giám đốc Sở"
    saved = get_member(member_id)
    assert (saved.job_title, saved.hometown, saved.version) == ("Chánh Văn phòng", "Huế", 2)  # theirs, untouched


def test_reloading_takes_their_changes_and_keeps_the_users_own(qtbot, member_id, answers):
    dialog = _open(qtbot, member_id)
    _type(dialog, "job_title", "Phó Giám đốc Sở")
    _type(dialog, "phone", "0912 000 111")
    _other_client_saves(member_id, hometown="Huế", phone="0987 654 321")
    _press_save(dialog, qtbot)  # «Tải lại bản mới» (the default answer)
    assert dialog.isVisible()
    assert f"Lưu lần cuối lúc 09:00 ngày 01/12/2026, người dùng «{getpass.getuser()}»." in dialog.header.text()
    assert dialog.form.value("hometown") == "Huế"  # their change
    assert dialog.form.value("job_title") == "Phó Giám đốc Sở"  # mine, they left it alone
    assert dialog.form.value("phone") == "0987 654 321"  # both changed: theirs, and mine is listed
    ((text, detail),) = answers["info"]
    assert text.startswith("Đã tải lại bản mới.")
    assert detail == "• Điện thoại: bạn đã nhập «0912 000 111», nay là «0987 654 321»"
    assert dialog.has_unsaved_changes()

    with qtbot.waitSignal(dialog.member_saved):
        _press_save(dialog, qtbot)
    saved = get_member(member_id)
    assert (saved.job_title, saved.hometown, saved.phone, saved.version) == (
        "Phó Giám đốc Sở",
        "Huế",
        "0987 654 321",
        3,
    )
    assert not dialog.isVisible()


def test_a_member_deleted_meanwhile_is_said_so_and_nothing_is_offered(qtbot, member_id, answers):
    dialog = _open(qtbot, member_id)
    _type(dialog, "job_title", "Phó Giám đốc Sở")
    MemberEvent.delete().where(MemberEvent.member == member_id).execute()
    Member.delete().where(Member.id == member_id).execute()
    _press_save(dialog, qtbot)
    assert answers["confirm"] == []
    ((text, detail),) = answers["error"]
    assert text == "Chưa lưu được phiếu đảng viên." and "đã bị xóa hoặc chuyển khỏi chi bộ" in detail
    assert dialog.isVisible() and dialog.form.value("job_title") == "Phó Giám đốc Sở"


def test_an_event_recorded_here_takes_the_saved_record_so_the_next_save_is_not_refused(qtbot, data_file, answers):
    member_id = save_member(member(5), TODAY).member.id  # probationary
    dialog = _open(qtbot, member_id)
    _type(dialog, "job_title", "Phó Giám đốc Sở")
    _type(dialog, "phone", "0912 000 111")
    _other_client_saves(member_id, hometown="Huế", phone="0987 654 321")
    dialog.tabs.setCurrentWidget(dialog.timeline)
    qtbot.mouseClick(dialog.timeline.add_button, Qt.MouseButton.LeftButton)
    events = dialog.event_dialog
    events.kind_combo.setCurrentIndex(events.kind_combo.findData("recognised"))
    qtbot.keyClicks(events.date_field.line_edit, "05/01/2026")
    with qtbot.waitSignal(dialog.member_saved):
        qtbot.mouseClick(events.save_button, Qt.MouseButton.LeftButton)
    ((text, detail),) = answers["info"]
    assert text.startswith("Đã ghi sự kiện.")
    assert detail == "• Điện thoại: bạn đã nhập «0912 000 111», nay là «0987 654 321»"
    assert (dialog.form.value("hometown"), dialog.form.value("job_title")) == ("Huế", "Phó Giám đốc Sở")
    assert dialog.form.editors["official_date"].date() == date(2026, 1, 5)
    with qtbot.waitSignal(dialog.member_saved):
        _press_save(dialog, qtbot)
    saved = get_member(member_id)
    assert (saved.job_title, saved.hometown, saved.phone) == ("Phó Giám đốc Sở", "Huế", "0987 654 321")
    assert saved.official_date == date(2026, 1, 5)
