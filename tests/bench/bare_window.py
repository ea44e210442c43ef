"""A bare PySide6 window with a tab, bundled like ChiBo to compare start-up: prints the time of its first paint."""

import sys
import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget


class FirstPaint(QObject):
    def eventFilter(self, watched, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            print(f"first-paint {time.time()}", flush=True)
            QApplication.instance().exit(0)
        return False


app = QApplication(sys.argv)
window = QMainWindow()
tabs = QTabWidget()
tabs.addTab(QLabel("x"), "x")
window.setCentralWidget(tabs)
probe = FirstPaint()
window.installEventFilter(probe)
window.show()
sys.exit(app.exec())
