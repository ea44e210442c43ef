"""The one seam through which message boxes and file choosers go, with Vietnamese button texts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6 import QtCore  # `Qt` read when used: touching it builds its ~90 enum types, kept after the first paint
from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QInputDialog, QMessageBox, QWidget

from gui.core.settings import app_settings

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
    QDialogButtonBox.StandardButton.Ok: "Đồn&g ý",
    QDialogButtonBox.StandardButton.Cancel: "&Hủy",
    QDialogButtonBox.StandardButton.Yes: "&Có",
    QDialogButtonBox.StandardButton.No: "Khô&ng",
    QDialogButtonBox.StandardButton.Save: "Lư&u",
    QDialogButtonBox.StandardButton.Close: "Đó&ng",
    QDialogButtonBox.StandardButton.Discard: "&Không lưu",
    QDialogButtonBox.StandardButton.Apply: "Áp &dụng",
    QDialogButtonBox.StandardButton.Reset: "Đặt &lại",
    QDialogButtonBox.StandardButton.Help: "Trợ &giúp",
    QDialogButtonBox.StandardButton.RestoreDefaults: "Khôi phục &mặc định",
}
TITLE_BAR_HEIGHT = 32
EXCEL_FILTER = "Bảng tính Excel (*.xlsx)"
RECORD_FILTER = "Hồ sơ bầu cử (*.json);;Tất cả các tệp (*)"
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


def ok_cancel(dialog: QDialog, on_ok, ok_text: str = "") -> QDialogButtonBox:
    """The Vietnamese «OK / Hủy» buttons of a dialog: OK (its text `ok_text`, with an access key) calls `on_ok`,
    Hủy rejects."""
    buttons = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    box = localize_buttons(QDialogButtonBox(buttons))
    if ok_text:
        box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(on_ok)
    box.rejected.connect(dialog.reject)
    return box


def with_access_key(text: str, taken: str = "") -> str:
    """`text` with an access key: its own "&" if it has one, else the standard button's («Đồn&g ý», «&Hủy»), else
    the first ASCII letter not in `taken` (a key with a diacritic cannot be pressed with Alt on every keyboard)."""
    if re.search(r"&[^&]", text):
        return text
    standard = {label.replace("&", ""): label for label in _BOX_BUTTONS.values()}
    if text in standard and standard[text].split("&")[1][:1].lower() not in taken.lower():
        return standard[text]
    for index, char in enumerate(text):
        if char.isascii() and char.isalpha() and char.lower() not in taken.lower():
            return f"{text[:index]}&{text[index:]}"
    return text


def access_key(text: str) -> str:
    """The letter after the "&" of `text`, lower case ("" when none)."""
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else ""


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


def show_error_at(field: QWidget, text: str, detail: str = "") -> None:
    """A mistake in one field of a form: said, then the focus back on that field with its text selected, to be
    typed again (it stayed on the field or button where Enter was pressed)."""
    show_error(field.window(), text, detail)
    field.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
    target = field.focusProxy() or field
    if hasattr(target, "selectAll"):
        target.selectAll()


def show_failure(parent: QWidget | None, error: BaseException, context: str = "") -> None:
    """An operation failed: what failed (`context`, e.g. "Không xuất được tệp Excel.") and why, in Vietnamese."""
    from models.core.failures import describe

    reason = describe(error)
    if context:
        show_error(parent, context, reason)
    else:
        show_error(parent, reason)


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
    """Ask a yes/no question; True when the user chose `yes`. The safe answer (`no`) is the default (Enter and
    Escape); each button has an access key (Alt+letter), given here when its text has none."""
    box = _box(parent, QMessageBox.Icon.Question, title, text, detail)
    yes = with_access_key(yes)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(with_access_key(no, access_key(yes)), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def input_box(
    parent: QWidget | None, title: str, label: str, ok: str = "Đồng ý", mode=QInputDialog.InputMode.TextInput
) -> QInputDialog:
    """The small question dialog, wide enough that its title is never cut («Tìm, s… phiếu»): the title bar adds
    its icon and buttons to the text, and its font may be larger than the dialog's. Its mode is set first: set
    after the button texts, a number's «Đồng ý» showed greyed out although Enter took the number."""
    box = QInputDialog(parent)
    box.setInputMode(mode)
    box.setWindowTitle(title)
    box.setLabelText(label)
    ok = with_access_key(ok)
    box.setOkButtonText(ok)
    box.setCancelButtonText(with_access_key("Hủy", access_key(ok)))
    bold = box.font()
    bold.setBold(True)
    box.setMinimumWidth(round(QFontMetrics(bold).horizontalAdvance(title) * 1.3) + 180)
    return box


def ask_text(parent: QWidget | None, title: str, label: str, ok: str = "Đồng ý") -> str | None:
    """A line of text typed by the user (trimmed), or None when cancelled."""
    box = input_box(parent, title, label, ok)
    return box.textValue().strip() if box.exec() else None


def ask_number(
    parent: QWidget | None, title: str, label: str, value: int, minimum: int, maximum: int, ok: str = "Đồng ý"
) -> int | None:
    """A whole number between `minimum` and `maximum` chosen by the user, or None when cancelled."""
    box = input_box(parent, title, label, ok, QInputDialog.InputMode.IntInput)
    box.setIntRange(minimum, maximum)
    box.setIntValue(min(max(value, minimum), maximum))
    return box.intValue() if box.exec() else None


# file choosers -------------------------------------------------------------------------------
# Each kind of file remembers its own last folder; the first time, the user's Documents folder.
FILE_KINDS = ("import", "export", "backup", "data", "record")


def _start_folder(kind: str) -> Path:
    saved = app_settings().value(f"folders/{kind}", "", type=str)
    if saved and Path(saved).is_dir():
        return Path(saved)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def _remember_folder(kind: str, folder: Path) -> None:
    settings = app_settings()
    settings.setValue(f"folders/{kind}", str(folder))
    settings.sync()


def free_name(folder: Path, name: str) -> str:
    """`name`, or "name (2).ext", "name (3).ext"… when a file of that name is already in `folder`."""
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, number = name, 2
    while (folder / candidate).exists():
        candidate, number = f"{stem} ({number}){suffix}", number + 1
    return candidate


def _file_dialog(parent: QWidget | None, title: str, file_filter: str, kind: str, save: bool) -> QFileDialog:
    """Qt's own (non-native) chooser, so that every text in it can be Vietnamese."""
    if kind not in FILE_KINDS:
        raise ValueError(f"unknown file kind {kind!r}")
    dialog = QFileDialog(parent, title, str(_start_folder(kind)), file_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)  # asked in Vietnamese below
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    suffix = re.search(r"\*\.(\w+)", file_filter)
    if save and suffix:
        dialog.setDefaultSuffix(suffix.group(1))
    labels = {
        QFileDialog.DialogLabel.LookIn: "Thư mục:",
        QFileDialog.DialogLabel.FileName: "&Tên tệp:",
        QFileDialog.DialogLabel.FileType: "&Loại tệp:",
        QFileDialog.DialogLabel.Accept: "&Lưu" if save else "&Mở",
        QFileDialog.DialogLabel.Reject: "&Hủy",
    }
    for label, text in labels.items():
        dialog.setLabelText(label, text)
    return dialog


def ask_open_path(parent: QWidget | None, title: str, file_filter: str, kind: str) -> str:
    """A file of `kind` (one of FILE_KINDS) to open, or "" when cancelled."""
    with _chooser(parent, title, file_filter, kind, save=False) as dialog:
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return ""
        path = Path(dialog.selectedFiles()[0])
    _remember_folder(kind, path.parent)
    return str(path)


@contextmanager
def _chooser(parent: QWidget | None, title: str, file_filter: str, kind: str, save: bool) -> Iterator[QFileDialog]:
    """A chooser that is deleted once answered: with it go its file-system model and that model's thread, which
    would otherwise stay under `parent` until the window closes, one set per file chosen."""
    dialog = _file_dialog(parent, title, file_filter, kind, save)
    try:
        yield dialog
    finally:
        dialog.deleteLater()


def ask_save_path(
    parent: QWidget | None, title: str, file_filter: str, kind: str, suggested: str = "", ask_overwrite: bool = True
) -> str:
    """A file of `kind` to write, or "" when cancelled.

    `suggested` is a file name, made free in the starting folder; choosing an existing file asks before
    overwriting it (unless `ask_overwrite` is False: the caller refuses existing files itself).
    """
    if kind in _LEAVING_KINDS and not _may_leave_protection(parent):
        return ""
    with _chooser(parent, title, file_filter, kind, save=True) as dialog:
        if suggested:
            dialog.selectFile(free_name(Path(dialog.directory().absolutePath()), suggested))
        while dialog.exec() == QDialog.DialogCode.Accepted and dialog.selectedFiles():
            path = Path(dialog.selectedFiles()[0])
            if (
                ask_overwrite
                and path.exists()
                and not confirm(
                    parent,
                    f"Tệp «{path.name}» đã có. Ghi đè?",
                    f"Thư mục: {path.parent}",
                    title="Ghi đè tệp",
                    yes="&Ghi đè",
                    no="&Chọn tên khác",
                )
            ):
                continue
            _remember_folder(kind, path.parent)
            return str(path)
    return ""


_LEAVING_KINDS = ("export", "record")  # files that take data out of the data file
_warned_for: set[str] = set()  # encrypted data files whose user was told once this session


def _may_leave_protection(parent: QWidget | None) -> bool:
    """Before the first export from an encrypted data file: say that the export is not encrypted."""
    from models.core.encryption import LEAVES_PROTECTION, open_file_is_encrypted

    path = open_file_is_encrypted()
    if path is None or str(path) in _warned_for:
        return True
    if not confirm(
        parent,
        "Tệp xuất ra sẽ không được mã hóa.",
        LEAVES_PROTECTION,
        title="Dữ liệu ra khỏi tệp được bảo vệ",
        yes="&Vẫn xuất",
        no="&Không xuất",
    ):
        return False
    _warned_for.add(str(path))
    return True
