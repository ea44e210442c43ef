"""Vietnamese for the texts Qt itself shows (edit menus, standard buttons, the file chooser).

Qt ships no Vietnamese translation.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

_EDIT_MENU = {
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "&Cắt",
    "&Copy": "&Sao chép",
    "&Paste": "&Dán",
    "Delete": "&Xóa",
    "Select All": "Chọn &tất cả",
    "Copy &Link Location": "Sao chép địa chỉ liên &kết",
}
_BUTTONS = {
    "OK": "Đồng ý",
    "Cancel": "Hủy",
    "&Yes": "&Có",
    "&No": "&Không",
    "Yes to &All": "Có với tất cả",
    "N&o to All": "Không với tất cả",
    "Save": "Lưu",
    "&Save": "&Lưu",
    "Save All": "Lưu tất cả",
    "Open": "Mở",
    "&Open": "&Mở",
    "Close": "Đóng",
    "&Close": "Đóng",
    "Apply": "Áp dụng",
    "Reset": "Đặt lại",
    "Help": "Trợ giúp",
    "Discard": "Không lưu",
    "Don't Save": "Không lưu",
    "Close without Saving": "Đóng không lưu",
    "Restore Defaults": "Khôi phục mặc định",
    "Abort": "Dừng",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
    "Show Details...": "Xem chi tiết…",
    "Hide Details...": "Ẩn chi tiết…",
}
_FILE_DIALOG = {  # the non-native chooser of gui.core.dialogs
    "Back": "Lùi lại",
    "Forward": "Tiến tới",
    "Parent Directory": "Thư mục cha",
    "Create New Folder": "Tạo thư mục mới",
    "List View": "Xem dạng danh sách",
    "Detail View": "Xem chi tiết",
    "New Folder": "Thư mục mới",
    "&New Folder": "Thư mục &mới",
    "&Rename": "Đổi &tên",
    "&Delete": "&Xóa",
    "Show &hidden files": "Hiện các tệp &ẩn",
    "Recent Places": "Nơi mở gần đây",
    "Computer": "Máy tính",
    "Name": "Tên",
    "Size": "Cỡ",
    "Type": "Loại",
    "Date Modified": "Ngày sửa",
    "Folder": "Thư mục",
    "File Folder": "Thư mục",
}
_TABLE: dict[str, dict[str, str]] = {
    "QFileDialog": _FILE_DIALOG,
    "QFileSystemModel": _FILE_DIALOG,
    "QLineEdit": _EDIT_MENU,
    "QWidgetTextControl": _EDIT_MENU,
    "QPlatformTheme": _BUTTONS,
    "QMessageBox": _BUTTONS,
    "QDialogButtonBox": _BUTTONS,
}


class VietnameseQtTranslator(QTranslator):
    """Answers Qt's own strings from the tables above; anything else stays as Qt wrote it."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None (a null QString) lets Qt keep its own text; "" would blank it, e.g. "Ctrl" in shortcut names.
        table = _TABLE.get(context)
        return table.get(source) if table else None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return False


def install_vietnamese_qt_texts(app: QCoreApplication) -> VietnameseQtTranslator:
    translator = VietnameseQtTranslator(app)
    app.installTranslator(translator)
    return translator
