"""Creating the QApplication: names for QSettings, Vietnamese locale, icon, the crash hook."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings
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


def report_exception(kind, value, tb) -> None:
    """The crash hook: a refusal of the domain or of the data file (full disk, read-only file, disk error) gets
    its own Vietnamese message; anything else is logged and reported as unexpected."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    from models.core.errors import DomainError
    from models.core.sqlite_storage import storage_error

    known = value if isinstance(value, DomainError) else storage_error(value)
    if known is not None:
        log.warning("Refused: %s", known.message, exc_info=(kind, value, tb))
    else:
        log.critical("Unexpected error", exc_info=(kind, value, tb))
    if QApplication.instance() is None:
        traceback.print_exception(kind, value, tb)
        return
    from gui.core import dialogs

    parent = QApplication.activeWindow()
    if known is not None:
        dialogs.show_error(parent, known.message)
        return
    dialogs.show_error(
        parent,
        "ChiBo gặp một lỗi không lường trước. Dữ liệu đã lưu không bị ảnh hưởng; thao tác vừa rồi có thể "
        "chưa được lưu.",
        f"Chi tiết đã được ghi vào tệp nhật ký để hỗ trợ kỹ thuật: {type(value).__name__}: {value}",
        title="Lỗi không lường trước",
    )


def install_crash_hook() -> None:
    """Log every unexpected exception and tell the user in Vietnamese; data on disk stays consistent."""
    sys.excepthook = report_exception
    threading.excepthook = lambda args: report_exception(args.exc_type, args.exc_value, args.exc_traceback)
