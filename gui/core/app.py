"""Creating the QApplication: names for QSettings, Vietnamese locale, icon, garbage collection on the GUI thread,
the crash hook."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from gui.core.collector import collect_on_gui_thread
from gui.core.pyside_imports import quicken_module_checks
from gui.core.settings import APPLICATION, ORGANIZATION

log = logging.getLogger("chibo")


def resource_path(name: str) -> Path:
    """A file of resources/, also when running from the PyInstaller bundle."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / name


def create_application(argv: list[str]) -> QApplication:
    quicken_module_checks()  # every module imported from here on costs PySide less (start-up)
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    app = QApplication.instance() or QApplication(argv)
    collect_on_gui_thread(app)  # a worker must never free the GUI's Qt objects (gui/core/collector.py)
    from gui.core.translation import install_vietnamese_qt_texts

    install_vietnamese_qt_texts(app)
    app.setWindowIcon(QIcon(str(resource_path("chibo.svg"))))
    return app


class _CrashRelay(QObject):
    """Carries an exception raised on any thread to the GUI thread, where a dialog may be shown: `raised` reaches
    `show`, a method of this object of the GUI thread, so Qt queues it there (no Qt.ConnectionType: the Qt
    namespace's enum types are built after the window's first paint, start-up)."""

    raised = Signal(object, object, object)

    @Slot(object, object, object)
    def show(self, kind, value, _tb) -> None:
        _show_report(kind, value)


_relay: _CrashRelay | None = None


def report_exception(kind, value, tb) -> None:
    """The crash hook: a refusal of the domain or a fault of the disk, a file or the database (full disk,
    read-only file, disk error: models.core.failures) gets its own Vietnamese message; anything else is a defect
    of ChiBo, logged and reported as unexpected. The dialog is always shown on the GUI thread."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    from models.core.failures import is_expected

    if is_expected(value):
        log.warning("Refused: %s", value, exc_info=(kind, value, tb))
    else:
        log.critical("Unexpected error", exc_info=(kind, value, tb))
    if QApplication.instance() is None:
        traceback.print_exception(kind, value, tb)
        return
    if threading.current_thread() is threading.main_thread() or _relay is None:
        _show_report(kind, value)
    else:
        _relay.raised.emit(kind, value, tb)


def _show_report(kind, value) -> None:
    from gui.core import dialogs
    from models.core.failures import describe, is_expected

    parent = QApplication.activeWindow()
    if is_expected(value):
        dialogs.show_error(parent, describe(value), title="Không thực hiện được")
        return
    dialogs.show_error(
        parent,
        "ChiBo gặp một lỗi không lường trước. Dữ liệu đã lưu không bị ảnh hưởng; thao tác vừa rồi có thể "
        "chưa được lưu.",
        f"Chi tiết đã được ghi vào tệp nhật ký để hỗ trợ kỹ thuật: {kind.__name__}: {value}",
        title="Lỗi không lường trước",
    )


def install_crash_hook() -> None:
    """Log every unexpected exception and tell the user in Vietnamese; data on disk stays consistent."""
    global _relay
    _relay = _CrashRelay()
    _relay.raised.connect(_relay.show)
    sys.excepthook = report_exception
    threading.excepthook = lambda args: report_exception(args.exc_type, args.exc_value, args.exc_traceback)
    sys.unraisablehook = _log_unraisable


def _log_unraisable(unraisable) -> None:
    """What Python can only ignore (a half-written workbook's zip closed by the garbage collector after a full disk,
    already told to the user by the export's own message): logged by its type, never a traceback on the terminal."""
    log.warning("Ignored while cleaning up: %s", type(unraisable.exc_value).__name__)
