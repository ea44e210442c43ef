"""«Xuất Excel» from the members tab: each export writes a workbook read back here; cancelling writes nothing."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from gui.core.background import BackgroundTask
from gui.roster.member_table_model import COLUMN_INDEX
from models.core import clock
from models.core.dates import fmt
from models.roster.badges import next_award_date
from models.roster.rating_book import save_ratings
from tests.support.roster_tab import due_people, open_tab, shown_names


@pytest.fixture
def tab(qtbot, data_file, tmp_path):
    return open_tab(qtbot, tmp_path, due_people(clock.today()))


def cells(path) -> list[list[object]]:
    ws = load_workbook(path).active
    return [list(row) for row in ws.iter_rows(values_only=True)]


def data_rows(rows: list[list[object]]) -> list[list[object]]:
    """Table body rows: numbered 1, 2, ... in the first column."""
    return [row for row in rows if isinstance(row[0], int)]


def texts(rows: list[list[object]]) -> set[str]:
    return {str(value) for row in rows for value in row if value is not None}


def export(qtbot, tab, answers, path, trigger) -> list[list[object]]:
    answers["paths"].append(str(path))
    with qtbot.waitSignal(tab.exports.exported, timeout=20_000) as blocker:
        trigger()
    assert blocker.args == [str(path)]
    assert answers["info"] and answers["info"][-1][1] == str(path)
    return cells(path)


def test_roster_book_lists_the_shown_members_in_screen_order(tab, qtbot, answers, tmp_path):
    tab.gender_combo.setCurrentIndex(tab.gender_combo.findData("Nữ"))
    tab.table.sortByColumn(COLUMN_INDEX["birth_date"], Qt.SortOrder.DescendingOrder)
    expected = shown_names(tab)
    assert len(expected) == 6

    rows = export(qtbot, tab, answers, tmp_path / "ds.xlsx", lambda: tab.exports.start("danh-sach"))
    assert "DANH SÁCH ĐẢNG VIÊN" in texts(rows)
    assert "CHI BỘ VĂN PHÒNG SỞ" in texts(rows)
    assert "Nguyễn Văn An" in texts(rows)  # the secretary signs
    body = data_rows(rows)
    assert [row[0] for row in body] == list(range(1, 7))
    assert [str(row[1]).split("\n")[0] for row in body] == expected
    assert len(body[0]) == 14


def test_screen_columns_export_follows_the_visible_columns(tab, qtbot, answers, tmp_path):
    tab.set_column_visible(COLUMN_INDEX["card_number"], False)
    tab.set_column_visible(COLUMN_INDEX["hometown"], True)
    titles = [title for title, _key in tab.screen_columns()]
    assert "Số thẻ" not in titles and "Quê quán" in titles

    rows = export(qtbot, tab, answers, tmp_path / "cot.xlsx", lambda: tab.exports.start("danh-sach-cot"))
    header = next(row for row in rows if row[0] == "STT")
    assert [h for h in header[1:] if h] == titles
    body = data_rows(rows)
    assert len(body) == tab.proxy.rowCount() == 12
    assert [row[1] for row in body] == shown_names(tab)
    birth = titles.index("Ngày sinh") + 1
    assert isinstance(body[0][birth], datetime)  # dates stay real dates


def test_cancel_at_the_save_dialog_writes_nothing(tab, answers, tmp_path):
    tab.exports.start("danh-sach")  # no path queued: the user pressed «Hủy»
    assert tab.exports.task is None
    assert answers["info"] == []
    assert not list(tmp_path.glob("*.xlsx"))


def test_cancel_during_the_export_writes_nothing(tab, qtbot, answers, tmp_path, monkeypatch):
    start = BackgroundTask.start

    def cancelled_start(task):
        task.cancel()  # as if «Hủy» was pressed at once
        start(task)

    monkeypatch.setattr(BackgroundTask, "start", cancelled_start)
    target = tmp_path / "out" / "huy.xlsx"
    target.parent.mkdir()
    answers["paths"].append(str(target))
    tab.exports.start("danh-sach")
    task = tab.exports.task
    with qtbot.waitSignal(task.cancelled, timeout=20_000):
        pass
    assert not any(target.parent.iterdir())
    assert answers["info"] == [] and answers["error"] == []


def test_statistics_report_with_chosen_options(tab, qtbot, answers, tmp_path):
    year = clock.today().year - 1
    save_ratings(year, {tab.records[0].id: "excellent", tab.records[1].id: "good"})
    tab.exports.start("thong-ke")
    dialog = tab.exports.options_dialog
    assert dialog.isVisible()
    dialog.on_field.setDate(date(2021, 1, 1))
    dialog.bounds_edit.setText("35, 45")
    answers["paths"].append(str(tmp_path / "tk.xlsx"))
    with qtbot.waitSignal(tab.exports.exported, timeout=20_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    rows = cells(tmp_path / "tk.xlsx")
    found = texts(rows)
    assert "BÁO CÁO THỐNG KÊ ĐẢNG VIÊN" in found
    assert "(Tính đến ngày 01/01/2021)" in found
    assert {"Từ 35 tuổi trở xuống", "Từ 36 đến 45 tuổi", "Từ 46 tuổi trở lên"} <= found
    total = next(row for row in rows if row[1] == "Tổng số đảng viên")
    assert total[2] == 10  # on 01/01/2021 the two probationary members were not yet admitted
    excellent = next(row for row in rows if row[1] == "Hoàn thành xuất sắc nhiệm vụ")
    assert excellent[2] == 1
    assert f"Kết quả đánh giá, xếp loại chất lượng đảng viên năm {year}" in found


def test_statistics_options_are_checked(tab, answers):
    tab.exports.start("thong-ke")
    dialog = tab.exports.options_dialog
    dialog.start_field.setDate(date(2026, 12, 31))
    dialog.end_field.setDate(date(2026, 1, 1))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert answers["error"] == [("Ngày đầu của thời kỳ biến động phải trước ngày cuối.", "")]
    assert dialog.isVisible()
    dialog.reject()


def test_probation_and_badge_lists(tab, qtbot, answers, tmp_path):
    rows = export(qtbot, tab, answers, tmp_path / "dubi.xlsx", lambda: tab.exports.start("du-bi"))
    assert "DANH SÁCH ĐẢNG VIÊN DỰ BỊ ĐẾN HẠN XÉT CÔNG NHẬN ĐẢNG VIÊN CHÍNH THỨC" in texts(rows)
    assert [row[1] for row in data_rows(rows)] == ["Hoàng Thị Ánh", "Đặng Thu Hà"]

    rows = export(qtbot, tab, answers, tmp_path / "hh.xlsx", lambda: tab.exports.start("huy-hieu"))
    assert f"Đợt ngày {fmt(next_award_date(clock.today()))}" in texts(rows)
    (veteran,) = data_rows(rows)
    assert veteran[1] == "Ngô Quang Ăn" and "30 năm" in veteran


def test_empty_reminder_list_is_not_exported(qtbot, data_file, tmp_path, answers):
    tab = open_tab(qtbot, tmp_path, due_people(clock.today())[:3])
    tab.exports.start("du-bi")
    assert answers["info"] == [("Không có đảng viên nào đến hạn xét công nhận chính thức.", "")]
    assert not list(tmp_path.glob("*.xlsx"))


def test_main_window_menu_has_the_exports(qtbot, data_file, tmp_path):
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow

    window = MainWindow(data_file, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    titles = [a.text().replace("&", "") for a in window.export_menu.actions() if not a.isSeparator()]
    assert titles[0] == "Danh sách đảng viên theo mẫu sổ 7-HSĐV…"
    assert len(titles) == 5


def test_headless_screen_list_uses_the_roster_table_default_columns():
    from gui.roster.member_table_model import COLUMNS
    from services.roster.jobs import DEFAULT_SCREEN_COLUMNS

    shown = tuple((c.title, c.key) for c in COLUMNS if c.visible_by_default and c.key != "no")
    assert shown == DEFAULT_SCREEN_COLUMNS


def test_every_export_job_is_in_the_menu(tab):
    from services.roster.jobs import EXPORT_JOBS

    texts = [action.text().replace("&", "") for action in tab.exports.actions() if action is not None]
    assert texts == [f"{job.title}…" for job in EXPORT_JOBS]


def test_every_kind_of_export_suggests_its_own_file_name(tab, monkeypatch):
    import gui.core.dialogs as dialogs
    from gui.roster.import_dialog import save_import_template

    asked: list[tuple[str, str]] = []

    def _ask(parent, title, file_filter, kind, suggested="", **kw):
        asked.append((kind, suggested))
        return ""  # cancel: nothing is written

    monkeypatch.setattr(dialogs, "ask_save_path", _ask)
    exports = tab.exports
    for kind in ("danh-sach", "danh-sach-cot", "du-bi", "huy-hieu"):
        exports.start(kind)
    exports.start("thong-ke")
    exports.options_dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    save_import_template(None)
    names = [name for _kind, name in asked]
    assert len(names) == 6 and len(set(names)) == 6, names
    assert [kind for kind, _name in asked] == ["export"] * 5 + ["import"]
    assert all(name.endswith(".xlsx") and fmt(clock.today()).replace("/", "-") in name for name in names[:4])
