"""«Nhập từ Excel»: choose a workbook and sheet, check the column mapping, preview every row, then import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from gui.core.background import BackgroundTask
from gui.core.operations import OperationChanges
from gui.roster.import_mapping import ColumnMappingTable
from gui.roster.import_models import (
    ACTION,
    EXCEL_ROW_ROLE,
    NAME,
    PREVIEW_COLUMNS,
    STATUS,
    ActionDelegate,
    ImportPreviewModel,
    ProblemRowsProxy,
    ProblemTableModel,
)
from models.core.errors import os_error_text
from models.roster.import_summary import outcome_summary, plan_summary, thousands
from models.roster.member_import import ADD, UPDATE, ImportOutcome, ImportPlan, apply_import, plan_import

MAX_ROWS_NAMED = 12


def save_import_template(parent: QWidget | None) -> str:
    """Ask where to save ChiBo's import template and write it; returns the path ("" when cancelled or failed)."""
    from reports.roster.import_template import write_import_template

    path = dialogs.ask_save_path(
        parent, "Lưu mẫu nhập danh sách", dialogs.EXCEL_FILTER, "import", "Mẫu nhập đảng viên.xlsx"
    )
    if not path:
        return ""
    target = Path(path) if Path(path).suffix.lower() == ".xlsx" else Path(f"{path}.xlsx")
    try:
        write_import_template(target)
    except OSError as exc:
        dialogs.show_error(parent, f"Không lưu được tệp «{target.name}»: {os_error_text(exc)}.")
        return ""
    dialogs.show_info(parent, f"Đã lưu mẫu nhập vào tệp:\n{target}", "Điền danh sách vào mẫu rồi chọn «Nhập từ Excel».")
    return str(target)


class ImportDialog(QDialog):
    """Wizard-like import: every read and the final save run off the GUI thread and can be cancelled."""

    members_imported = Signal(int)  # members added + updated

    def __init__(self, path: str | Path | None = None, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self.today = today
        self.path: Path | None = None
        self.sheet: str | None = None
        self.read_result = None  # reports.roster.roster_reader.RosterReadResult of the preview shown
        self.plan: ImportPlan | None = None
        self.task: BackgroundTask | None = None
        self.setWindowTitle("Nhập danh sách đảng viên từ Excel")
        self._build()
        dialogs.fit_to_screen(self, 1280, 740)
        if path:
            self.load(Path(path))

    # layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        self.path_edit = QLineEdit(readOnly=True, placeholderText="Chưa chọn tệp Excel")
        self.choose_button = QPushButton("&Chọn tệp…")
        self.choose_button.clicked.connect(self.choose_file)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setMinimumContentsLength(24)
        self.sheet_combo.activated.connect(self._on_sheet_combo_activated)
        self.sheet_label = QLabel("T&rang tính:")
        self.sheet_label.setBuddy(self.sheet_combo)
        file_label = QLabel("&Tệp:")
        file_label.setBuddy(self.path_edit)
        top = QHBoxLayout()
        top.addWidget(file_label)
        top.addWidget(self.path_edit, 1)
        top.addWidget(self.choose_button)
        top.addSpacing(12)
        top.addWidget(self.sheet_label)
        top.addWidget(self.sheet_combo)
        self._show_sheets([])

        self.mapping_table = ColumnMappingTable()
        self.reread_button = QPushButton("Đọc &lại theo các cột đã chọn")
        self.reread_button.clicked.connect(self.reread)
        mapping_box = QGroupBox("Các cột của tệp")
        mapping_layout = QVBoxLayout(mapping_box)
        hint = QLabel("Kiểm tra mỗi cột được nhập vào trường nào; sửa nếu sai rồi bấm «Đọc lại».", wordWrap=True)
        mapping_layout.addWidget(hint)
        mapping_layout.addWidget(self.mapping_table)
        mapping_layout.addWidget(self.reread_button)

        self.counts_label = QLabel("Chọn tệp Excel có danh sách đảng viên để xem trước.", wordWrap=True)
        self.problems_only = QCheckBox("Chỉ hiện dòng có &vấn đề")
        self.problems_only.toggled.connect(self._on_problems_only_toggled)
        self.note_label = QLabel(wordWrap=True)
        self.note_label.hide()
        self.preview_model = ImportPreviewModel(self)
        self.preview_model.actions_changed.connect(self._show_counts)
        self.proxy = ProblemRowsProxy(self)
        self.proxy.setSourceModel(self.preview_model)
        self.preview = QTableView()
        self.preview.setModel(self.proxy)
        self.preview.setItemDelegateForColumn(ACTION, ActionDelegate(self.preview))
        self.preview.setSortingEnabled(True)
        self.preview.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.preview.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.preview.setTabKeyNavigation(False)
        self.preview.verticalHeader().setVisible(False)
        self.preview.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Stretch)
        for column, width in zip(range(len(PREVIEW_COLUMNS)), (52, 180, 86, 104, 80, 0, 92), strict=True):
            if width:
                self.preview.setColumnWidth(column, width)
        preview_label = QLabel("&Xem trước:")
        preview_label.setBuddy(self.preview)
        self.problem_model = ProblemTableModel(self)
        self.problem_view = QTableView()
        self.problem_view.setModel(self.problem_model)
        self.problem_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problem_view.setTabKeyNavigation(False)
        self.problem_view.verticalHeader().setVisible(False)
        self.problem_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.problem_view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((52, 72, 170)):
            self.problem_view.setColumnWidth(column, width)
        self.problem_view.activated.connect(self._on_problem_view_activated)
        self.problem_view.clicked.connect(self._on_problem_view_activated)
        problems_label = QLabel("Các vấn &đề (nhấn vào một dòng để xem dòng đó trong bảng trên):")
        problems_label.setBuddy(self.problem_view)

        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(preview_label)
        head.addWidget(self.counts_label, 1)
        head.addWidget(self.problems_only)
        preview_layout.addLayout(head)
        preview_layout.addWidget(self.note_label)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.preview)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.addWidget(problems_label)
        lower_layout.addWidget(self.problem_view)
        split.addWidget(lower)
        split.setSizes([420, 160])
        preview_layout.addWidget(split, 1)

        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(mapping_box)
        body.addWidget(preview_box)
        body.setStretchFactor(1, 1)
        body.setSizes([340, 940])

        self.template_button = QPushButton("Tải &mẫu nhập…")
        self.template_button.setAutoDefault(False)
        self.template_button.clicked.connect(lambda: save_import_template(self))
        self.import_button = QPushButton("&Nhập vào danh sách")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton("&Hủy")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        for button in (self.choose_button, self.reread_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.template_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)
        layout.addLayout(buttons)
        self._set_busy(False)

    def reject(self) -> None:
        """Esc or «Hủy» while a read or the save is running cancels that work first (the save then rolls back)."""
        if self._busy and self.task is not None:
            self.task.cancel()
            return
        super().reject()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        ready = not busy and self.plan is not None
        for widget in (self.choose_button, self.sheet_combo, self.template_button):
            widget.setEnabled(not busy)
        self.reread_button.setEnabled(ready)
        self.import_button.setEnabled(ready)

    # reading -------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path = dialogs.ask_open_path(self, "Chọn tệp Excel danh sách đảng viên", dialogs.EXCEL_FILTER, "import")
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Read the first sheet of `path` (and list its sheets), detecting the columns."""
        self._read(path, None, mapping=None, header_row=None, list_sheets=True)

    def reread(self) -> None:
        """Read again with the columns as corrected in the mapping table."""
        if self.path is None or self.read_result is None:
            return
        try:
            mapping = self.mapping_table.mapping()
        except ValueError as exc:
            dialogs.show_warning(self, str(exc))
            return
        self._read(self.path, self.sheet, mapping=mapping, header_row=self.read_result.header_row, list_sheets=False)

    def _on_sheet_combo_activated(self, index: int) -> None:
        name = self.sheet_combo.itemData(index)
        if self.path is not None and name and name != self.sheet:
            self._read(self.path, name, mapping=None, header_row=None, list_sheets=False)

    def _read(self, path: Path, sheet: str | None, *, mapping, header_row, list_sheets: bool) -> None:
        from reports.roster import roster_reader

        today = self.today

        def job(progress):
            sheets = roster_reader.list_sheets(path) if list_sheets else None
            result = roster_reader.read_roster(
                path, sheet, mapping=mapping, header_row=header_row, progress=progress, today=today
            )
            return path, sheets, result, plan_import(result, today)

        self._set_busy(True)
        self.task = operations.run_in_background(
            self,
            "Nhập từ Excel",
            f"Đang đọc tệp «{path.name}»…",
            job,
            self._on_read_finished,
            failure_text="Không đọc được tệp Excel.",
        )
        self.task.failed.connect(self._on_task_failed)
        self.task.cancelled.connect(lambda: self._set_busy(False))

    def _on_read_finished(self, outcome) -> None:
        path, sheets, result, plan = outcome
        self.path, self.sheet, self.read_result, self.plan = path, result.sheet, result, plan
        self.path_edit.setText(str(path))
        self.setWindowTitle(f"Nhập danh sách đảng viên từ Excel — {path.name}")
        if sheets is not None:
            self._show_sheets(sheets)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(result.sheet)))
        self.mapping_table.show_columns(result.headers, result.mapping)
        self.preview_model.set_plan(plan)
        self.problem_model.set_plan(plan)
        self._show_note(result)
        self._show_counts()
        self._set_busy(False)
        self.preview.setFocus()

    def _on_task_failed(self, _error: object) -> None:
        self._set_busy(False)  # the task itself tells the user why; nothing was saved

    # showing -------------------------------------------------------------------------------
    def _show_sheets(self, sheets) -> None:
        self.sheet_combo.clear()
        for info in sheets:
            size = f" ({thousands(info.rows)} dòng × {info.columns} cột)" if info.rows and info.columns else ""
            self.sheet_combo.addItem(f"{info.name}{size}", info.name)
        several = len(sheets) > 1
        self.sheet_combo.setVisible(several)
        self.sheet_label.setVisible(several)

    def _show_note(self, result) -> None:
        notes = []
        by_encoding: dict[str, list[int]] = {}
        for conversion in result.conversions:
            rows = by_encoding.setdefault(_encoding_label(conversion.encoding), [])
            if conversion.row not in rows:
                rows.append(conversion.row)
        for label, rows in by_encoding.items():
            notes.append(f"Đã chuyển chữ mã {label} sang Unicode ở {_rows_text(rows)}; hãy xem lại các dòng này.")
        if result.unmapped:
            notes.append("Các cột không nhập: " + ", ".join(f"«{h}»" for h in result.unmapped) + ".")
        self.note_label.setText("\n".join(notes))
        self.note_label.setVisible(bool(notes))

    def _show_counts(self) -> None:
        plan = self.plan
        if plan is None:
            return
        self.counts_label.setText(plan_summary(plan))

    def _on_problems_only_toggled(self, on: bool) -> None:
        self.proxy.set_problems_only(on)

    def _on_problem_view_activated(self, index: QModelIndex) -> None:
        self.select_excel_row(int(index.data(EXCEL_ROW_ROLE)))

    def select_excel_row(self, number: int) -> None:
        for line in range(self.proxy.rowCount()):
            index = self.proxy.index(line, NAME)
            if index.data(EXCEL_ROW_ROLE) == number:
                self.preview.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                )
                self.preview.scrollTo(index)
                return

    # importing -----------------------------------------------------------------------------
    def start_import(self) -> None:
        plan = self.plan
        if plan is None:
            return
        if not plan.count(ADD) and not plan.count(UPDATE):
            dialogs.show_info(self, "Chưa có dòng nào được chọn để thêm mới hoặc cập nhật.")
            return
        actions = plan.actions()
        today = self.today
        from gui.core.auto_backups import backup_before

        backup_before(self, "import")
        self._set_busy(True)
        self.task = operations.run_in_background(
            self,
            "Nhập từ Excel",
            "Đang lưu danh sách đảng viên…",
            lambda progress: apply_import(plan, actions, progress, today),
            self._on_import_finished,
            changes=OperationChanges(members=True),  # the roster tab shows the members imported
            failure_text="Không nhập được danh sách; không có gì thay đổi.",
        )
        self.task.failed.connect(self._on_task_failed)
        self.task.cancelled.connect(self._on_import_cancelled)

    def _on_import_finished(self, outcome: ImportOutcome) -> None:
        self._set_busy(False)
        dialogs.show_info(self, outcome_summary(outcome))
        self.members_imported.emit(outcome.added + outcome.updated)
        self.accept()

    def _on_import_cancelled(self) -> None:
        self._set_busy(False)
        dialogs.show_info(self, "Đã hủy việc nhập; không có đảng viên nào được lưu.")


def _encoding_label(encoding: str) -> str:
    from reports.roster.legacy_encoding import ENCODING_LABELS

    return ENCODING_LABELS.get(encoding, encoding)


def _rows_text(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:MAX_ROWS_NAMED])
    more = f" và {len(rows) - MAX_ROWS_NAMED} dòng khác" if len(rows) > MAX_ROWS_NAMED else ""
    return f"dòng {shown}{more}" if len(rows) == 1 else f"các dòng {shown}{more}"
