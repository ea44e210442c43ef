"""Render the application icon (resources/chibo.svg) to the raster files the bundle needs: chibo.ico (Windows,
several sizes) and chibo.png (Linux desktops). `.venv/bin/python scripts/make_icons.py`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
RESOURCES = Path(__file__).resolve().parents[1] / "resources"


def main() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(RESOURCES / "chibo.svg"))

    def render(size: int) -> QImage:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        return image

    render(256).save(str(RESOURCES / "chibo.png"))
    render(256).save(str(RESOURCES / "chibo.ico"))  # Qt's ICO writer: one 256 px image, which Windows scales
    del app


if __name__ == "__main__":
    main()
