"""The one seam through which message boxes and file choosers go, with Vietnamese button texts."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QWidget

_BUTTON_TEXTS = {
    QMessageBox.StandardButton.Ok: "Đồng ý",
    QMessageBox.StandardButton.Cancel: "Hủy",
    QMessageBox.StandardButton.Yes: "Có",
    QMessageBox.StandardButton.No: "Không",
    QMessageBox.StandardButton.Save: "Lưu",
    QMessageBox.StandardButton.Close: "Đóng",
    QMessageBox.StandardButton.Discard: "Không lưu",
    QMessageBox.StandardButton.Apply: "Áp dụng",
    QMessageBox.StandardButton.Reset: "Đặt lại",
    QMessageBox.StandardButton.Help: "Trợ giúp",
    QMessageBox.StandardButton.RestoreDefaults: "Khôi phục mặc định",
}
_BOX_BUTTONS = {  # with access keys: every button of a dialog has its own
    QDialogButtonBox.StandardButton.Ok: "Đồ&ng ý",
    QDialogButtonBox.StandardButton.Cancel: "&Hủy",
    QDialogButtonBox.StandardButton.Yes: "&Có",
    QDialogButtonBox.StandardButton.No: "&Không",
    QDialogButtonBox.StandardButton.Save: "&Lưu",
    QDialogButtonBox.StandardButton.Close: "Đón&g",
    QDialogButtonBox.StandardButton.Discard: "Không lư&u",
    QDialogButtonBox.StandardButton.Apply: "Áp &dụng",
    QDialogButtonBox.StandardButton.Reset: "Đặt &lại",
    QDialogButtonBox.StandardButton.Help: "Trợ &giúp",
    QDialogButtonBox.StandardButton.RestoreDefaults: "Khôi phục &mặc định",
}
TITLE_BAR_HEIGHT = 32
EXCEL_FILTER = "Bảng tính Excel (*.xlsx)"
DATA_FILTER = "Tệp dữ liệu ChiBo (*.sqlite3 *.db);;Tất cả các tệp (*)"


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize to width×height, or smaller so that the window with its title bar fits the screen's free area."""
    area = window.screen().availableGeometry()
    window.resize(min(width, area.width()), min(height, area.height() - TITLE_BAR_HEIGHT))


def localize_buttons(box: QDialogButtonBox) -> QDialogButtonBox:
    """Vietnamese texts on a button box's standard buttons (Qt ships no Vietnamese translation)."""
    for which, text in _BOX_BUTTONS.items():
        button = box.button(which)
        if button is not None:
            button.setText(text)
    return box


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, detail: str = "") -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    if detail:
        box.setInformativeText(detail)
    return box


def _localize(box: QMessageBox) -> None:
    for which, label in _BUTTON_TEXTS.items():
        button = box.button(which)
        if button is not None:
            button.setText(label)


def show_error(parent: QWidget | None, text: str, detail: str = "", title: str = "Lỗi") -> None:
    box = _box(parent, QMessageBox.Icon.Critical, title, text, detail)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    _localize(box)
    box.exec()


def show_warning(parent: QWidget | None, text: str, detail: str = "", title: str = "Lưu ý") -> None:
    box = _box(parent, QMessageBox.Icon.Warning, title, text, detail)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    _localize(box)
    box.exec()


def show_info(parent: QWidget | None, text: str, detail: str = "", title: str = "Thông báo") -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text, detail)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    _localize(box)
    box.exec()


def confirm(
    parent: QWidget | None, text: str, detail: str = "", title: str = "Xác nhận", yes: str = "Đồng ý", no: str = "Hủy"
) -> bool:
    """Ask a yes/no question; True when the user chose `yes`. The safe answer (`no`) is the default."""
    box = _box(parent, QMessageBox.Icon.Question, title, text, detail)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def ask_open_path(parent: QWidget | None, title: str, file_filter: str, directory: str = "") -> str:
    """A file to open, or "" when cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, directory, file_filter)
    return path


def ask_save_path(parent: QWidget | None, title: str, file_filter: str, suggested: str = "") -> str:
    """A file to write, or "" when cancelled (the dialog asks before overwriting)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path
