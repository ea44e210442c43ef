"""The "Nhắc việc" view: recognitions due, badges for the next award day, missing ratings; items open the member."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from gui.roster.members_tab import REMINDERS_PAGE
from models.core import clock
from models.core.dates import fmt
from models.roster.badges import next_award_date
from models.roster.rating_book import save_ratings
from tests.support.people import member
from tests.support.roster_tab import due_people, open_tab


@pytest.fixture
def people():
    return due_people(clock.today())


@pytest.fixture
def tab(qtbot, data_file, tmp_path, people):
    widget = open_tab(qtbot, tmp_path, people)
    return widget


def names(group) -> list[str]:
    return [text.split(" (sinh")[0] for text in group.texts()]


def test_panel_is_built_when_first_shown(tab):
    assert tab.reminders_panel is None
    tab.show_view(REMINDERS_PAGE)
    assert tab.views.currentWidget() is tab.reminders_panel
    assert tab.views.tabText(REMINDERS_PAGE) == "Nhắc việc"


def test_lists_the_right_members_with_counts(tab, people):
    last_year = clock.today().year - 1
    rated = {p.id: "good" for p in people if p.full_name not in ("Trần Thị Bình", "Lê Văn Cường")}
    save_ratings(last_year, rated)
    tab.show_view(REMINDERS_PAGE)
    panel = tab.reminders_panel

    assert names(panel.recognitions) == ["Hoàng Thị Ánh", "Đặng Thu Hà"]  # A-B-C by given name
    assert panel.recognitions.title().endswith("(2)")
    due, overdue = panel.recognitions.texts()
    assert "còn" in due and "quá hạn" in overdue
    assert panel.recognitions.list.item(1).font().bold()  # overdue stands out

    award = next_award_date(clock.today())
    assert names(panel.badges) == ["Ngô Quang Ăn"]
    assert panel.badges.title() == f"Huy hiệu Đảng đợt {fmt(award)} (1)"
    assert "Huy hiệu 30 năm" in panel.badges.texts()[0]

    assert names(panel.ratings) == ["Trần Thị Bình", "Lê Văn Cường"]
    assert panel.ratings.title() == f"Chưa xếp loại chất lượng năm {last_year} (2)"


def test_reminders_cover_the_whole_branch_not_the_filter(tab, qtbot):
    tab.gender_combo.setCurrentIndex(tab.gender_combo.findData("Nam"))
    tab.show_view(REMINDERS_PAGE)
    assert names(tab.reminders_panel.recognitions) == ["Hoàng Thị Ánh", "Đặng Thu Hà"]


def test_activating_an_item_opens_the_member_dialog(tab, qtbot, people):
    tab.show_view(REMINDERS_PAGE)
    badge_list = tab.reminders_panel.badges.list
    badge_list.setFocus()
    badge_list.setCurrentRow(0)
    qtbot.keyClick(badge_list, Qt.Key.Key_Return)
    dialog = tab.member_dialog
    expected = next(p.id for p in people if p.full_name == "Ngô Quang Ăn")
    assert dialog.member_id == expected
    assert dialog.isVisible()
    dialog.reject()


def test_empty_lists_say_so_in_vietnamese(qtbot, data_file, tmp_path):
    tab = open_tab(qtbot, tmp_path, [member(2)])  # Lê Văn Cường: official since 2016, 11 years of seniority
    tab.show_view(REMINDERS_PAGE)
    panel = tab.reminders_panel
    group = panel.recognitions
    assert group.title().endswith("(0)")
    assert group.empty_label.isVisible() and not group.list.isVisible()
    assert group.empty_label.text() == "Không có đảng viên nào đến hạn xét công nhận chính thức."
    assert panel.badges.empty_label.text().startswith("Không có đảng viên nào đến mốc tặng Huy hiệu Đảng")
    assert panel.ratings.title().endswith("(1)")


def test_reminders_refresh_after_ratings_are_saved(tab):
    tab.show_view(REMINDERS_PAGE)
    before = tab.reminders_panel.ratings.list.count()
    assert before > 0
    last_year = clock.today().year - 1
    save_ratings(last_year, {tab.records[0].id: "good"})
    tab.rate_year()
    tab.ratings_dialog.ratings_saved.emit(last_year)  # as the dialog does after saving
    assert tab.reminders_panel.ratings.list.count() == before - 1


def test_member_entered_without_badge_history_is_unclear_and_can_be_recorded(qtbot, data_file, tmp_path, answers):
    from models.roster.event_kinds import EventKind
    from models.roster.members import get_member

    veteran = member(
        2,
        birth_date=date(1960, 1, 1),
        admission_date=date(1984, 1, 1),
        ceremony_date=date(1984, 1, 1),
        official_date=date(1985, 1, 1),
    )
    tab = open_tab(qtbot, tmp_path, [veteran])  # 40+ years when entered today: badges received are unknown
    tab.show_view(REMINDERS_PAGE)
    panel = tab.reminders_panel
    [text] = panel.badges.texts()
    assert "chưa rõ" in text and "chưa được tặng ở đợt trước" not in text
    assert not panel.badges.list.item(0).font().bold()  # not flagged as missed
    assert not panel.record_badge_button.isEnabled()
    panel.badges.list.setCurrentRow(0)
    assert panel.record_badge_button.isEnabled()
    qtbot.mouseClick(panel.record_badge_button, Qt.MouseButton.LeftButton)
    dialog = tab.event_dialog
    assert dialog.kind() == EventKind.BADGE_AWARDED
    assert dialog.note_edit.toPlainText() == "Huy hiệu 40 năm tuổi Đảng"
    qtbot.keyClicks(dialog.date_field.line_edit, "07/11/2024")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [e.kind for e in get_member(veteran.id).events] == [EventKind.BADGE_AWARDED]
    assert panel.badges.texts() == []  # recorded: nothing left to propose
