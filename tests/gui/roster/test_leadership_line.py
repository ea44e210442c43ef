"""The roster tab's «Cấp ủy» line is the open data file's: shown after a load from the file at once (not only after a
worker's load) and read again when another data file is opened; a tab not shown reads it when first painted."""

from __future__ import annotations

import shutil
from datetime import date

from PySide6.QtCore import QSettings

from gui.core import operations
from gui.roster.members_tab import MembersTab
from models.core.database import close_database, open_database
from models.counting import Post
from models.meetings.appointments import AppointmentInfo, AppointmentReason, record_appointment

NONE = "Cấp ủy: chưa có (chưa bầu, chưa chỉ định)."


def test_the_leadership_line_is_the_open_file_s(qtbot, data_file, tmp_path):
    close_database()
    other = tmp_path / "chi-bo-khac.sqlite3"
    shutil.copy(data_file, other)  # another branch's file, no leadership recorded
    open_database(data_file)
    record_appointment(
        AppointmentInfo(
            Post.SECRETARY, "Phạm Thị Hoa", AppointmentReason.NEW_BRANCH, "3-QĐ/ĐU", date(2026, 5, 4), "Đảng ủy"
        )
    )
    tab = MembersTab(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh()  # a file's roster, read at once
    qtbot.waitUntil(lambda: "Phạm Thị Hoa" in tab.leadership_label.text())
    close_database()
    open_database(other)
    operations.announce(operations.OperationChanges(file=True))  # the window opened another data file
    qtbot.waitUntil(lambda: tab.leadership_label.text() == NONE)


def test_a_tab_not_shown_reads_the_line_when_it_is_first_painted(qtbot, data_file, tmp_path):
    tab = MembersTab(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(tab)
    tab.refresh()
    qtbot.wait(50)
    assert tab.leadership_label.text() == ""  # nothing on screen: no query yet
    tab.show()
    qtbot.waitUntil(lambda: tab.leadership_label.text() == NONE)
