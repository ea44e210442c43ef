"""«Tổng hợp toàn đảng bộ»: every branch's figures and what falls due, side by side with the committee's total, and
the committee's Excel reports. It shows what models.office.office_statistics returns, read off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.core import dialogs, operations
from gui.core.tables import fill_table, read_only_table
from models.core import clock
from models.core.dates import fmt

TOTAL_LABEL = "Toàn đảng bộ"


class OfficeDialog(QDialog):
    """Emits `loaded()` once the figures are shown."""

    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from services.office.office_data import TABLE_FIGURES

        self.setWindowTitle("Tổng hợp toàn đảng bộ")
        self.today = clock.today()
        self.report = self.reminders = None
        self.task = None
        layout = QVBoxLayout(self)
        self.summary_label = QLabel("Đang tổng hợp số liệu các chi bộ…")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.headings = [
            "Chi bộ",
            *(h for _, h in TABLE_FIGURES),
            "Đến hạn xét chính thức",
            "Huy hiệu đợt tới",
            "Chưa xếp loại năm trước",
        ]
        self.table = read_only_table(self.headings, stretch=0)
        layout.addWidget(self.table, 1)
        exports = QHBoxLayout()
        self.export_buttons = {}
        for kind, text in (
            ("thong-ke", "Xuất báo cáo &thống kê…"),
            ("du-bi", "Xuất danh sách &dự bị đến hạn…"),
            ("huy-hieu", "Xuất danh sách &Huy hiệu Đảng…"),
            ("dai-hoi", "Xuất báo cáo đại hội các &chi bộ…"),
        ):
            button = QPushButton(text)
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, k=kind: self.export(k))
            exports.addWidget(button)
            self.export_buttons[kind] = button
        exports.addStretch(1)
        layout.addLayout(exports)
        box = dialogs.localize_buttons(QDialogButtonBox(QDialogButtonBox.StandardButton.Close))
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        dialogs.fit_to_screen(self, 1100, 560)

    def load(self) -> None:
        """Read every branch on a worker (one branch at a time), then fill the table."""

        today = self.today

        def job(progress):
            from models.office.office_statistics import office_reminders, office_statistics
            from services.roster.jobs import StatisticsOptions

            options = StatisticsOptions.default(today)
            report = office_statistics(options.on, options.period, options.year, options.age_bounds, progress=progress)
            return report, office_reminders(today)

        self.task = operations.run_in_background(
            self,
            "Tổng hợp toàn đảng bộ",
            "Đang đọc số liệu từng chi bộ…",
            job,
            self._on_task_finished,
            failure_text="Chưa tổng hợp được số liệu các chi bộ.",
        )

    def _on_task_finished(self, result) -> None:
        from services.office.office_data import branch_table

        self.report, self.reminders = result
        table = branch_table(self.report)
        due = {b.branch_id: b for b in self.reminders.branches}
        rows = []
        for branch, (name, figures) in zip(self.report.branches, table.rows, strict=True):
            mine = due.get(branch.branch_id)
            counts = (len(mine.recognitions), len(mine.badges), len(mine.missing_ratings)) if mine else (0, 0, 0)
            rows.append([name, *map(str, figures), *map(str, counts)])
        reminders = self.reminders
        totals = (len(reminders.recognitions()), len(reminders.badges()), len(reminders.missing_ratings()))
        rows.append([TOTAL_LABEL, *map(str, table.total), *map(str, totals)])
        fill_table(self.table, rows)
        font = self.table.font()
        font.setBold(True)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row in range(len(rows)):
            for column in range(1, len(self.headings)):
                self.table.item(row, column).setTextAlignment(right)
        for column in range(len(self.headings)):
            self.table.item(len(rows) - 1, column).setFont(font)
        self.summary_label.setText(
            f"{len(self.report.branches)} chi bộ, số lượng tính đến ngày {fmt(self.today)}; Huy hiệu Đảng đợt "
            f"{fmt(reminders.award_date)}; xếp loại năm {reminders.rating_year}."
        )
        for button in self.export_buttons.values():
            button.setEnabled(bool(self.report.branches))
        self.loaded.emit()

    def export(self, kind: str) -> None:
        from services.office.jobs import OFFICE_JOB_BY_KIND

        job = OFFICE_JOB_BY_KIND[kind]
        if job.asks_options:
            from gui.roster.statistics_options_dialog import StatisticsOptionsDialog

            dialog = StatisticsOptionsDialog(self.today, parent=self, scope="từng chi bộ và toàn đảng bộ")
            dialog.options_chosen.connect(lambda options: self._write(kind, options))
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()
            self.options_dialog = dialog
        else:
            self._write(kind, None)

    def _write(self, kind: str, options) -> None:
        from gui.core.export_runner import write_export
        from services.office.jobs import OFFICE_JOB_BY_KIND
        from services.roster.jobs import ExportOptions

        job = OFFICE_JOB_BY_KIND[kind]

        def write(prepared) -> None:
            self.export_task = write_export(self, job.title, prepared, job.working, job.done)

        # a refusal is a notice: NothingToExport, nobody due in any branch
        operations.run(
            self, lambda: job.prepare(ExportOptions(today=self.today, statistics=options)), write, notice=True
        )
