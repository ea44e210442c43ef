"""The connection dialog: the URL it builds (user and password quoted), what it remembers (never the password),
and why a connection failed, shown in the dialog in Vietnamese; against a real PostgreSQL server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from gui.office.connection_dialog import ConnectionDialog
from models.core.server_connection import ServerConnectionError, address_of, refused_sign_in
from tests.support.mnemonics import dialog_problems

PASSWORD = "m@t:khẩu/1%"


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _dialog(qtbot, settings) -> ConnectionDialog:
    dialog = ConnectionDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill(dialog, host: str, port: int, database: str, user: str, password: str) -> None:
    for edit, text in (
        (dialog.host_edit, host),
        (dialog.database_edit, database),
        (dialog.user_edit, user),
        (dialog.password_edit, password),
    ):
        edit.clear()
        edit.setText(text)
    dialog.port_spin.setValue(port)


def _connect(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _refused(qtbot, dialog) -> None:
    """Click «Kết nối» and wait for the sign-in, tried off the GUI thread, to be refused."""
    _connect(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible() and dialog.buttons.isEnabled(), timeout=15000)


def test_signs_in_builds_the_url_and_remembers_all_but_the_password(qtbot, settings, pg_url, tmp_path):
    server = address_of(pg_url)
    dialog = _dialog(qtbot, settings)
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
    _fill(dialog, server.host, server.port, server.database, server.user, PASSWORD)
    with qtbot.waitSignal(dialog.server_chosen) as chosen:
        _connect(qtbot, dialog)
    url = chosen.args[0]
    assert dialog.result() == dialog.DialogCode.Accepted and not dialog.error_label.isVisible()
    assert "m%40t%3Akh%E1%BA%A9u%2F1%25@" in url  # quoted: "@", ":", "/", "%" and the Vietnamese letter
    assert address_of(url) == server.__class__(server.host, server.database, server.user, PASSWORD, server.port)
    settings.sync()
    stored = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "khẩu" not in stored and "%40t" not in stored and "password" not in stored.lower()
    again = _dialog(qtbot, settings)  # the next time: everything but the password filled in
    assert (again.host_edit.text(), again.port_spin.value(), again.database_edit.text(), again.user_edit.text()) == (
        server.host,
        server.port,
        server.database,
        server.user,
    )
    assert again.password_edit.text() == "" and again.focusWidget() is again.password_edit


def test_unreachable_server_is_said_in_the_dialog(qtbot, settings):
    dialog = _dialog(qtbot, settings)
    _fill(dialog, "127.0.0.1", 1, "chibo", "bi.thu", "x")
    _refused(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text().startswith("Không kết nối được tới máy chủ cơ sở dữ liệu «127.0.0.1», cổng 1")
    assert dialog.focusWidget() is dialog.host_edit
    assert settings.value("office/host") is None  # nothing remembered from a failed attempt


def test_missing_database_on_a_real_server_is_named(qtbot, settings, pg_url):
    server = address_of(pg_url)
    dialog = _dialog(qtbot, settings)
    _fill(dialog, server.host, server.port, "khong_co_csdl", server.user, "")
    _refused(qtbot, dialog)
    assert "không có cơ sở dữ liệu «khong_co_csdl»" in dialog.error_label.text()


def test_wrong_password_puts_the_cursor_back_in_the_password(qtbot, settings, monkeypatch):
    """The test server trusts every local connection, so the server's refusal is played by its real message."""
    import gui.office.connection_dialog as module

    def refuse(address):
        error = RuntimeError(f'connection failed: FATAL:  password authentication failed for user "{address.user}"')
        raise ServerConnectionError(*refused_sign_in(error, address))

    monkeypatch.setattr(module, "check_server", refuse)
    dialog = _dialog(qtbot, settings)
    _fill(dialog, "192.168.1.10", 5432, "chibo", "bi.thu", "sai")
    _refused(qtbot, dialog)
    assert "không nhận mật khẩu của tài khoản «bi.thu»" in dialog.error_label.text()
    assert dialog.focusWidget() is dialog.password_edit and dialog.password_edit.selectedText() == "sai"


def test_an_empty_field_is_named_before_anything_is_tried(qtbot, settings):
    dialog = _dialog(qtbot, settings)
    _fill(dialog, "192.168.1.10", 5432, "chibo", "", "")
    _connect(qtbot, dialog)
    assert dialog.error_label.text() == "Chưa nhập tên đăng nhập." and dialog.focusWidget() is dialog.user_edit


def test_access_keys(qtbot, settings):
    assert dialog_problems("connection", _dialog(qtbot, settings)) == []
