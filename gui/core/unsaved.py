"""A dialog that edits data does not drop what was typed on one stray key: Escape, «Hủy» or the window's close
button with unsaved changes ask «Bỏ các thay đổi chưa lưu?», and Enter or Escape there keep editing; only the
discard button («Bỏ thay đổi», Alt+B) closes. With nothing changed the dialog closes at once."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from gui.core import dialogs

QUESTION = "Bỏ các thay đổi chưa lưu?"
DISCARD = "&Bỏ thay đổi"
KEEP = "&Tiếp tục sửa"
_EDITABLE = Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
_MOST_CELLS = 20_000  # a bigger model is a list to read, not a form (a dialog with one keeps its own state)


def ask_discard(parent: QWidget) -> bool:
    """True when the user chose to drop the changes; Enter and Escape keep editing."""
    detail = f"«{parent.windowTitle()}»: những gì đã nhập mà chưa lưu sẽ mất."
    return dialogs.confirm(parent, QUESTION, detail, title="Thay đổi chưa lưu", yes=DISCARD, no=KEEP)


class FormState(dict):
    """A dialog's fields' values by widget (by widget, not in order: a tab page shown is raised above its
    siblings, so the order of the widgets changes as pages are turned)."""


def form_state(root: QWidget) -> FormState:
    """What the user can change in `root`'s fields: texts, numbers, choices, ticks and editable cells."""
    state = FormState()
    for widget in root.findChildren(QWidget):
        if _ignored(widget, root):
            continue
        if isinstance(widget, QLineEdit | QAbstractSpinBox):
            state[widget] = widget.text()
        elif isinstance(widget, QComboBox):
            state[widget] = (widget.currentIndex(), widget.currentText())
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            state[widget] = widget.toPlainText()
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            state[widget] = widget.isChecked()
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) and widget.model():
            state[widget] = _model_state(widget.model())
    return state


def changed(before: object, after: object) -> bool:
    """Whether a state differs from the one before; of two `form_state`s, in the widgets both have (a popup or a
    row's editor made or deleted since holds no typing of its own)."""
    if isinstance(before, FormState) and isinstance(after, FormState):
        return any(after[widget] != value for widget, value in before.items() if widget in after)
    return before != after


def _ignored(widget: QWidget, root: QWidget) -> bool:
    """A read-only text, a button of the dialog's button box, or a part of a popup (a date field's calendar) rather
    than of the dialog's own window."""
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit) and widget.isReadOnly():
        return True
    return widget.window() is not root.window() or isinstance(widget.parentWidget(), QDialogButtonBox)


def _model_state(model: QAbstractItemModel) -> tuple:
    """The values of the cells the user may edit or tick, read from the source model (a filter shows fewer rows
    without changing any)."""
    while isinstance(model, QAbstractProxyModel) and model.sourceModel() is not None:
        model = model.sourceModel()
    rows, columns = model.rowCount(), model.columnCount()
    if rows * columns > _MOST_CELLS:
        return ()
    cells = []
    for row in range(rows):
        for column in range(columns):
            index = model.index(row, column)
            if model.flags(index) & _EDITABLE:
                cells.append(
                    (
                        row,
                        column,
                        model.data(index, Qt.ItemDataRole.EditRole),
                        model.data(index, Qt.ItemDataRole.CheckStateRole),
                    )
                )
    return tuple(cells)


class GuardsUnsaved:
    """Mixed into a QDialog (before it: `class MeetingDialog(GuardsUnsaved, QDialog)`). What counts as the saved
    state is `unsaved_state()` (by default `form_state` of the dialog) when the dialog is first shown or when
    `mark_unchanged()` is called (after a save that keeps the dialog open, or a reload). A dialog with a state of its
    own overrides `unsaved_state()`, or `has_unsaved_changes()` outright."""

    _unsaved_baseline: object = None

    def unsaved_state(self) -> object:
        return form_state(self)

    def mark_unchanged(self) -> None:
        self._unsaved_baseline = self.unsaved_state()

    def has_unsaved_changes(self) -> bool:
        return self._unsaved_baseline is not None and changed(self._unsaved_baseline, self.unsaved_state())

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._unsaved_baseline is None:
            self.mark_unchanged()
        super().showEvent(event)

    def reject(self) -> None:
        """Escape, «Hủy» and the window's close button."""
        if self.has_unsaved_changes() and not ask_discard(self):
            return
        super().reject()
