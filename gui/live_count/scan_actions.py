"""The «Bầu cử» tab's scanned pass: «Quét phiếu…» reads a PDF or a folder of images off the GUI thread (progress,
cancel) into the round's scanned pass (services.scan_count), then opens the review queue; «Quyết định phiếu quét»
reopens it; the tab's status says which scanned ballots a person decided and how many pages wait."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu, QPushButton

from gui.core import dialogs, operations
from gui.live_count.scan_review import ScanReviewDialog
from models.live_count.passes import round_passes, start_pass
from models.live_count.scan_pass import review_queue, reviewed_ballots
from services.scan_count.scan_stack import scan_stack

PDF_FILTER = "Tệp PDF ảnh quét (*.pdf)"


class ScanActions:
    def __init__(self, tab) -> None:
        self.tab = tab
        self.task = None
        self.scan_button = QPushButton("&Quét phiếu…")
        menu = QMenu(self.scan_button)
        self.pdf_action = menu.addAction("Tệp &PDF từ máy quét…", self.scan_pdf)
        self.folder_action = menu.addAction("&Thư mục ảnh phiếu đã quét…", self.scan_folder)
        self.scan_button.setMenu(menu)
        self.review_button = QPushButton("Qu&yết định phiếu quét")
        self.review_button.clicked.connect(lambda: self.review())
        self.pass_button = QPushButton("Thêm lượt nhập t&ay…")
        passes = QMenu(self.pass_button)
        passes.addAction("Gõ lại &toàn bộ xấp phiếu", lambda: self.add_pass(sample=False))
        passes.addAction("Gõ lại một &số phiếu để kiểm tra (mẫu)", lambda: self.add_pass(sample=True))
        self.pass_button.setMenu(passes)

    # state --------------------------------------------------------------------------------------------------------
    def scanned_passes(self) -> list[int]:
        """The round's scanned passes still counted (a pass set aside waits for nobody)."""
        chosen = self.tab.current_round()
        if chosen is None:
            return []
        return [p.number for p in round_passes(chosen.round_id) if p.source == "scanned" and not p.set_aside]

    def update(self, counting: bool) -> list[str]:
        """Enable the buttons for a round being counted; say in the status which scanned ballots a person decided."""
        self.scan_button.setEnabled(counting)
        self.pass_button.setEnabled(counting)
        chosen = self.tab.current_round()
        lines, waiting = [], 0
        for number in self.scanned_passes():
            queued = len(review_queue(chosen.round_id, number))
            waiting += queued
            looked = sorted(reviewed_ballots(chosen.round_id, number))
            shown = ", ".join(str(n) for n in looked[:30]) + ("…" if len(looked) > 30 else "")
            text = f"Lượt {number} (quét phiếu): {queued} trang chờ Ban kiểm phiếu quyết định"
            text += f"; người đã xem và quyết định {len(looked)} phiếu" + (f" (số {shown})" if looked else "")
            lines.append(text + "; các phiếu khác máy đọc chắc chắn.")
        self.review_button.setEnabled(counting and waiting > 0)
        self.review_button.setText(f"Qu&yết định phiếu quét ({waiting})" if waiting else "Qu&yết định phiếu quét")
        return lines

    def add_pass(self, sample: bool) -> None:
        """A typed pass over the same stack, the whole of it or a sample (only the ballots typed are compared)."""
        chosen = self.tab.current_round()
        if chosen is None:
            return
        who = self.tab.entered_by_edit.text().strip()
        operations.run(
            self.tab,
            lambda: start_pass(chosen.round_id, "typed", who, sample=sample),
            lambda started: self.tab.show_pass(started.number),
        )

    # scanning -----------------------------------------------------------------------------------------------------
    def scan_pdf(self) -> None:
        path = dialogs.ask_open_path(self.tab, "Chọn tệp PDF phiếu đã quét", PDF_FILTER, "scan")
        if path:
            self.scan(Path(path))

    def scan_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self.tab, "Chọn thư mục ảnh phiếu đã quét")
        if path:
            self.scan(Path(path))

    def scan(self, source: Path) -> None:
        """Read `source` off the GUI thread; each page is written as it is read, so a cancel keeps the pages read."""
        chosen = self.tab.current_round()
        if chosen is None:
            return
        who = self.tab.entered_by_edit.text().strip()
        self.task = operations.run_in_background(
            self.tab,
            "Quét phiếu",
            f"Đang đọc «{source.name}»…",
            lambda progress: scan_stack(chosen.round_id, source, who, progress=progress),
            self._scanned,
            failure_text="Không đọc được phiếu quét.",
        )
        self.task.cancelled.connect(lambda: self.tab.refresh())
        self.task.failed.connect(lambda _e: self.tab.refresh())

    def _scanned(self, report) -> None:
        self.tab.refresh()
        dialogs.show_info(self.tab, "\n".join(report.lines()[:2]))
        if report.waiting:
            self.review(report.pass_no)

    # reviewing ----------------------------------------------------------------------------------------------------
    def review(self, pass_no: int | None = None) -> None:
        chosen, session = self.tab.current_round(), self.tab.session
        if chosen is None or session is None:
            return
        waiting = [n for n in self.scanned_passes() if review_queue(chosen.round_id, n)]
        if pass_no is None:
            if not waiting:
                return
            pass_no = waiting[0]
        info = session.info
        dialog = ScanReviewDialog(
            chosen.round_id,
            pass_no,
            tuple(session.election.candidate_ids),
            tuple(p.full_name for p in info.candidates),
            info.form,
            self.tab.entered_by_edit.text().strip(),
            session.tally.judge,
            self.tab,
        )
        dialogs.fit_to_screen(dialog, 1200, 740)
        dialog.exec()
        self.tab.refresh()
