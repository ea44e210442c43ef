"""Creating the QApplication: names for QSettings, Vietnamese locale, icon, the crash hook."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

log = logging.getLogger("chibo")

ORGANIZATION = "ChiBo"
APPLICATION = "ChiBo"


def resource_path(name: str) -> Path:
    """A file of resources/, also when running from the PyInstaller bundle."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base / "resources" / name


def create_application(argv: list[str]) -> QApplication:
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    app = QApplication.instance() or QApplication(argv)
    from gui.core.translation import install_vietnamese_qt_texts

    install_vietnamese_qt_texts(app)
    app.setWindowIcon(QIcon(str(resource_path("chibo.svg"))))
    return app


def app_settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


class _CrashRelay(QObject):
    """Carries an exception raised on any thread to the GUI thread, where a dialog may be shown."""

    raised = Signal(object, object, object)


_relay: _CrashRelay | None = None


def install_crash_hook() -> None:
    """Log every unexpected exception and tell the user in Vietnamese, on the GUI thread whatever thread raised.

    A fault of the disk, a file or the database (models.core.failures) is told plainly as what it is; anything
    else is a defect of ChiBo and gets the crash box. Data on disk stays consistent: every write is a transaction.
    """
    global _relay
    _relay = _CrashRelay()
    _relay.raised.connect(_show_crash, Qt.ConnectionType.QueuedConnection)

    def _hook(kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.critical("Unexpected error", exc_info=(kind, value, tb))
        if QApplication.instance() is None:
            traceback.print_exception(kind, value, tb)
            return
        if threading.current_thread() is threading.main_thread():
            _show_crash(kind, value, tb)
        else:
            _relay.raised.emit(kind, value, tb)

    sys.excepthook = _hook
    threading.excepthook = lambda args: _hook(args.exc_type, args.exc_value, args.exc_traceback)


def _show_crash(kind, value, tb) -> None:
    from gui.core import dialogs
    from models.core.failures import describe, is_expected

    if is_expected(value):
        dialogs.show_error(None, describe(value), title="Không thực hiện được")
        return
    dialogs.show_error(
        None,
        "ChiBo gặp một lỗi không lường trước. Dữ liệu đã lưu không bị ảnh hưởng; thao tác vừa rồi có thể "
        "chưa được lưu.",
        f"Chi tiết đã được ghi vào tệp nhật ký để hỗ trợ kỹ thuật: {kind.__name__}: {value}",
        title="Lỗi không lường trước",
    )
