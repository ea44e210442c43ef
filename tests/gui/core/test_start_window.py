"""Start-up (main.start_window): the window shows first; the data file opens after its first paint."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QLabel

import models.core.database as database
from cli.parser import parse_args
from gui.branch_dialog import BranchDialog
from gui.core import recovery_key_dialog
from gui.core.collection import collecting
from main import start_window
from models.core.branch import get_branch, save_branch
from models.core.database import close_database, open_database
from models.roster.members import save_member
from tests.support.people import all_people
from tests.support.roster_tab import BRANCH


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def saved_file(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    save_branch(BRANCH)
    for record in all_people():
        save_member(record)
    close_database()
    yield path
    close_database()


def _page_texts(page) -> list[str]:
    return [label.text() for label in page.findChildren(QLabel)]


def _when_built(window, watch) -> None:
    """`watch(members_tab)` as soon as the window has built its members tab, before any event runs: the roster's
    worker, started before the tab, may have its rows ready by then."""
    build = window._build_members_tab

    def build_and_watch(**kwargs) -> None:
        build(**kwargs)
        watch(window.members_tab)

    window._build_members_tab = build_and_watch


def test_the_window_paints_before_the_file_opens_then_the_roster_loads(qtbot, saved_file, settings):
    window, outcome = start_window(parse_args(["--db", str(saved_file)]), settings)
    qtbot.addWidget(window)
    assert window.data_path is None and window.windowTitle() == "ChiBo"  # nothing opened before the paint
    assert window.members_tab is None  # the frame paints first; the members tab is built in the next turn
    placed, painted = [], []  # the members tab's place when its first rows came; the rows at each paint of the table

    class TablePaints(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                painted.append((window.members_tab.model.rowCount(), window.members_tab.leadership_label.text()))
            return False

    probe = TablePaints()

    def watch(tab) -> None:
        tab.model.rowsInserted.connect(
            lambda *_: placed.append(_page_texts(window.tabs.widget(0))) if not placed else None
        )
        tab.table.viewport().installEventFilter(probe)

    _when_built(window, watch)
    qtbot.waitUntil(lambda: window.members_tab is not None)
    tab = window.members_tab
    qtbot.waitUntil(lambda: not tab.is_loading() and tab.leadership_label.text().startswith("Cấp ủy:"))
    assert placed == [["Đang mở…"]]
    # no empty table painted before the roster; the leadership line's module and query run once it is on screen
    assert painted[0] == (len(all_people()), "") and tab.proxy.rowCount() == len(all_people())
    assert window.tabs.widget(0) is tab and window.tabs.tabText(0) == "Đảng viê&n"
    assert window.data_path == saved_file and window.windowTitle() == f"ChiBo — {BRANCH.name}"
    assert outcome == {}


def test_the_roster_is_read_while_the_members_tab_is_built(qtbot, saved_file, settings, monkeypatch):
    """Once the file is open its roster's worker starts, before the members tab is built (the tab takes its rows
    when it exists): the file is open by then, and the tab shows every member."""
    from gui.roster.roster_loader import RosterLoader
    from models.core.tables import db

    started, real = [], RosterLoader.start
    window, _outcome = start_window(parse_args(["--db", str(saved_file)]), settings)
    qtbot.addWidget(window)
    monkeypatch.setattr(
        RosterLoader,
        "start",
        lambda self: started.append((window.members_tab, window.data_path, db.obj is not None)) or real(self),
    )
    qtbot.waitUntil(lambda: window.members_tab is not None and not window.members_tab.is_loading())
    assert started == [(None, saved_file, True)]
    assert window.members_tab.proxy.rowCount() == len(all_people())


def test_a_file_that_cannot_be_opened_falls_back_to_the_default(qtbot, tmp_path, settings, answers, monkeypatch):
    bad = tmp_path / "not-chibo.sqlite3"
    bad.write_bytes(b"this is not a database")
    default = tmp_path / "default" / "chibo.sqlite3"
    monkeypatch.setattr(database, "default_database_path", lambda: default)
    monkeypatch.setattr(BranchDialog, "exec", lambda self: BranchDialog.DialogCode.Rejected)
    shown = []
    monkeypatch.setattr(recovery_key_dialog, "show_recovery_key", lambda parent, path, key: shown.append(path))
    window, outcome = start_window(parse_args(["--db", str(bad)]), settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.isVisible())  # the new default file has no branch; the user declined
    assert collecting()  # paused while the window started, running again once it closed without a roster
    assert answers["error"] and "mặc định" in answers["error"][0][1]
    assert outcome == {"code": 0} and get_branch() is None and default.exists()
    assert shown == [default]  # created encrypted by default: its recovery key was shown once
    assert bad.read_bytes() == b"this is not a database"


def test_without_a_credential_store_the_first_file_asks_for_a_passphrase(
    qtbot, tmp_path, settings, answers, monkeypatch
):
    import keyring

    from gui.core import passphrase_dialogs
    from models.core import passphrases
    from tests.support.keyrings import NoKeyring

    keyring.set_keyring(NoKeyring())
    default = tmp_path / "default" / "chibo.sqlite3"
    monkeypatch.setattr(database, "default_database_path", lambda: default)
    monkeypatch.setattr(BranchDialog, "exec", lambda self: BranchDialog.DialogCode.Rejected)
    monkeypatch.setattr(passphrase_dialogs.NewPassphraseDialog, "exec", lambda self: self.DialogCode.Accepted)
    monkeypatch.setattr(passphrase_dialogs.NewPassphraseDialog, "passphrase", lambda self: "Mật khẩu chi bộ 2026")
    window, outcome = start_window(parse_args([]), settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert "không có kho khóa" in answers["confirm"][0][0]  # said plainly, then the passphrase is asked
    assert default.exists() and passphrases.has_passphrase(default)


def test_a_server_that_refuses_at_start_up_is_told_in_vietnamese(
    qtbot, tmp_path, saved_file, settings, answers, monkeypatch
):
    monkeypatch.setattr(database, "default_database_path", lambda: saved_file)
    window, outcome = start_window(parse_args(["--db", "postgresql://chibo@127.0.0.1:1/chibo"]), settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.data_path == saved_file, timeout=15000)  # the default file instead
    message, detail = answers["error"][0]
    assert message.startswith("Không kết nối được tới máy chủ cơ sở dữ liệu «127.0.0.1», cổng 1")
    assert "mặc định" in detail
    assert outcome == {}


def test_the_frame_paints_first_and_the_members_tab_keeps_its_place_focus_and_shortcuts(qtbot, saved_file, settings):
    """The first paint is the real window (menus, tab bar, status bar) with «Đang mở…» where the members tab goes;
    the tab then takes that place without moving the tab shown or the keyboard focus (the tab bar's, as before),
    and the menus' shortcuts work once the roster is on screen."""
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtWidgets import QApplication, QLabel

    settings.setValue("window/tab", 0)
    window, _outcome = start_window(parse_args(["--db", str(saved_file)]), settings)
    qtbot.addWidget(window)
    assert not collecting()  # no cyclic collection while the window starts
    seen = []

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and not seen:
                page = window.tabs.currentWidget()
                labels = [label.text() for label in page.findChildren(QLabel)]
                seen.append((window.members_tab, labels, window.read_only_banner.isVisible()))
            return False

    probe = FirstPaint()
    window.installEventFilter(probe)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.members_tab is not None and not window.members_tab.is_loading())
    assert seen == [(None, ["Đang mở…"], False)]  # true: nothing but the frame, no empty banner
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&Tệp", "Đảng &viên", "&Xem", "Trợ giú&p"]
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())][:2] == ["Đảng viê&n", "Đại &hội"]
    assert window.tabs.currentWidget() is window.members_tab
    assert QApplication.focusWidget() is window.tabs.tabBar()
    qtbot.waitUntil(window.members_tab.table.isSortingEnabled)  # finished once the roster is on screen
    assert collecting()
    items = {a.text(): a.shortcut().toString() for a in window.members_menu.actions() if a.text()}
    assert items["&Thêm đảng viên…"] == "Ctrl+N" and items["Tì&m kiếm"] == "Ctrl+F"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.members_tab.search_edit
    qtbot.keyClick(window.members_tab.search_edit, Qt.Key.Key_Down)  # the keyboard path of the roster, as before
    assert QApplication.focusWidget() is window.members_tab.table and window.members_tab.selected_member_id()


def test_the_opened_files_backup_and_the_lock_start_once_the_roster_is_on_screen(qtbot, saved_file, settings):
    """At start-up the automatic backup of the file opened (a copy and its check) and the inactivity lock (a watch
    over every event) wait for the roster's load; then both start, the backup taken once."""
    from models.core.auto_backup import list_backups

    window, _outcome = start_window(parse_args(["--db", str(saved_file)]), settings)
    qtbot.addWidget(window)
    at_rows = []
    _when_built(
        window,
        lambda tab: tab.model.rowsInserted.connect(
            lambda *_: at_rows.append((window.opening_backup, window.inactivity_lock)) if not at_rows else None
        ),
    )
    qtbot.waitUntil(lambda: window.opening_backup is not None and window.inactivity_lock is not None)
    window.opening_backup.wait()
    assert at_rows == [(None, None)]
    assert [b.reason for b in list_backups(saved_file)] == ["open"]


def test_a_file_damaged_on_disk_is_still_refused_untouched_at_start_up(
    qtbot, tmp_path, saved_file, settings, answers, monkeypatch
):
    """Its integrity check runs ahead of the opening (models.core.early_check): the file is refused as damaged,
    left byte for byte as it was with nothing beside it, and ChiBo turns to the default file, writing nothing."""
    import hashlib
    import sqlite3

    con = sqlite3.connect(saved_file)
    size, count = con.execute("PRAGMA page_size").fetchone()[0], con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    data = bytearray(saved_file.read_bytes())
    start = (count // 2) * size
    data[start : start + size] = bytes(b ^ 0xFF for b in data[start : start + size])
    saved_file.write_bytes(bytes(data))
    before = hashlib.sha256(saved_file.read_bytes()).hexdigest()
    default = tmp_path / "default" / "chibo.sqlite3"
    open_database(default)
    save_branch(BRANCH)
    close_database()
    monkeypatch.setattr(database, "default_database_path", lambda: default)
    window, outcome = start_window(parse_args(["--db", str(saved_file)]), settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.data_path == default, timeout=10000)
    message, detail = answers["error"][0]
    assert "bị hỏng" in message and "mặc định" in detail
    assert hashlib.sha256(saved_file.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in saved_file.parent.iterdir() if p.name.startswith(saved_file.name)) == [
        saved_file.name
    ]
    assert outcome == {}


def test_a_long_load_lets_the_roster_be_sorted_and_the_shortcuts_work_once_its_first_rows_show(
    qtbot, saved_file, settings, monkeypatch
):
    """What waits for the roster's first paint (header sorting, the menus' shortcuts) does not wait for the rest of
    a long load: the worker is held after its first page here until the test lets it go on."""
    import threading

    from gui.roster import roster_loader

    first_pages = roster_loader._row_pages
    go_on = threading.Event()

    def held_after_the_first_page(today, total, stop):
        pages = first_pages(today, total, stop)
        yield next(pages)
        go_on.wait(10)
        yield from pages

    monkeypatch.setattr(roster_loader, "_row_pages", held_after_the_first_page)
    monkeypatch.setattr(roster_loader, "WHOLE_FILE_CHUNK", 0)  # a first page of 5 members, then the rest
    monkeypatch.setattr(roster_loader, "FIRST_CHUNK", 5)
    settings.setValue("window/tab", 0)
    window, _outcome = start_window(parse_args(["--db", str(saved_file)]), settings)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.members_tab is not None and window.members_tab.table.isSortingEnabled())
        assert window.members_tab.is_loading() and window.members_tab.proxy.rowCount() == 5
        assert window.open_action.shortcut().toString() == "Ctrl+O" and collecting()
    finally:
        go_on.set()
    qtbot.waitUntil(lambda: not window.members_tab.is_loading())
    assert window.members_tab.proxy.rowCount() == len(all_people())


def test_with_another_tab_shown_the_members_tab_is_finished_as_it_takes_its_place(qtbot, saved_file, settings):
    """No roster is painted then, so nothing waits for it: header sorting and the shortcuts come with the rows."""
    settings.setValue("window/tab", 1)
    window, _outcome = start_window(parse_args(["--db", str(saved_file)]), settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.members_tab is not None and window.members_page is None)
    assert window.tabs.currentIndex() == 1
    assert window.members_tab.table.isSortingEnabled() and window.open_action.shortcut().toString() == "Ctrl+O"
    assert collecting()
