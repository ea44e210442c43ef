"""Small read-only tables (votes, numbers, results, backups): one look, one way to fill them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)


def read_only_table(
    headers: Sequence[str],
    stretch: int | None = None,
    *,
    rows_selectable: bool = True,
    focus: bool = True,
    kind: type[QTableWidget] = QTableWidget,
) -> QTableWidget:
    """Columns sized to their contents, `stretch` (default: the last) taking the room left; no row numbers. `kind`:
    a subclass with keys of its own (gui.meetings.attendance_table)."""
    table = kind(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # nothing to edit in a cell: Tab leaves the table for the next control
    if rows_selectable:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.selectionModel().currentRowChanged.connect(lambda current, _before: _select_current(table, current))
    else:
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    if not focus:
        from PySide6.QtCore import Qt

        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1 if stretch is None else stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _select_current(table: QTableWidget, current) -> None:
    """Tab into a table whose rows are chosen: Qt makes the first row current without choosing it, so the buttons
    acting on the chosen row stayed off and ↓ on a one-row table did nothing; the row shown current is chosen."""
    if table.hasFocus() and current.isValid() and not table.selectionModel().hasSelection():
        table.selectRow(current.row())


def fill_table(table: QTableWidget, rows: Iterable[Sequence[str]]) -> None:
    """Replace the table's rows by `rows` of texts."""
    rows = list(rows)
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))


def own_viewport(view: QAbstractScrollArea) -> QWidget:
    """Gives `view` a viewport made here and set up as Qt sets up its own (named so, base colours, its background
    filled; Qt has it take touch events as the view is shown), and returns it. The first time Python reaches a
    widget Qt made, PySide resolves its type by loading every widget class it knows, some 30 ms; a widget made from
    Python is known already. No `Qt` enum is touched here (its first use builds PySide's `Qt` namespace: the
    roster's first paint does without it, gui.roster.member_table_model.DISPLAY_ROLE)."""
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    view.setViewport(viewport)
    return viewport
