"""The congress's papers: attendance list, summary report, short-bio list and show-of-hands record, each written
to Excel with its number from the term's sequence; the numbers handed out, which can be corrected."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from gui.core.tables import fill_table, read_only_table
from models.congress.congresses import CongressInfo
from models.congress.numbering import DOC_TYPES, correct_number, numbers_of_term

ACCESS = {
    "dai-hoi-diem-danh": "&Danh sách đảng viên dự đại hội",
    "dai-hoi-bao-cao": "Báo cáo kết &quả đại hội",
    "dai-hoi-trich-ngang": "Danh sách t&rích ngang người trúng cử",
    "dai-hoi-bieu-quyet": "Biên bản biể&u quyết của đại hội",
}


class PapersPage(QWidget):
    congress_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from services.congress.jobs import CONGRESS_JOBS

        self.info: CongressInfo | None = None
        self.task = None
        layout = QVBoxLayout(self)
        box = QGroupBox("Văn bản của đại hội (Excel, khổ A4, theo thể thức văn bản của Đảng)")
        box_layout = QVBoxLayout(box)
        self.buttons = {}
        for job in CONGRESS_JOBS:
            button = QPushButton(f"{ACCESS[job.kind]}…")
            button.clicked.connect(lambda _checked=False, kind=job.kind: self.export(kind))
            box_layout.addWidget(button)
            self.buttons[job.kind] = button
        layout.addWidget(box)
        layout.addWidget(
            QLabel(
                "<b>Số văn bản đã cấp trong nhiệm kỳ</b> (mỗi văn bản giữ số của mình khi in lại; "
                "số không bao giờ cấp trùng)"
            )
        )
        self.numbers = read_only_table(("Số", "Loại", "Văn bản"))
        layout.addWidget(self.numbers, 1)
        row = QHBoxLayout()
        self.correct_button = QPushButton("Đổ&i số văn bản…")
        self.correct_button.clicked.connect(self.correct_selected)
        row.addWidget(self.correct_button)
        row.addStretch(1)
        layout.addLayout(row)
        self._documents: list = []

    def show_congress(self, info: CongressInfo | None) -> None:
        self.info = info
        for button in self.buttons.values():
            button.setEnabled(info is not None)
        self.correct_button.setEnabled(info is not None)
        self._fill()

    def _fill(self) -> None:
        self._documents = numbers_of_term(self.info.id) if self.info else []
        fill_table(self.numbers, ((n.text, DOC_TYPES[n.doc_type], n.title or n.document) for n in self._documents))

    def export(self, kind: str) -> None:
        from gui.core.export_runner import write_export
        from reports.core.export_files import NothingToExport
        from services.congress.jobs import CONGRESS_JOB_BY_KIND

        job = CONGRESS_JOB_BY_KIND[kind]
        if not operations.run(self, lambda: job.check(self.info.id), notice=(NothingToExport,)):
            return
        congress_id = self.info.id
        # the number is taken once a file is chosen: a cancelled export leaves no gap in the sequence
        self.task = write_export(
            self,
            f"Xuất {job.title[0].lower()}{job.title[1:]}",
            lambda: job.prepare(congress_id),
            "Đang lập văn bản…",
            job.done,
            suggested=job.file_name(congress_id),
        )
        self._fill()

    def correct_selected(self) -> None:
        row = self.numbers.currentRow()
        if row < 0 or row >= len(self._documents):
            dialogs.show_info(self, "Hãy chọn một văn bản trong bảng số văn bản.")
            self.numbers.setFocus()  # where to choose it
            return
        number = self._documents[row]
        value = dialogs.ask_number(
            self, "Sửa số văn bản", f"Số mới của «{number.title or number.document}»:", number.number, 1, 9999
        )
        if value is None:
            return
        if not operations.run(self, lambda: correct_number(self.info.id, number.document, value)):
            return
        self._fill()
        self.congress_changed.emit()
