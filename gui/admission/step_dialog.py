"""A small form for one step of the path (a vote's figures, a decision, the ceremony): labelled fields, the
Vietnamese OK / Hủy buttons, and one domain operation run on OK through gui.core.operations; a refusal keeps the
dialog open with what was typed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from gui.core.date_field import DateField
from gui.core.number_field import number_field
from gui.core.unsaved import GuardsUnsaved

TEXT_WIDTH = 240  # a name or a decision's number shows whole


class StepDialog(GuardsUnsaved, QDialog):
    """Fields added with `text`, `when`, `count` and `choice`; `values()` reads them by name."""

    def __init__(self, parent: QWidget | None, title: str, intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.fields: dict[str, QWidget] = {}
        self.operation: Callable[[dict[str, Any]], Any] | None = None
        self.on_done: Callable[[Any], None] | None = None
        self.changes: operations.OperationChanges | None = None
        layout = QVBoxLayout(self)
        if intro:
            self.intro = QLabel(intro)
            self.intro.setWordWrap(True)
            layout.addWidget(self.intro)
        self.columns = QHBoxLayout()
        self.columns.addLayout(self.form)
        layout.addLayout(self.columns)
        self.buttons = dialogs.ok_cancel(self, self.accept_step, "&Ghi")
        layout.addWidget(self.buttons)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """On opening: the focus on the first field, and Tab going through every field before «Ghi» and «Hủy» (the
        buttons are made first, so they led the Tab order and had the focus)."""
        super().showEvent(event)
        if getattr(self, "_keys_set", False):
            return
        self._keys_set = True
        buttons = [b for b in self.buttons.buttons() if b.isVisible()]
        last = None
        widget = self.nextInFocusChain()
        while widget is not self:
            if self.isAncestorOf(widget) and widget not in buttons and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                last = widget
            widget = widget.nextInFocusChain()
        for before, after in zip([last, *buttons], buttons, strict=False):
            if before is not None:
                QWidget.setTabOrder(before, after)
        first = next((f for f in self.fields.values() if f.isEnabled()), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.TabFocusReason)

    def new_column(self) -> None:
        """Fields added from now on go in a new column on the right (a long form on a 768-pixel screen)."""
        self.form = QFormLayout()
        self.columns.addSpacing(16)
        self.columns.addLayout(self.form)

    def _add(self, name: str, label: str, widget: QWidget) -> QWidget:
        self.fields[name] = widget
        widget.setProperty("label_text", label.replace("&", "").rstrip(":"))
        self.form.addRow(label, widget)
        return widget

    def text(self, name: str, label: str, value: str = "") -> QLineEdit:
        edit = QLineEdit(value)
        edit.setMinimumWidth(TEXT_WIDTH)
        self._add(name, label, edit)
        return edit

    def when(self, name: str, label: str, value: date | None = None) -> DateField:
        field = DateField()
        field.line_edit.setMinimumWidth(field.line_edit.maximumWidth())
        field.setDate(value)
        self._add(name, label, field)
        return field

    def count(self, name: str, label: str, high: int, value: int = 0) -> QSpinBox:
        spin = number_field(0, high, value)
        self._add(name, label, spin)
        return spin

    def choice(self, name: str, label: str, items: list[tuple[str, Any]], current: Any = None) -> QComboBox:
        combo = QComboBox()
        for text, data in items:
            combo.addItem(text, data)
        if current is not None:
            combo.setCurrentIndex(max(combo.findData(current), 0))
        self._add(name, label, combo)
        return combo

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.fields.items():
            if isinstance(widget, DateField):
                out[name] = widget.date()
            elif isinstance(widget, QSpinBox):
                out[name] = widget.value()
            elif isinstance(widget, QComboBox):
                out[name] = widget.currentData()
            elif isinstance(widget, QLineEdit):
                out[name] = widget.text()
        return out

    def missing_dates(self, *names: str) -> str:
        """The label of the first of `names` left without a full date ("" when all are there)."""
        for name in names:
            if self.values()[name] is None:
                label = self.fields[name].property("label_text")
                return str(label)
        return ""

    def run_on_ok(
        self,
        operation: Callable[[dict[str, Any]], Any],
        on_done: Callable[[Any], None] | None = None,
        changes: operations.OperationChanges | None = None,
        required_dates: tuple[str, ...] = (),
    ) -> None:
        self.operation, self.on_done, self.changes = operation, on_done, changes
        self._required = required_dates

    def accept_step(self) -> None:
        required = getattr(self, "_required", ())
        missing = self.missing_dates(*required)
        if missing:
            first = next(name for name in required if self.values()[name] is None)
            dialogs.show_error_at(self.fields[first], f"Hãy nhập đủ ngày/tháng/năm: {missing}.")
            return
        if self.operation is None:
            self.accept()
            return
        values = self.values()

        def done(result: Any) -> None:
            self.accept()
            if self.on_done is not None:
                self.on_done(result)

        operations.run(self, lambda: self.operation(values), done, changes=self.changes)
