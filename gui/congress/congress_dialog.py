"""A congress's own facts: ordinal, term, dates, place (models.congress.congresses)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from gui.core.date_field import DateField
from gui.core.number_field import number_field
from gui.core.unsaved import GuardsUnsaved
from models.congress.congresses import (
    CongressInfo,
    check_congress,
    congress_label,
    get_congress,
    save_congress,
)
from models.core import clock
from models.core.conflicts import shown
from models.core.errors import DomainError, EditConflictError
from services.meetings.congress_ordinal import suggested_ordinal


class CongressDialog(GuardsUnsaved, QDialog):
    """`congress_saved(info)` once saved. A new congress takes the summoned list from the roster of its day."""

    congress_saved = Signal(object)

    def __init__(self, info: CongressInfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.setWindowTitle("Sửa thông tin đại hội" if info else "Đại hội mới")
        layout = QVBoxLayout(self)
        if info is None:
            note = QLabel(
                "Danh sách triệu tập được lấy từ danh sách đảng viên theo ngày khai mạc; trước khi khai "
                "mạc có thể lấy lại hoặc bổ sung."
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        form = QFormLayout()
        year = clock.today().year
        self.ordinal_spin = number_field(1, 99, info.ordinal if info else suggested_ordinal())
        self.start_spin = number_field(1930, 2200, info.term_start if info else year)
        self.end_spin = number_field(1930, 2205, info.term_end if info else year + 5)
        self.opens_field = DateField()
        self.opens_field.setDate(info.opens_on if info else clock.today())
        self.closes_field = DateField()
        self.closes_field.setDate(info.closes_on if info else None)
        self.place_edit = QLineEdit(info.place if info else "")
        self.place_edit.setPlaceholderText("Ví dụ: Hội trường tầng 3, trụ sở Sở")
        self.quorum_check = QCheckBox("Tính cả đảng viên &dự bị khi xét đủ hai phần ba số được triệu tập")
        self.quorum_check.setChecked(bool(info and info.quorum_with_probationary))
        self.quorum_check.setToolTip(
            "Điều lệ Đảng, Điều 11 khoản 6: đại hội chỉ hợp lệ khi có ít nhất hai phần ba "
            "số được triệu tập tham dự; mặc định chỉ tính đảng viên chính thức."
        )
        rows = (
            ("Đại hội &lần thứ", self.ordinal_spin),
            ("Nhiệm kỳ từ &năm", self.start_spin),
            ("Đến nă&m", self.end_spin),
            ("Ngày &khai mạc", self.opens_field),
            ("Ngày &bế mạc (nếu đã biết)", self.closes_field),
            ("Địa đ&iểm", self.place_edit),
        )
        for text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow(self.quorum_check)
        layout.addLayout(form)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #a4262c;")
        layout.addWidget(self.problems_label)
        self.buttons = dialogs.localize_buttons(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        dialogs.fit_to_screen(self, 520, 380)

    def chosen(self) -> CongressInfo:
        values = dict(
            ordinal=self.ordinal_spin.value(),
            term_start=self.start_spin.value(),
            term_end=self.end_spin.value(),
            opens_on=self.opens_field.date(),
            closes_on=self.closes_field.date(),
            place=self.place_edit.text(),
            quorum_with_probationary=self.quorum_check.isChecked(),
        )
        return replace(self.info, **values) if self.info else CongressInfo(**values)

    def _editors(self) -> dict:
        """Each fact's setter, keyed as CongressInfo's fields."""
        return {
            "ordinal": self.ordinal_spin.setValue,
            "term_start": self.start_spin.setValue,
            "term_end": self.end_spin.setValue,
            "opens_on": self.opens_field.setDate,
            "closes_on": self.closes_field.setDate,
            "place": self.place_edit.setText,
            "quorum_with_probationary": self.quorum_check.setChecked,
        }

    def reload_saved(self) -> None:
        """Show the congress as saved now, keeping the user's edits of facts the other client left alone; facts
        both changed take the saved value and are listed to type again."""
        operations.run(self, lambda: get_congress(self.info.id), self._merge_saved)

    def _merge_saved(self, fresh: CongressInfo) -> None:
        mine, read, replaced = self.chosen(), self.info, []
        for key, set_value in self._editors().items():
            typed, before, saved = getattr(mine, key), getattr(read, key), getattr(fresh, key)
            if typed == before or saved != before:
                set_value(saved)
            if typed not in (before, saved) and saved != before:
                replaced.append(f"• {congress_label(key)}: bạn đã nhập {shown(typed)}, nay là {shown(saved)}")
        self.info = fresh
        self.problems_label.clear()
        if replaced:
            dialogs.show_info(
                self,
                "Đã tải lại bản mới. Những mục bạn đã sửa mà máy kia cũng sửa nay theo bản của "
                "họ; hãy nhập lại nếu vẫn cần rồi lưu:",
                "\n".join(replaced),
            )

    def _save(self) -> None:
        if not self.opens_field.is_blank() and self.opens_field.date() is None:
            self.problems_label.setText("Ngày khai mạc không đúng dạng ngày/tháng/năm.")
            return
        info = self.chosen()
        problems = check_congress(info) if info.opens_on else ["Chưa nhập ngày khai mạc đại hội."]
        if problems:
            self.problems_label.setText("\n".join(problems))
            return
        operations.run(self, lambda: save_congress(info, read=self.info), self._on_saved, on_failure=self._refused)

    def _refused(self, exc: DomainError) -> None:
        if not isinstance(exc, EditConflictError):
            operations.show_refusal(self, exc)
        elif dialogs.confirm(
            self,
            "Thông tin đại hội vừa được sửa trên máy khác; chưa lưu được.",
            exc.message,
            yes="Tải lại bản mới",
            no="Giữ bản đang sửa",
        ):
            self.reload_saved()

    def _on_saved(self, saved: CongressInfo) -> None:
        self.congress_saved.emit(saved)
        self.accept()
