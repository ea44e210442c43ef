"""Item models of the import dialog: the preview of every Excel row, its problems, and the per-row action editor."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from models.core.dates import fmt
from models.roster.member_import import ACTION_LABELS, ERROR, ImportPlan, PlanRow, RowProblem

_Index = QModelIndex | QPersistentModelIndex
ALLOWED_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
EXCEL_ROW_ROLE = Qt.ItemDataRole.UserRole + 3
ERROR_BRUSH = QBrush(QColor("#fbe0e0"))
NOTICE_BRUSH = QBrush(QColor("#fff3d1"))
SEVERITY_LABELS = {ERROR: "Lỗi", "warning": "Cảnh báo"}

PREVIEW_COLUMNS = ("Dòng", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Số thẻ", "Tình trạng", "Xử lý")
ROW, NAME, BORN, ADMITTED, CARD, STATUS, ACTION = range(len(PREVIEW_COLUMNS))
_CENTERED = {ROW, BORN, ADMITTED, CARD}


def problems_tooltip(problems: list[RowProblem]) -> str:
    lines = []
    for p in problems:
        where = f"«{p.column}»: " if p.column else ""
        lines.append(f"{SEVERITY_LABELS.get(p.severity, '')} — {where}{p.message}")
    return "\n".join(lines)


def _status(row: PlanRow) -> str:
    """The row's status, followed by its first problem when that is what the status is about."""
    status = row.status
    if status in ("Lỗi", "Cảnh báo"):
        wanted = ERROR if status == "Lỗi" else "warning"
        first = next(p for p in row.problems if p.severity == wanted)
        return f"{status}: {first.message}"
    return status


class ImportPreviewModel(QAbstractTableModel):
    """One line per Excel row of the plan; the action column is editable among the row's allowed actions."""

    actions_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[PlanRow] = []

    @property
    def rows(self) -> list[PlanRow]:
        return self._rows

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self._rows = list(plan.rows) if plan is not None else []
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PREVIEW_COLUMNS)

    def _text(self, row: PlanRow, column: int) -> str:
        record = row.record
        return {
            ROW: str(row.row),
            NAME: record.full_name,
            BORN: fmt(record.birth_date),
            ADMITTED: fmt(record.admission_date),
            CARD: record.card_number,
            STATUS: _status(row),
            ACTION: ACTION_LABELS[row.action],
        }[column]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return row.action if column == ACTION else self._text(row, column)
        if role == SORT_ROLE:
            if column == ROW:
                return row.row
            if column in (BORN, ADMITTED):
                value = row.record.birth_date if column == BORN else row.record.admission_date
                return value.toordinal() if value else 0
            return self._text(row, column)
        if role == ALLOWED_ROLE:
            return row.allowed
        if role == EXCEL_ROW_ROLE:
            return row.row
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = problems_tooltip(row.problems)
            if column == ACTION and len(row.allowed) > 1:
                tip = "\n".join(t for t in (tip, "Nhấn đúp hoặc F2 để đổi cách xử lý.") if t)
            return tip or None
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.has_errors:
                return ERROR_BRUSH
            if row.problems:
                return NOTICE_BRUSH
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _CENTERED:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == ACTION and len(self._rows[index.row()].allowed) > 1:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != ACTION or role != Qt.ItemDataRole.EditRole:
            return False
        row = self._rows[index.row()]
        if value not in row.allowed or value == row.action:
            return False
        row.action = value
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        self.actions_changed.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return PREVIEW_COLUMNS[section]
        return None


class ProblemRowsProxy(QSortFilterProxyModel):
    """Sorts by the preview's sort keys; optionally shows only rows with a problem."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._problems_only = False
        self.setSortRole(SORT_ROLE)

    def set_problems_only(self, on: bool) -> None:
        self.beginFilterChange()
        self._problems_only = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._problems_only:
            return True
        return bool(self.sourceModel().rows[source_row].problems)


class ProblemTableModel(QAbstractTableModel):
    """Every problem of the plan: Excel row, severity, column, message."""

    COLUMNS = ("Dòng", "Mức", "Cột", "Nội dung")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._problems: list[RowProblem] = []

    @property
    def problems(self) -> list[RowProblem]:
        return self._problems

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self._problems = [p for row in plan.rows for p in row.problems] if plan is not None else []
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        problem = self._problems[index.row()]
        texts = (str(problem.row), SEVERITY_LABELS.get(problem.severity, ""), problem.column, problem.message)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return texts[index.column()]
        if role == EXCEL_ROW_ROLE:
            return problem.row
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1 and problem.severity == ERROR:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None


class ActionDelegate(QStyledItemDelegate):
    """A combo of the actions this row allows (Bỏ qua / Cập nhật / Thêm mới)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        for action in index.data(ALLOWED_ROLE) or ():
            combo.addItem(ACTION_LABELS[action], action)
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
