"""The application's names and its settings store (folders last used, window state), apart from gui.core.app so
that the dialogs can read them without importing the crash hook that shows them."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "ChiBo"
APPLICATION = "ChiBo"


def app_settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)
