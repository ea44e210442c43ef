"""gui.core.unsaved: what counts as a change of a dialog's fields."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLineEdit, QTabWidget, QVBoxLayout

from gui.core.date_field import DateField
from gui.core.unsaved import GuardsUnsaved


class _Pages(GuardsUnsaved, QDialog):
    def __init__(self) -> None:
        super().__init__()
        self.tabs = QTabWidget()
        self.first, self.second = QLineEdit("một"), QLineEdit()
        self.when = DateField()
        self.tabs.addTab(self.first, "&Một")
        self.tabs.addTab(self.second, "&Hai")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.when)


def test_turning_pages_and_opening_a_calendar_change_nothing_typing_does(qtbot):
    dialog = _Pages()
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.has_unsaved_changes()
    dialog.tabs.setCurrentIndex(1)  # the page shown is raised: the order of the widgets changes
    dialog.when.show_calendar()  # a popup with a calendar and its year box
    dialog.when.popup.close()
    assert not dialog.has_unsaved_changes()
    dialog.second.setText("hai")
    assert dialog.has_unsaved_changes()
    dialog.second.clear()
    assert not dialog.has_unsaved_changes()
    dialog.mark_unchanged()
    dialog.when.setDate(None)
    assert not dialog.has_unsaved_changes()
    dialog.first.setText("một nữa")
    assert dialog.has_unsaved_changes()
    dialog.done(0)
