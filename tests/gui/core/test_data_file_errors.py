"""Damaged, empty, read-only and full data files seen from the window: a Vietnamese message or a read-only banner,
never the crash box and never a raw SQLite text."""

from __future__ import annotations

import sys

import peewee as pw
import pytest
from PySide6.QtCore import QObject, QSettings, Qt, Signal

from gui.core.app import report_exception
from gui.main_window import MainWindow
from models.core import database
from models.core.branch import BranchInfo, get_branch, save_branch
from models.core.database import close_database, is_read_only, open_database
from models.core.errors import StorageError
from models.roster.members import all_members, save_member
from tests.support.people import all_people

UNEXPECTED = "ChiBo gặp một lỗi không lường trước"
BRANCH = BranchInfo("Chi bộ Văn phòng Sở", "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Hà Nội", "CB")


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def roster_file(data_file):
    save_branch(BRANCH)
    for record in all_people():
        save_member(record)
    return data_file


@pytest.fixture
def read_only_file(roster_file, monkeypatch):
    """The roster file reopened as a read-only file (chmod does not stop root, so ChiBo is told it here)."""
    close_database()
    monkeypatch.setattr(database, "_writable", lambda path: path != roster_file)
    open_database(roster_file)
    assert is_read_only()
    return roster_file


def failing_inserts(monkeypatch, raw: str) -> None:
    """Every INSERT fails as SQLite fails it when the disk is full or the file read-only (in every thread)."""
    real = pw.SqliteDatabase.execute_sql

    def execute_sql(self, sql, params=None):
        if sql.startswith(("INSERT", "UPDATE")):
            raise pw.OperationalError(raw)
        return real(self, sql, params)

    monkeypatch.setattr(pw.SqliteDatabase, "execute_sql", execute_sql)


def open_window(qtbot, path, settings) -> MainWindow:
    window = MainWindow(path, settings)
    qtbot.addWidget(window)
    window.show()
    return window


# the crash hook ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raised", "said"),
    [
        (pw.OperationalError("database or disk is full"), "ổ đĩa chứa tệp đã đầy"),
        (pw.OperationalError("attempt to write a readonly database"), "chỉ cho phép đọc"),
        (pw.OperationalError("disk I/O error"), "ổ đĩa gặp lỗi"),
        (StorageError("Thao tác vừa rồi chưa thực hiện được vì ổ đĩa chứa tệp đã đầy."), "đã đầy"),
    ],
)
def test_crash_hook_gives_storage_failures_their_own_message(qtbot, answers, raised, said):
    report_exception(type(raised), raised, None)
    [(text, detail)] = answers["error"]
    assert said in text and UNEXPECTED not in text
    assert "database" not in text + detail and "Error" not in detail


def test_crash_hook_still_reports_a_real_bug_as_unexpected(qtbot, answers):
    error = KeyError("member")
    report_exception(KeyError, error, None)
    assert answers["error"][0][0].startswith(UNEXPECTED)


@pytest.mark.qt_no_exception_capture
def test_storage_failure_escaping_a_slot_reaches_the_hook_as_a_message(qtbot, answers, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", report_exception)

    class Source(QObject):
        fired = Signal()

    def slot():
        raise pw.OperationalError("database or disk is full")

    source = Source()
    source.fired.connect(slot)
    source.fired.emit()
    assert answers["error"] and "đã đầy" in answers["error"][0][0]
    assert UNEXPECTED not in answers["error"][0][0]


# read-only file ---------------------------------------------------------------------------------
def test_read_only_file_shows_a_banner_and_disables_what_only_writes(qtbot, read_only_file, settings):
    window = open_window(qtbot, read_only_file, settings)
    banner = window.read_only_banner
    assert banner.isVisible() and window.windowTitle() == f"ChiBo — {BRANCH.name} (chỉ đọc)"
    assert banner.text().startswith(f"Tệp chỉ đọc: «{read_only_file}»")
    assert "mọi thay đổi sẽ không được lưu" in banner.text()
    assert all(not action.isEnabled() for action in window.write_actions)
    tab = window.members_tab
    assert not tab.add_button.isEnabled() and not tab.ratings_button.isEnabled()
    tab.table.selectRow(0)
    assert tab.edit_button.isEnabled() and not tab.event_button.isEnabled()  # a record can still be read
    assert tab.proxy.rowCount() == len(all_people())


def test_switching_to_a_writable_file_removes_the_banner(qtbot, read_only_file, settings, tmp_path, monkeypatch):
    window = open_window(qtbot, read_only_file, settings)
    monkeypatch.setattr(window, "edit_branch", lambda first_run=False: None)
    writable = tmp_path / "moi.sqlite3"
    open_database(writable)
    open_database(read_only_file)
    assert window.switch_data_file(writable)
    assert not window.read_only_banner.isVisible()
    assert all(action.isEnabled() for action in window.write_actions)
    assert window.members_tab.add_button.isEnabled()


def test_read_only_file_without_a_branch_skips_the_set_up(qtbot, roster_file, settings, tmp_path, monkeypatch):
    bare = tmp_path / "chua-thiet-lap.sqlite3"
    open_database(bare)
    open_database(roster_file)
    window = open_window(qtbot, roster_file, settings)
    asked = []
    monkeypatch.setattr(window, "edit_branch", lambda first_run=False: asked.append(first_run))
    monkeypatch.setattr(database, "_writable", lambda path: path != bare)
    assert window.switch_data_file(bare)
    assert asked == [] and window.read_only_banner.isVisible()


def test_saving_a_member_in_a_read_only_file_is_refused_in_the_dialog(qtbot, read_only_file, answers):
    from gui.roster.member_dialog import MemberDialog

    target = all_members()[0]
    dialog = MemberDialog(member_id=target.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.focus_target("job_title").setText("Giám đốc")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [(text, detail)] = answers["error"]
    assert text == "Chưa lưu được phiếu đảng viên." and "chỉ cho phép đọc" in detail
    assert dialog.isVisible()  # the typed values are still there to save elsewhere
    assert all_members()[0].job_title == target.job_title


# full disk --------------------------------------------------------------------------------------
def test_branch_dialog_on_a_full_disk_says_so(qtbot, roster_file, answers, monkeypatch):
    from gui.branch_dialog import BranchDialog

    dialog = BranchDialog()
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Chi bộ Phòng Tổng hợp")
    failing_inserts(monkeypatch, "database or disk is full")
    dialog._on_buttons_accepted()
    [(text, detail)] = answers["error"]
    assert text == "Chưa lưu được thông tin chi bộ." and "ổ đĩa chứa tệp đã đầy" in detail
    monkeypatch.undo()
    assert get_branch().name == BRANCH.name


def test_import_on_a_full_disk_says_so_and_saves_nothing(qtbot, roster_file, answers, tmp_path, monkeypatch):
    from gui.roster.import_dialog import ImportDialog
    from tests.support.roster_workbooks import write_roster

    workbook = write_roster(tmp_path / "moi.xlsx", [("Hoàng Văn Mới", "Nam", "08/03/1995", "15/06/2020", None, None)])
    dialog = ImportDialog(workbook)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.task.finished, timeout=15000):
        pass
    failing_inserts(monkeypatch, "database or disk is full")
    dialog.start_import()
    qtbot.waitUntil(lambda: bool(answers["error"]), timeout=15000)
    [(text, detail)] = answers["error"]
    assert "Không nhập được" in text and "ổ đĩa chứa tệp đã đầy" in detail and "database" not in text + detail
    monkeypatch.undo()
    assert len(all_members()) == len(all_people())


# damaged and empty files ------------------------------------------------------------------------
def test_opening_a_damaged_or_empty_file_keeps_the_current_one(qtbot, roster_file, settings, tmp_path, answers):
    window = open_window(qtbot, roster_file, settings)
    empty = tmp_path / "rong.sqlite3"
    empty.touch()
    close_database()  # everything into the file itself, then a copy with its second half scrambled
    data = roster_file.read_bytes()
    damaged = tmp_path / "hong.sqlite3"
    damaged.write_bytes(data[: len(data) // 2] + bytes(b ^ 0xFF for b in data[len(data) // 2 :]))
    open_database(roster_file)
    assert not window.switch_data_file(empty)
    assert not window.switch_data_file(damaged)
    assert "trống (0 byte)" in answers["error"][0][0]
    assert "bị hỏng" in answers["error"][1][0]
    assert window.data_path == roster_file and get_branch().name == BRANCH.name
    assert empty.stat().st_size == 0
