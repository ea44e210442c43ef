"""«Nhập từ Excel» driven on the real dialog: preview, actions, import, cancel, hostile files, mapping, sheets."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog

import gui.roster.import_dialog as import_dialog
from gui.roster.import_dialog import ImportDialog
from gui.roster.import_models import ACTION, NAME, STATUS
from models.roster.member_import import ADD, UPDATE
from models.roster.members import get_member, save_member
from models.roster.tables import Member
from reports.roster.legacy_encoding import encode_tcvn3
from tests.support.people import member
from tests.support.roster_workbooks import write_roster

TODAY = date(2026, 3, 11)
ROWS = [
    ("Nguyễn Văn An", "Nam", "12/04/1975", "19/05/2001", None, "0912345678"),  # 6: same name and birth as saved
    ("Trần Thị Bình", "Nữ", "02/09/1982", "03/03/2008", "12345671", None),  # 7: card of a saved member
    (encode_tcvn3("Lê Văn Cường")[0], "Nam", "20/01/1990", "02/09/2015", "20000001", None),  # 8: TCVN3
    ("Phạm Thị Dung", "Nữ", "31/02/1980", "22/12/2012", "20000002", None),  # 9: impossible date
    ("Hoàng Thị Ánh", "Nữ", "08/03/1995", "15/06/2025", None, "0987 654 321"),  # 10: clean
]


@pytest.fixture
def roster(data_file):
    return [save_member(member(0), TODAY).member, save_member(member(1), TODAY).member]


@pytest.fixture
def roster_file(tmp_path):
    return write_roster(tmp_path / "Danh sách chi bộ.xlsx", ROWS, legacy_font_rows=(8,))


def open_dialog(qtbot, path=None, signal="finished"):
    dialog = ImportDialog(path, today=TODAY)
    qtbot.addWidget(dialog)
    if path is not None:
        with qtbot.waitSignal(getattr(dialog.task, signal), timeout=15000):
            pass
    return dialog


def texts(dialog, column):
    proxy = dialog.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def choose_action(dialog, line, action):
    """Open the action combo of preview line `line` as a user would (F2) and pick `action`."""
    index = dialog.proxy.index(line, ACTION)
    dialog.preview.setCurrentIndex(index)
    dialog.preview.edit(index)
    editor = dialog.preview.indexWidget(index)
    assert isinstance(editor, QComboBox)
    labels = [editor.itemText(i) for i in range(editor.count())]
    editor.setCurrentIndex(editor.findData(action))
    editor.activated.emit(editor.currentIndex())
    dialog.preview.closePersistentEditor(index)
    return labels


def test_preview_counts_statuses_and_note(qtbot, roster, roster_file, answers):
    dialog = open_dialog(qtbot, roster_file)
    assert dialog.counts_label.text() == "Sẽ thêm 2, cập nhật 0, bỏ qua 3. Tệp có 5 dòng: 2 mới, 2 trùng, 1 lỗi."
    assert texts(dialog, NAME) == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Thị Ánh"]
    assert texts(dialog, STATUS) == [
        "Trùng với đảng viên Nguyễn Văn An",
        "Trùng với đảng viên Trần Thị Bình",
        "Thêm mới",
        "Lỗi: Ngày «31/02/1980» không có thật.",
        "Thêm mới",
    ]
    assert texts(dialog, ACTION) == ["Bỏ qua", "Bỏ qua", "Thêm mới", "Bỏ qua", "Thêm mới"]
    assert "TCVN3 (ABC) sang Unicode ở dòng 8" in dialog.note_label.text()
    assert dialog.proxy.index(3, NAME).data(Qt.ItemDataRole.ToolTipRole) == (
        "Lỗi — «Ngày tháng năm – Sinh»: Ngày «31/02/1980» không có thật."
    )
    assert dialog.problem_model.rowCount() == 3
    assert not dialog.proxy.flags(dialog.proxy.index(3, ACTION)) & Qt.ItemFlag.ItemIsEditable
    assert not answers["error"]


def test_change_a_duplicate_then_import(qtbot, roster, roster_file, answers):
    dialog = open_dialog(qtbot, roster_file)
    assert choose_action(dialog, 0, UPDATE) == ["Bỏ qua", "Cập nhật", "Thêm mới"]
    assert choose_action(dialog, 1, UPDATE) == ["Bỏ qua", "Cập nhật"]  # same card: never a second member
    assert "Sẽ thêm 2, cập nhật 2, bỏ qua 1." in dialog.counts_label.text()
    with qtbot.waitSignal(dialog.members_imported, timeout=15000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert imported.args == [4]
    assert answers["info"][-1][0] == "Đã nhập danh sách: thêm mới 2 đảng viên, cập nhật 2, bỏ qua 1 dòng."
    assert dialog.result() == QDialog.DialogCode.Accepted
    names = sorted(m.full_name for m in Member.select())
    assert names == ["Hoàng Thị Ánh", "Lê Văn Cường", "Nguyễn Văn An", "Trần Thị Bình"]
    assert get_member(roster[0].id).phone == "0912345678"
    assert get_member(roster[0].id).job_title == roster[0].job_title


def test_cancel_button_saves_nothing(qtbot, roster, roster_file, answers):
    dialog = open_dialog(qtbot, roster_file)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert Member.select().count() == 2


def test_cancel_during_import_saves_nothing(qtbot, roster, roster_file, answers, monkeypatch):
    dialog = open_dialog(qtbot, roster_file)
    real_apply = import_dialog.apply_import

    def apply_pressing_cancel(plan, actions, progress, today):
        def progress_then_cancel(done, total):
            dialog.task.cancel()  # what «Hủy» on the progress dialog does
            return progress(done, total)

        return real_apply(plan, actions, progress_then_cancel, today)

    monkeypatch.setattr(import_dialog, "apply_import", apply_pressing_cancel)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(answers["info"]), timeout=15000)
    assert answers["info"] == [("Đã hủy việc nhập; không có đảng viên nào được lưu.", "")]
    assert Member.select().count() == 2 and get_member(roster[0].id).phone == ""
    assert dialog.import_button.isEnabled() and dialog.result() == 0  # still open: the user may try again


def test_hostile_file_shows_the_readers_message(qtbot, data_file, tmp_path, answers):
    fake = tmp_path / "danh sach.xlsx"
    fake.write_text("Họ và tên;Ngày sinh\nNguyễn Văn An;1975\n", encoding="utf-8")
    dialog = open_dialog(qtbot, fake, signal="failed")
    assert answers["error"] == [
        ("Không đọc được tệp Excel.", "Tệp «danh sach.xlsx» không phải là bảng tính Excel (.xlsx).")
    ]
    assert dialog.plan is None and not dialog.import_button.isEnabled()
    assert Member.select().count() == 0


def test_choose_file_correct_mapping_and_read_again(qtbot, data_file, tmp_path, answers):
    path = tmp_path / "ds.xlsx"
    write_roster(path, [("Lê Minh Tâm", "Nam", "05/05/1990", "01/02/2020", "30000001", "0911222333")])
    dialog = open_dialog(qtbot)
    answers["paths"].append(str(path))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.task.finished, timeout=15000):
        pass
    assert dialog.plan.rows[0].record.phone == "0911222333"
    dialog.mapping_table.combo(7).setCurrentIndex(0)  # "(bỏ qua)"
    dialog.mapping_table.combo(6).setCurrentIndex(dialog.mapping_table.combo(6).findData("record_number"))
    qtbot.mouseClick(dialog.reread_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.task.finished, timeout=15000):
        pass
    row = dialog.plan.rows[0]
    assert (row.record.phone, row.record.record_number, row.record.card_number) == ("", "30000001", "")
    assert row.problems[0].message.startswith("Số lý lịch thường gồm")
    dialog.mapping_table.combo(7).setCurrentIndex(dialog.mapping_table.combo(7).findData("full_name"))
    qtbot.mouseClick(dialog.reread_button, Qt.MouseButton.LeftButton)
    assert answers["warning"][0][0].startswith("Trường «Họ và tên» được chọn cho hai cột (B và G)")


def test_sheet_chooser_and_problems_filter(qtbot, data_file, tmp_path, answers):
    path = write_roster(
        tmp_path / "hai trang.xlsx",
        ROWS,
        extra_sheets={"Chi bộ 2": [("Vũ Đình Anh", "Nam", "19/08/1985", "27/07/2010", "40000001", None)]},
    )
    dialog = open_dialog(qtbot, path)
    assert dialog.sheet_combo.isVisibleTo(dialog)
    assert [dialog.sheet_combo.itemData(i) for i in range(dialog.sheet_combo.count())] == ["Danh sách", "Chi bộ 2"]
    assert dialog.sheet_combo.itemText(1) == "Chi bộ 2 (6 dòng × 7 cột)"
    dialog.problems_only.setChecked(True)
    assert texts(dialog, NAME) == ["Phạm Thị Dung"]
    dialog.problems_only.setChecked(False)
    dialog.sheet_combo.setCurrentIndex(1)
    dialog.sheet_combo.activated.emit(1)
    with qtbot.waitSignal(dialog.task.finished, timeout=15000):
        pass
    assert texts(dialog, NAME) == ["Vũ Đình Anh"] and dialog.plan.rows[0].action == ADD


def test_template_button_writes_the_template(qtbot, data_file, tmp_path, answers):
    dialog = open_dialog(qtbot)
    answers["paths"].append(str(tmp_path / "mau"))
    qtbot.mouseClick(dialog.template_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "mau.xlsx").stat().st_size > 0
    assert answers["info"][0][0].startswith("Đã lưu mẫu nhập vào tệp:")


def test_main_window_menu_imports_and_refreshes_the_roster(qtbot, data_file, roster, roster_file, answers, tmp_path):
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow

    window = MainWindow(data_file, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    actions = {a.text().replace("&", ""): a for a in window.menuBar().actions()[1].menu().actions()}
    answers["paths"].append(str(roster_file))
    actions["Nhập từ Excel…"].trigger()
    dialog = window.import_dialog
    with qtbot.waitSignal(dialog.task.finished, timeout=15000):
        pass
    from gui.core.operations import OperationChanges, announcer

    changed = []
    announcer().changed.connect(changed.append)
    try:
        with qtbot.waitSignal(dialog.members_imported, timeout=15000):
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    finally:
        announcer().changed.disconnect(changed.append)
    assert changed == [OperationChanges(members=True)]  # an import changes many members
    assert window.members_tab.proxy.rowCount() == 4
    answers["paths"].append(str(tmp_path / "mẫu.xlsx"))
    actions["Tải mẫu nhập Excel…"].trigger()
    assert (tmp_path / "mẫu.xlsx").exists()


def test_keyboard_focus_order_and_escape(qtbot, data_file, roster_file, answers):
    dialog = ImportDialog(roster_file, today=TODAY)  # shown while reading, as from the menu
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.task.finished, timeout=15000):
        qtbot.waitExposed(dialog)
    order, widget = [], dialog.choose_button
    for _ in range(200):
        widget = widget.nextInFocusChain()
        if widget in (
            dialog.reread_button,
            dialog.problems_only,
            dialog.preview,
            dialog.problem_view,
            dialog.template_button,
            dialog.import_button,
            dialog.cancel_button,
            dialog.choose_button,
        ):
            order.append(widget)
        if widget is dialog.choose_button:
            break
    assert order == [
        dialog.reread_button,
        dialog.problems_only,
        dialog.preview,
        dialog.problem_view,
        dialog.template_button,
        dialog.import_button,
        dialog.cancel_button,
        dialog.choose_button,
    ]
    assert dialog.import_button.isDefault() and dialog.preview.hasFocus()
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog.preview, Qt.Key.Key_Escape)
    assert Member.select().count() == 0
