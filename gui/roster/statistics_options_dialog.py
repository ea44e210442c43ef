"""Options of the statistics report: reference date, period of movements, rating year, age bands."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from gui.core import dialogs, operations
from gui.core.date_field import DateField
from gui.core.number_field import number_field
from models.core.errors import ValidationError
from models.roster.age_bands import DEFAULT_AGE_BOUNDS, format_age_bounds, parse_age_bounds
from services.roster.jobs import StatisticsOptions


class StatisticsOptionsDialog(QDialog):
    """Asks what the report covers; emits `options_chosen(StatisticsOptions)` on «Đồng ý»."""

    options_chosen = Signal(object)

    def __init__(
        self,
        today: date,
        age_bounds: tuple[int, ...] = DEFAULT_AGE_BOUNDS,
        parent: QWidget | None = None,
        scope: str = "toàn chi bộ",
    ) -> None:
        """`scope`: whom the report covers, as the intro says it ("toàn chi bộ"; the office: every branch)."""
        super().__init__(parent)
        self.setWindowTitle("Báo cáo thống kê đảng viên")
        layout = QVBoxLayout(self)
        intro = QLabel(f"Báo cáo tính cho {scope}. Chọn mốc thời gian của từng phần:")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        default = StatisticsOptions.default(today)
        self.on_field = DateField()
        self.on_field.setDate(default.on)
        self.start_field = DateField()
        self.start_field.setDate(default.period[0])
        self.end_field = DateField()
        self.end_field.setDate(default.period[1])
        self.year_spin = number_field(1930, 2200, default.year)
        self.bounds_edit = QLineEdit(format_age_bounds(age_bounds))
        self.bounds_edit.setToolTip("Tuổi lớn nhất của mỗi nhóm, trừ nhóm cuối, ví dụ «30, 40, 50, 60».")
        rows = (
            ("Số lượng, độ tuổi tính đến &ngày", self.on_field),
            ("Biến động &từ ngày", self.start_field),
            ("Biến động đến ngà&y", self.end_field),
            ("Kết quả xếp &loại năm", self.year_spin),
            ("&Mốc độ tuổi", self.bounds_edit),
        )
        for text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout.addLayout(form)
        self.buttons = dialogs.localize_buttons(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def options(self) -> StatisticsOptions:
        """The options typed, or ValidationError naming what is wrong."""
        on, start, end = self.on_field.date(), self.start_field.date(), self.end_field.date()
        if on is None:
            raise ValidationError("Chưa nhập ngày tính số lượng và độ tuổi (dạng ngày/tháng/năm).", "on")
        if start is None or end is None:
            raise ValidationError("Chưa nhập đủ ngày đầu và ngày cuối của thời kỳ biến động.", "period")
        if start > end:
            raise ValidationError("Ngày đầu của thời kỳ biến động phải trước ngày cuối.", "period")
        bounds = parse_age_bounds(self.bounds_edit.text())
        return StatisticsOptions(on, (start, end), self.year_spin.value(), bounds)

    def _on_buttons_accepted(self) -> None:
        operations.run(self, self.options, self._on_chosen, on_failure=self._refused)

    def _on_chosen(self, options: StatisticsOptions) -> None:
        self.accept()
        self.options_chosen.emit(options)

    def _refused(self, exc: ValidationError) -> None:
        dialogs.show_error(self, exc.message)
        widget = {"on": self.on_field, "period": self.start_field, "age_bounds": self.bounds_edit}.get(exc.field)
        if widget is not None:
            widget.setFocus()
