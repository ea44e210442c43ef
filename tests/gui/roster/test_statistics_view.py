"""The "Thống kê" view of the members tab: built when first shown, follows the roster filter, date and age bands."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gui.roster.members_tab import STATISTICS_PAGE
from tests.support.keys import type_text
from tests.support.people import all_people
from tests.support.roster_tab import open_tab

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def tab(qtbot, data_file, tmp_path):
    return open_tab(qtbot, tmp_path, all_people())


@pytest.fixture
def view(tab):
    tab.show_view(STATISTICS_PAGE)
    return tab.statistics_view


def test_qtcharts_is_not_loaded_with_the_members_tab():
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtCore import QSettings\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from gui.roster.members_tab import MembersTab\n"
        "MembersTab(QSettings()).show()\n"
        "print(any(m.startswith('PySide6.QtCharts') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_view_is_built_and_computed_only_when_shown(tab):
    assert tab.statistics_view is None
    tab.show_view(STATISTICS_PAGE)
    assert tab.statistics_view is not None
    assert tab.views.currentWidget() is tab.statistics_view
    assert tab.views.tabText(STATISTICS_PAGE) == "Thống kê"
    assert tab.statistics_view.figure("overview", "total") == 12


def test_figures_and_charts_follow_the_filter(tab, view, qtbot):
    assert view.figure("gender", "male") == 6
    assert view.figure("gender", "female") == 6
    assert view.chart_labels("gender") == ["Nam: 6 (50,00%)", "Nữ: 6 (50,00%)"]

    tab.gender_combo.setCurrentIndex(tab.gender_combo.findData("Nữ"))
    qtbot.waitUntil(lambda: view.figure("overview", "total") == 6)
    assert view.figure("gender", "male") == 0
    assert view.figure("gender", "female") == 6
    assert view.chart_labels("gender") == ["Nữ: 6 (100,00%)"]
    assert view.figure("overview", "ethnic_minority") == 1  # Lý Thị Én, Tày
    assert "6 đảng viên" in view.scope_label.text()

    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("probationary"))
    qtbot.waitUntil(lambda: view.figure("overview", "total") == 2)
    assert view.chart_labels("kind") == ["Dự bị: 2 (100,00%)"]


def test_search_typing_is_debounced(tab, view, qtbot):
    type_text(tab.search_edit, "nguyễn")
    assert view.figure("overview", "total") == 12  # not recomputed per keystroke
    qtbot.waitUntil(lambda: view.figure("overview", "total") == 1)


def test_hidden_view_is_not_recomputed_until_shown_again(tab, view, qtbot):
    tab.show_view(0)
    tab.gender_combo.setCurrentIndex(tab.gender_combo.findData("Nam"))
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 6)  # the list is filtered
    assert not tab._statistics_timer.isActive()  # and no recount of the hidden statistics is even scheduled
    assert view.figure("overview", "total") == 12
    tab.show_view(STATISTICS_PAGE)
    assert view.figure("overview", "total") == 6


def test_chosen_date_changes_ages_and_who_counts(view, qtbot):
    assert view.figure("age", "age_0") == 1  # ≤ 30 on today's date: Đặng Thu Hà (born 1998)
    view.date_field.line_edit.clear()
    qtbot.keyClicks(view.date_field.line_edit, "01/01/2021")
    qtbot.waitUntil(lambda: view.figure("overview", "total") == 10)  # the two admitted in 2025 are not yet members
    assert view.on == date(2021, 1, 1)
    assert [view.figure("age", f"age_{i}") for i in range(5)] == [3, 4, 3, 0, 0]
    assert view.sections["age"].title == "Độ tuổi (tính đến ngày 01/01/2021)"
    assert view.chart_labels("age")[0] == "Từ 30 tuổi trở xuống=3"


def test_age_bands_are_configurable(view, qtbot):
    view.bounds_edit.clear()
    qtbot.keyClicks(view.bounds_edit, "35;45")
    qtbot.keyClick(view.bounds_edit, Qt.Key.Key_Return)
    assert view.bounds_edit.text() == "35, 45"
    labels = [r.label for r in view.sections["age"].rows]
    assert labels == ["Từ 35 tuổi trở xuống", "Từ 36 đến 45 tuổi", "Từ 46 tuổi trở lên"]
    assert sum(r.count for r in view.sections["age"].rows) == 12

    qtbot.keyClicks(view.bounds_edit, ", ba")
    qtbot.keyClick(view.bounds_edit, Qt.Key.Key_Return)
    assert "số nguyên" in view.bounds_edit.toolTip()
    assert view.age_bounds == (35, 45)  # a wrong entry keeps the last good bands


def test_university_line_reads_the_same_on_screen_and_in_excel(qtbot, tmp_path):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    from gui.roster.statistics_view import StatisticsView
    from models.roster.records import MemberRecord
    from reports.core.party_document import DocumentHeader
    from reports.roster.statistics_report import export_statistics
    from services.roster.report_data import statistics_sections

    words = ["Cử nhân", "Kỹ sư", "ĐH Bách khoa", "Thạc sỹ", "ThS", "TS", "Tiến sỹ", "Bác sĩ", "Đại học"] * 2
    members = [
        MemberRecord(
            f"Người {i}",
            "Nam",
            date(1980, 1, 1),
            date(2000, 1, 1),
            official_date=date(2001, 1, 1),
            qualification=w if i else "Cao đẳng",
            id=i + 1,
        )
        for i, w in enumerate(words)
    ]
    view = StatisticsView()
    qtbot.addWidget(view)
    view.set_members(members)
    view.recompute()
    items = QTreeWidgetItemIterator(view.figures)
    shown = {}
    while items.value():
        shown[items.value().data(0, Qt.ItemDataRole.UserRole)] = items.value().text(2)
        items += 1
    assert view.figure("qualification", "university_or_above") == 17
    assert shown["qualification.university_or_above"] == "94,44"
    sections = statistics_sections(list(view.sections.values()))
    path = export_statistics(tmp_path / "tk.xlsx", sections, DocumentHeader("", "", date=date(2026, 1, 1)), period="")
    cells = {(r[1].value, r[3].value) for r in load_workbook(path).active.iter_rows() if len(r) > 3}
    assert ("Đại học trở lên", "94,44") in cells
