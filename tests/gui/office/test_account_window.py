"""The main window signed in as a branch's own account on the office server (row-level security): the branches it
was given, a branch it may only read shown read-only, an account given nothing told so instead of a set-up form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from gui.main_window import MainWindow
from models.core.database import close_database
from models.office.accounts import create_login
from tests.support.office_server import BRANCH_A, BRANCH_B, PASSWORD, set_up_office


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def office(pg_url):
    yield set_up_office(pg_url)
    close_database()


def _window(qtbot, url, settings) -> MainWindow:
    from models.core.database import open_database

    open_database(url)  # the window is given the database open
    window = MainWindow(url, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_branch_account_sees_its_branch_and_a_read_only_one_marked(qtbot, office, settings):
    from models.core.database import open_database
    from models.office.accounts import grant_branch

    open_database(office.admin_url)
    grant_branch("ban_b", BRANCH_A.name, can_write=True)  # ban_b now writes A and still only reads B
    close_database()
    window = _window(qtbot, office.url("ban_b"), settings)
    bar = window.branch_bar
    assert [bar.combo.itemText(i) for i in range(bar.combo.count())] == [BRANCH_A.name, f"{BRANCH_B.name} (chỉ xem)"]
    assert bar.account_label.text() == "Tài khoản «ban_b» được giao 2 chi bộ (1 chỉ được xem)."
    assert not window.read_only_banner.isVisible() and window.members_tab.add_button.isEnabled()
    bar.combo.setCurrentIndex(1)
    bar.combo.activated.emit(1)
    assert window.read_only_banner.isVisible()
    assert "«ban_b» chỉ được xem chi bộ này" in window.read_only_banner.text()
    assert not window.members_tab.add_button.isEnabled()
    assert all(not action.isEnabled() for action in window.write_actions)


def test_the_office_account_is_told_it_sees_every_branch(qtbot, office, settings):
    window = _window(qtbot, office.url("van_phong"), settings)
    assert (
        window.branch_bar.account_label.text()
        == "Tài khoản «van_phong» thuộc văn phòng đảng ủy: xem và sửa được cả 2 chi bộ."
    )
    assert window.office_action.isEnabled()


def test_an_account_given_no_branch_is_told_so_not_asked_to_set_one_up(qtbot, office, settings, answers, monkeypatch):
    from models.core.database import open_database

    open_database(office.admin_url)
    create_login("moi_tao", PASSWORD)
    close_database()
    window = _window(qtbot, office.admin_url, settings)
    asked = []
    monkeypatch.setattr(window, "edit_branch", lambda first_run=False: asked.append(first_run))
    assert window.switch_data_file(office.url("moi_tao"))
    assert asked == [] and "chưa được giao chi bộ nào" in answers["info"][-1][0]
    assert window.branch_bar.account_label.text().endswith(
        "chưa được giao chi bộ nào; hãy nhờ người quản trị máy chủ giao."
    )
