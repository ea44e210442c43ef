"""The review queue of a scanned pass, keyboard first: the page image with the doubtful areas outlined, the reader's
reading beside each name, and one key per decision.

Keys: ↑/↓ choose a name (the first doubtful one is chosen); strike form K keeps it, G strikes it (a candidate's
number toggles it, as in typing); agree form D đồng ý, K không đồng ý, H cả hai ô, Space bỏ trống; F5-F8 the
counting committee's reasons as in typing; Enter records the decision (models.live_count.scan_pass.decide_page: the
ballot, the reading and the person's name in one entry) and shows the next page; PgDn / PgUp skip to the next or
previous page; Delete: the page is no ballot of this round.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from gui.core.unsaved import GuardsUnsaved, ask_discard
from gui.live_count.entry_view import INVALID, MARK_TEXT, REASON_KEYS, VALID, WARNING
from models.counting import INVALID_REASON_LABELS, Ballot, Form, Mark, Verdict
from models.live_count.keyboard import BallotDraft
from models.live_count.scan_pass import QueuedPage, decide_page, dismiss_page, review_queue

DOUBT_PEN, MARK_PEN = QColor("#d13438"), QColor("#ca5010")
AGREE_KEYS = {
    Qt.Key.Key_D: Mark.AGREE,
    Qt.Key.Key_K: Mark.DISAGREE,
    Qt.Key.Key_H: Mark.BOTH,
    Qt.Key.Key_Space: Mark.NONE,
}


def page_pixmap(page: QueuedPage, width: int, height: int) -> QPixmap:
    """The page image scaled to fit, the doubtful areas outlined in red, the uncertain marks in orange."""
    image = QImage.fromData(page.image_png)
    if image.isNull():
        return QPixmap()
    pixmap = QPixmap.fromImage(image.convertToFormat(QImage.Format.Format_RGB32))
    painter = QPainter(pixmap)
    for area, colour in [(m["area"], MARK_PEN) for m in page.reading["marks"] if not m["certain"]] + [
        (d["area"], DOUBT_PEN) for d in page.reading["doubts"]
    ]:
        if area:
            painter.setPen(QPen(colour, 4))
            painter.drawRect(QRectF(*area).adjusted(-4, -4, 4, 4))
    painter.end()
    return pixmap.scaled(width, height, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


class ScanReviewDialog(GuardsUnsaved, QDialog):
    """Pass `pass_no` of round `round_id`: its pages waiting for a person, one at a time."""

    def __init__(
        self,
        round_id: int,
        pass_no: int,
        ids: tuple[str, ...],
        names: tuple[str, ...],
        form: Form,
        reviewer: str,
        judge: Callable[[Ballot], Verdict],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Quyết định phiếu quét — lượt {pass_no}")
        self.round_id, self.pass_no, self.ids, self.names, self.form = round_id, pass_no, ids, names, form
        self.judge = judge
        self.decided = 0
        self.queue: list[QueuedPage] = []
        self.index = 0
        self.draft: BallotDraft | None = None
        layout = QHBoxLayout(self)
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setMinimumSize(560, 600)
        self.image_label.setStyleSheet("background: #f3f2f1; border: 1px solid #c8c6c4")
        layout.addWidget(self.image_label, 3)
        side = QVBoxLayout()
        self.page_label = QLabel()
        self.page_label.setWordWrap(True)
        side.addWidget(self.page_label)
        self.table = QTableWidget(len(ids), 3)
        self.table.setHorizontalHeaderLabels(("Ứng cử viên", "Máy đọc", "Quyết định"))
        self.table.setVerticalHeaderLabels([str(i + 1) for i in range(len(ids))])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(self)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the reviewer's name; ↑/↓ choose a name
        side.addWidget(self.table, 1)
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        side.addWidget(self.verdict_label)
        row = QHBoxLayout()
        row.addWidget(QLabel("Người quyết định:"))
        self.reviewer_edit = QLineEdit(reviewer)
        self.reviewer_edit.setPlaceholderText("Họ tên thành viên Ban kiểm phiếu")
        row.addWidget(self.reviewer_edit, 1)
        side.addLayout(row)
        keys = (
            "K: giữ tên · G: gạch tên · số thứ tự: đổi gạch/giữ"
            if form == Form.STRIKE
            else "D: đồng ý · K: không đồng ý · H: cả hai ô · Cách: bỏ trống"
        )
        help_label = QLabel(
            f"↑/↓: chọn người · {keys} · F5 không phải phiếu do Ban kiểm phiếu phát · F6 ghi thêm tên · "
            "F7 có ký tên, đánh dấu riêng · F8 lý do khác · Enter: ghi quyết định · PgDn/PgUp: trang sau/trước · "
            "Delete: không phải phiếu của lần bầu này · Esc: đóng"
        )
        help_label.setWordWrap(True)
        help_label.setStyleSheet("color: #605e5c")
        side.addWidget(help_label)
        layout.addLayout(side, 2)
        self.reload()

    # the queue ----------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the pages still waiting (another PC may have decided some) and show the one at `index`."""
        found = operations.result_of(self, lambda: review_queue(self.round_id, self.pass_no))
        self.queue = [] if found is operations.REFUSED else found
        self.index = min(self.index, max(len(self.queue) - 1, 0))
        self._show()

    @property
    def current(self) -> QueuedPage | None:
        return self.queue[self.index] if self.queue else None

    def _show(self) -> None:
        page = self.current
        if page is None:
            self.draft = None
            self.image_label.setPixmap(QPixmap())
            self.image_label.setText("Không còn phiếu quét nào chờ quyết định.")
            self.page_label.setText(f"<b>Đã quyết định {self.decided} phiếu.</b> Nhấn Esc để đóng.")
            self.table.setEnabled(False)
            self.verdict_label.setText("")
            self.mark_unchanged()
            return
        self.table.setEnabled(True)
        self.draft = BallotDraft.from_ballot(page.proposal, self.ids, self.form)
        self.image_label.setPixmap(page_pixmap(page, self.image_label.width() - 8, self.image_label.height() - 8))
        doubts = "".join(f"<li>{escape(label)}</li>" for label in page.doubt_labels)
        self.page_label.setText(
            f"<b>Trang {page.page}</b> (phiếu số {page.page}) — {self.index + 1}/{len(self.queue)} trang chờ quyết "
            f"định.<br>Máy không tự quyết định vì:<ul style='margin:0'>{doubts}</ul>"
        )
        read = {m["candidate"]: m for m in page.reading["marks"]}
        for i, name in enumerate(self.names):
            mark = read.get(i)
            self.table.setItem(i, 0, QTableWidgetItem(name))
            item = QTableWidgetItem(self._reading_text(mark))
            if mark is None or not mark["certain"]:
                item.setForeground(DOUBT_PEN)
            self.table.setItem(i, 1, item)
        doubtful = [i for i in range(len(self.ids)) if i not in read or not read[i]["certain"]]
        doubtful += [d["candidate"] for d in page.reading["doubts"] if d["candidate"] is not None]
        self.table.selectRow(min(doubtful) if doubtful else 0)
        self._show_draft()
        self.mark_unchanged()  # the page as the reader proposed it: Escape asks only once a person changed it
        self.table.setFocus()

    def unsaved_state(self) -> tuple:
        """The decisions typed on the page shown and not yet recorded with Enter."""
        draft = self.draft
        if draft is None:
            return ()
        return (self.index, tuple(sorted(draft.struck)), tuple(draft.marks), draft.void)

    def _reading_text(self, mark: dict | None) -> str:
        if mark is None:
            return "Không đọc được"
        if self.form == Form.STRIKE:
            seen = {True: "Gạch", False: "Giữ", None: "Không rõ"}[mark["struck"]]
        else:
            seen = MARK_TEXT.get(Mark(mark["mark"]), "Bỏ trống") or "Bỏ trống" if mark.get("mark") else "Không rõ"
        return seen if mark["certain"] else f"{seen}? ({mark['score']:.0%})"

    def _show_draft(self) -> None:
        draft = self.draft
        if draft is None:
            return
        for i in range(len(self.ids)):
            if self.form == Form.STRIKE:
                text = "GẠCH" if i in draft.struck else "Giữ"
            else:
                text = MARK_TEXT[draft.marks[i]] or "Bỏ trống"
            item = QTableWidgetItem(text)
            if text == "GẠCH":
                item.setForeground(DOUBT_PEN)
            self.table.setItem(i, 2, item)
        verdict = self.judge(draft.ballot(self.current.page))
        if verdict.valid:
            text = f"<span style='color:{VALID}'>Phiếu hợp lệ: bầu {len(verdict.agree)} người.</span>"
        else:
            reason = INVALID_REASON_LABELS[verdict.reason].lower()
            text = f"<b style='color:{INVALID}'>Phiếu không hợp lệ: {escape(reason)}.</b>"
        warning = f"<span style='color:{WARNING}'>{escape(draft.message)}</span><br>" if draft.message else ""
        self.verdict_label.setText(warning + text)

    # keys ---------------------------------------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.table and event.type() == event.Type.KeyPress and self._key(event):
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not self._key(event):
            super().keyPressEvent(event)

    def _key(self, event: QKeyEvent) -> bool:
        """Act on one key; True when it was one of the review's keys."""
        key = event.key()
        if key == Qt.Key.Key_PageDown:
            self._move(1)
        elif key == Qt.Key.Key_PageUp:
            self._move(-1)
        elif self.draft is None:
            return False
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
        elif key == Qt.Key.Key_Delete:
            self.dismiss()
        elif key in REASON_KEYS:
            self.draft.declare(REASON_KEYS[key])
        elif self.form == Form.STRIKE and key in (Qt.Key.Key_K, Qt.Key.Key_G):
            row = self.table.currentRow()
            self.draft.struck.discard(row) if key == Qt.Key.Key_K else self.draft.struck.add(row)
            self._step()
        elif self.form == Form.AGREE and key in AGREE_KEYS:
            self.draft.marks[self.table.currentRow()] = AGREE_KEYS[key]
            self._step()
        elif event.text().isdigit():
            row = self.draft.type_digit(event.text())
            if row is not None:
                self.table.selectRow(row)
        else:
            return False
        self._show_draft()
        return True

    def _step(self) -> None:
        """After a decision on one name, the next name."""
        self.table.selectRow(min(self.table.currentRow() + 1, len(self.ids) - 1))

    def _move(self, step: int) -> None:
        """PgDn / PgUp: another page; a decision typed on this one and not recorded is asked about first."""
        if self.has_unsaved_changes() and not ask_discard(self):
            return
        if self.queue:
            self.index = (self.index + step) % len(self.queue)
            self._show()

    def _reviewer(self) -> str | None:
        name = self.reviewer_edit.text().strip()
        if not name:
            dialogs.show_warning(self, "Hãy ghi tên người quyết định phiếu quét.")
            self.reviewer_edit.setFocus()
            return None
        return name

    def confirm(self) -> None:
        page, draft, name = self.current, self.draft, self._reviewer()
        if page is None or draft is None or name is None:
            return
        ballot = draft.ballot(page.page)
        if operations.run(self, lambda: decide_page(self.round_id, self.pass_no, page.page, ballot, name)):
            self.decided += 1
            self.reload()

    def dismiss(self) -> None:
        page, name = self.current, self._reviewer()
        if page is None or name is None:
            return
        text = (
            f"Trang {page.page} không phải phiếu bầu của lần bầu này (phiếu lần khác, giấy trắng)? Trang được giữ lại."
        )
        refuse = lambda: dismiss_page(self.round_id, self.pass_no, page.page, name)  # noqa: E731
        if dialogs.confirm(self, text, yes="Không phải phiếu") and operations.run(self, refuse):
            self.reload()
