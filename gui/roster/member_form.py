"""The editors of a member record, built from models.roster.fields, grouped in pages, with a message line per field."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui.core.date_field import DateField
from models.roster.fields import FIELD_BY_KEY
from models.roster.member_validation import Issue
from models.roster.records import MemberRecord

# (page title, field keys); every key of MEMBER_FIELDS appears once.
PAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Sơ yếu lý lịch",
        (
            "full_name",
            "birth_name",
            "aliases",
            "gender",
            "birth_date",
            "birth_place",
            "hometown",
            "residence",
            "ethnicity",
            "religion",
            "citizen_id",
        ),
    ),
    ("Trình độ", ("education", "qualification", "theory", "foreign_language")),
    ("Công tác", ("occupation", "job_title", "workplace")),
    ("Đảng tịch", ("admission_date", "ceremony_date", "official_date", "card_number", "record_number", "badge_number")),
    ("Liên hệ, ghi chú", ("phone", "notes")),
)
# Labels with their Alt+letter mnemonic (unique within a page; never on a letter with a diacritic).
LABELS = {
    "full_name": "Họ &và tên",
    "birth_name": "Họ và tên &khai sinh",
    "aliases": "&Bí danh",
    "gender": "&Giới tính",
    "birth_date": "Ngày &sinh",
    "birth_place": "&Nơi sinh",
    "hometown": "&Quê quán",
    "residence": "Nơi ở hiện na&y",
    "ethnicity": "&Dân tộc",
    "religion": "&Tôn giáo",
    "citizen_id": "Số &CCCD",
    "education": "Giáo dục &phổ thông",
    "qualification": "&Chuyên môn, nghiệp vụ",
    "theory": "&Lý luận chính trị",
    "foreign_language": "Ngoại &ngữ",
    "occupation": "&Nghề nghiệp",
    "job_title": "&Chức vụ",
    "workplace": "Nơi làm &việc",
    "admission_date": "Ngày &vào Đảng",
    "ceremony_date": "Ngày &kết nạp (lễ kết nạp)",
    "official_date": "Ngày &chính thức",
    "card_number": "Số &thẻ đảng viên",
    "record_number": "Số &lý lịch",
    "badge_number": "Số hu&y hiệu Đảng",
    "phone": "Điện &thoại",
    "notes": "&Ghi chú",
}
PLACEHOLDERS = {
    "full_name": "Như trên CCCD, ví dụ: Nguyễn Thị Minh Khai",
    "education": "Ví dụ 12/12; có thể gõ trình độ khác",
    "qualification": "Chọn hoặc gõ (ví dụ: Đại học Luật)",
    "theory": "Chọn hoặc gõ (ví dụ: Cao cấp)",
    "card_number": "8 chữ số",
    "record_number": "6 chữ số và 1–3 chữ cái, ví dụ 012345HN",
    "citizen_id": "12 chữ số",
}
ERROR_COLOR = "#c62828"
WARNING_COLOR = "#8a5a00"  # amber dark enough to read on a light background
BAD_DATE = "Ngày chưa đúng: hãy gõ ngày/tháng/năm, ví dụ 05/03/1990 (hoặc để trống)."


def _call_with_key(slot: Callable[[str], None], key: str, *_args) -> None:
    slot(key)


class MemberForm(QWidget):
    """Owns one editor and one message label per field; `pages` are the widgets to put in tabs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.messages: dict[str, QLabel] = {}
        self.page_of: dict[str, int] = {}
        self.pages: list[tuple[str, QWidget]] = []
        self._tips: dict[str, str] = {}
        for index, (title, keys) in enumerate(PAGES):
            page = QWidget()
            form = QFormLayout()
            page_layout = QVBoxLayout(page)
            page_layout.addLayout(form)
            page_layout.addStretch(1)  # short pages keep their rows together at the top
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            for key in keys:
                spec = FIELD_BY_KEY[key]
                editor = self._make_editor(key)
                label = QLabel(LABELS[key] + (" *" if spec.required else ""))
                label.setBuddy(editor)
                if spec.required:
                    label.setToolTip("Bắt buộc phải nhập")
                message = QLabel()
                message.setWordWrap(True)
                message.hide()
                cell = QVBoxLayout()
                cell.setSpacing(1)
                cell.addWidget(editor)
                cell.addWidget(message)
                form.addRow(label, cell)
                self.editors[key], self.labels[key], self.messages[key] = editor, label, message
                self.page_of[key] = index
            self.pages.append((title, page))

    # building ----------------------------------------------------------------------------------
    def _make_editor(self, key: str) -> QWidget:
        spec = FIELD_BY_KEY[key]
        if spec.kind == "date":
            editor = DateField(allow_year=True)
        elif key == "gender":
            editor = QComboBox()
            editor.addItems(list(spec.choices))
            editor.setPlaceholderText("Chọn…")
            editor.setCurrentIndex(-1)
        elif spec.kind == "choice":
            editor = QComboBox()
            editor.setEditable(True)
            editor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            editor.addItems(list(spec.choices))
            editor.setCurrentIndex(-1)
            editor.lineEdit().setPlaceholderText(PLACEHOLDERS.get(key, "Chọn hoặc gõ"))
            editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)  # room for "other" text
        elif key == "notes":
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)  # Tab leaves the notes; Enter adds a line and never saves
            editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 6 + 12)
        else:
            editor = QLineEdit()
            editor.setPlaceholderText(PLACEHOLDERS.get(key, ""))
        editor.setObjectName(key)
        self._tips[key] = (editor.line_edit if isinstance(editor, DateField) else editor).toolTip()
        return editor

    def connect_edits(self, slot: Callable[[str], None]) -> None:
        """Call `slot(key)` on every change of a field (Qt's own signals; see DateField about Python emits)."""
        for key, editor in self.editors.items():
            if isinstance(editor, DateField):
                signal = editor.text_changed
            elif isinstance(editor, QComboBox):
                signal = editor.currentTextChanged
            else:
                signal = editor.textChanged
            signal.connect(partial(_call_with_key, slot, key))

    # values ------------------------------------------------------------------------------------
    def value(self, key: str):
        editor = self.editors[key]
        if isinstance(editor, DateField):
            return editor.date()
        if isinstance(editor, QComboBox):
            return editor.currentText().strip()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        return editor.text().strip()

    def values(self) -> dict:
        return {key: self.value(key) for key in self.editors}

    def set_value(self, key: str, value) -> None:
        editor = self.editors[key]
        if isinstance(editor, DateField):
            editor.setDate(value)
        elif isinstance(editor, QComboBox) and not editor.isEditable():
            editor.setCurrentIndex(editor.findText(value) if value else -1)
        elif isinstance(editor, QComboBox):
            index = editor.findText(value) if value else -1
            editor.setCurrentIndex(index)
            if index < 0:
                editor.setEditText(value or "")
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
        else:
            editor.setText(value or "")

    def set_record(self, record: MemberRecord) -> None:
        for key in self.editors:
            self.set_value(key, getattr(record, key))

    def record(self, member_id: int | None) -> MemberRecord:
        return MemberRecord(**self.values(), id=member_id)

    def shape_errors(self) -> list[Issue]:
        """Dates typed but not (yet) full, real dates: caught here before any rule looks at the record."""
        return [
            Issue(key, BAD_DATE)
            for key, editor in self.editors.items()
            if isinstance(editor, DateField) and not editor.has_valid_text()
        ]

    # messages ----------------------------------------------------------------------------------
    def show_issues(self, errors: list[Issue], warnings: list[Issue], shown_keys: set[str] | None) -> None:
        """Red errors and amber warnings under their fields; `shown_keys` None shows every field's issues."""
        for key, message in self.messages.items():
            if shown_keys is not None and key not in shown_keys:
                texts, color = [], ""
            else:
                mine = [i.message for i in errors if i.field == key]
                color = ERROR_COLOR if mine else WARNING_COLOR
                texts = mine or [i.message for i in warnings if i.field == key]
            message.setText("\n".join(texts))
            message.setStyleSheet(f"color: {color};" if color else "")
            message.setVisible(bool(texts))
            self.focus_target(key).setToolTip("\n".join(texts) or self._tips.get(key, ""))
            label_color = ERROR_COLOR if texts and color == ERROR_COLOR else ""
            self.labels[key].setStyleSheet(f"color: {label_color};" if label_color else "")

    def focus_target(self, key: str) -> QWidget:
        editor = self.editors[key]
        return editor.line_edit if isinstance(editor, DateField) else editor
