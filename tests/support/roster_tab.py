"""A members tab over a saved roster, and members whose reminders fall due relative to a given day."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QSettings

from gui.roster.member_table_model import COLUMN_INDEX
from models.core.branch import BranchInfo, save_branch
from models.roster.badges import next_award_date
from models.roster.member_rules import add_months
from models.roster.members import save_member
from models.roster.records import MemberRecord
from tests.support.people import all_people, member

BRANCH = BranchInfo(
    "Chi bộ Văn phòng Sở", "Đảng bộ Sở Thông tin và Truyền thông", "Hà Nội", "CB", secretary_name="Nguyễn Văn An"
)


def due_people(today: date) -> list[MemberRecord]:
    """Ten officials who are due nothing, plus: a probationary member whose 12 months end in 10 days, one overdue,
    and one official reaching 30 years of seniority just before the next badge award day."""
    people = [member(i) for i in (0, 1, 2, 3, 4, 6, 7, 10, 11)]
    soon = add_months(today, -12) + timedelta(days=10)
    people.append(member(5, admission_date=soon, ceremony_date=soon))  # Hoàng Thị Ánh
    late = add_months(today, -14)
    people.append(member(9, admission_date=late, ceremony_date=late))  # Đặng Thu Hà
    award = next_award_date(today)
    admitted = date(award.year - 30, award.month, award.day) - timedelta(days=3)
    official = add_months(admitted, 12)
    people.append(member(8, admission_date=admitted, ceremony_date=admitted, official_date=official))  # Ngô Quang Ăn
    return people


def open_tab(qtbot, tmp_path, records: list[MemberRecord]):
    """Save the branch and `records` in the open data file, then show a refreshed MembersTab."""
    from gui.roster.members_tab import MembersTab

    save_branch(BRANCH)
    for record in records:
        record.id = save_member(record).member.id
    tab = MembersTab(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.refresh()
    tab.show()
    return tab


def save_everyone() -> int:
    """The branch and every person of tests.support.people saved in the open data file; how many."""
    save_branch(BRANCH)
    for record in all_people():
        save_member(record)
    return len(all_people())


def unloaded_tab(qtbot, tmp_path):
    """A shown MembersTab that has not loaded its roster yet (the test calls load())."""
    from gui.roster.members_tab import MembersTab

    tab = MembersTab(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(tab)
    tab.show()
    return tab


def shown_names(tab) -> list[str]:
    column = COLUMN_INDEX["full_name"]
    return [tab.proxy.index(r, column).data() for r in range(tab.proxy.rowCount())]
