"""Qt's own texts (edit menus, standard buttons) appear in Vietnamese."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QPlainTextEdit

from gui.core.translation import install_vietnamese_qt_texts


def test_edit_menus_and_standard_buttons_are_vietnamese(qtbot):
    translator = install_vietnamese_qt_texts(QApplication.instance())
    try:
        line = QLineEdit()
        qtbot.addWidget(line)
        texts = [a.text() for a in line.createStandardContextMenu().actions() if a.text()]
        assert "&Sao chép\tCtrl+C" in texts and "&Dán\tCtrl+V" in texts and "Chọn &tất cả\tCtrl+A" in texts
        plain = QPlainTextEdit()
        qtbot.addWidget(plain)
        assert "&Hoàn tác\tCtrl+Z" in [a.text() for a in plain.createStandardContextMenu().actions()]
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Hủy"
        assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "Đồng ý"
    finally:
        QApplication.instance().removeTranslator(translator)
