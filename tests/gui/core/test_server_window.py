"""The main window on a PostgreSQL server database: the roster works, the URL is shown without a password."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from gui.main_window import MainWindow
from models.core.database import close_database, open_database
from models.roster.members import save_member
from tests.support.people import all_people, set_up_branch
from tests.support.pg_server import empty_database


@pytest.fixture
def server_window(qtbot, pg_url, tmp_path):
    empty_database(pg_url)
    open_database(pg_url)
    set_up_branch()
    for record in all_people():
        save_member(record)
    win = MainWindow(pg_url, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    yield win
    close_database()


def test_roster_on_the_server(server_window, answers, qtbot):
    assert server_window.data_path is None
    assert server_window.file_label.text().startswith("Máy chủ dữ liệu: postgresql://")
    # a server's roster is loaded on a worker: wait for its rows instead of reading the count before they arrive
    qtbot.waitUntil(lambda: server_window.members_tab.proxy.rowCount() == len(all_people()))
    assert server_window.recent_files() == []  # a server is not a recent file
    server_window.backup_data_file()
    assert "pg_dump" in answers["info"][0][0]
