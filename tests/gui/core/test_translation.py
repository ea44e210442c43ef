"""Qt's own texts (edit menus, standard buttons, the file chooser) appear in Vietnamese."""

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


def test_the_file_chooser_is_vietnamese(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QAbstractButton, QHeaderView

    from gui.core import dialogs

    monkeypatch.setattr(dialogs, "app_settings", lambda: QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    translator = install_vietnamese_qt_texts(QApplication.instance())
    try:
        dialog = dialogs._file_dialog(None, "Xuất", dialogs.EXCEL_FILTER, "export", save=True)
        qtbot.addWidget(dialog)
        tips = {b.toolTip() for b in dialog.findChildren(QAbstractButton) if b.toolTip()}
        assert {"Lùi lại", "Thư mục cha", "Tạo thư mục mới", "Xem chi tiết"} <= tips
        header = next(h for h in dialog.findChildren(QHeaderView) if h.model() is not None)
        names = [header.model().headerData(i, header.orientation()) for i in range(header.count())]
        assert names == ["Tên", "Cỡ", "Loại", "Ngày sửa"]
    finally:
        QApplication.instance().removeTranslator(translator)
