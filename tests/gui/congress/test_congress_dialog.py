"""CongressDialog when another client saved the congress first: refused, told, and reloaded keeping own edits."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from gui.congress.congress_dialog import CongressDialog
from models.congress.congresses import CongressInfo, get_congress, save_congress


def _press_save(qtbot, dialog: CongressDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_a_conflict_is_told_and_reloading_keeps_the_users_other_edits(qtbot, data_file, answers):
    info = save_congress(CongressInfo(4, 2025, 2030, date(2025, 6, 20), place="Hội trường tầng 3"))
    dialog = CongressDialog(info)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.end_spin.setValue(2027)
    dialog.place_edit.setText("Phòng họp số 1")
    save_congress(replace(info, place="Phòng họp số 2", closes_on=date(2025, 6, 21)), read=info)  # the other client
    answers["replies"].append(True)  # «Tải lại bản mới»
    _press_save(qtbot, dialog)
    ((text, detail),) = answers["confirm"]
    assert text == "Thông tin đại hội vừa được sửa trên máy khác; chưa lưu được."
    assert "• Địa điểm: «Hội trường tầng 3» → «Phòng họp số 2»" in detail
    assert dialog.isVisible()
    assert (dialog.place_edit.text(), dialog.closes_field.date(), dialog.end_spin.value()) == (
        "Phòng họp số 2",
        date(2025, 6, 21),
        2027,
    )
    ((_, replaced),) = answers["info"]
    assert replaced == "• Địa điểm: bạn đã nhập «Phòng họp số 1», nay là «Phòng họp số 2»"
    with qtbot.waitSignal(dialog.congress_saved):
        _press_save(qtbot, dialog)
    saved = get_congress(info.id)
    assert (saved.term_end, saved.place, saved.closes_on, saved.version) == (
        2027,
        "Phòng họp số 2",
        date(2025, 6, 21),
        3,
    )
