"""The paper ballot being typed: numbered candidates, what each key did, and the ballot's validity as it is typed.

Keys (models.live_count.keyboard): a candidate's number strikes or unstrikes the name (strike form) or cycles its row
(agree form); "+" marks every row agree; F5-F8 declare a counting-committee reason; Backspace takes back a digit;
Esc clears the ballot; Enter saves it (`ballot_ready`). The mouse works too: a click on a row acts like its number.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.counting import INVALID_REASON_LABELS, Ballot, Form, InvalidReason, Mark, Verdict
from models.live_count.keyboard import BallotDraft

REASON_KEYS = {
    Qt.Key.Key_F5: InvalidReason.NOT_ISSUED,
    Qt.Key.Key_F6: InvalidReason.ADDED_NAME,
    Qt.Key.Key_F7: InvalidReason.MARKED,
    Qt.Key.Key_F8: InvalidReason.OTHER,
}
MARK_TEXT = {Mark.NONE: "", Mark.AGREE: "Đồng ý", Mark.DISAGREE: "Không đồng ý", Mark.BOTH: "Cả hai ô"}
STRUCK = QColor("#a4262c")
VALID, INVALID, WARNING, NEUTRAL = "#107c10", "#a4262c", "#8a5300", "#605e5c"  # the verdict's colours
NOT_COUNTING = "Lần bầu này không ở trạng thái kiểm phiếu: không nhập phiếu."


class BallotEntryView(QWidget):
    """Emits `ballot_ready(ballot)` on Enter. `judge(ballot)` gives the live verdict (the count session's)."""

    ballot_ready = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.draft: BallotDraft | None = None
        self.number = 1
        self.correcting = False
        self.closed_text = NOT_COUNTING  # what the view says while it takes no ballot (the tab says why)
        self._judge: Callable[[Ballot], Verdict] | None = None
        layout = QVBoxLayout(self)
        self.number_label = QLabel()
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        self.number_label.setFont(big)
        layout.addWidget(self.number_label)
        self.keys_label = QLabel()
        self.keys_label.setWordWrap(True)
        layout.addWidget(self.keys_label)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(("Số", "Họ và tên", "Trên phiếu"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.cellClicked.connect(self._on_table_cell_clicked)
        layout.addWidget(self.table, 1)
        self.verdict_label = QLabel()
        verdict_font = QFont(self.font())
        verdict_font.setPointSizeF(verdict_font.pointSizeF() * 1.3)
        self.verdict_label.setFont(verdict_font)
        self.verdict_label.setWordWrap(True)
        layout.addWidget(self.verdict_label)

    # set-up ---------------------------------------------------------------------------------------------------
    def set_round(
        self, ids: tuple[str, ...], names: tuple[str, ...], form: Form, judge: Callable[[Ballot], Verdict]
    ) -> None:
        self._judge = judge
        self.draft = BallotDraft(ids, form)
        width = self.draft.width
        self.table.setRowCount(len(ids))
        for row, name in enumerate(names):
            self.table.setItem(row, 0, QTableWidgetItem(f"{row + 1:0{width}d}"))
            self.table.setItem(row, 1, QTableWidgetItem(name))
            self.table.setItem(row, 2, QTableWidgetItem(""))
        if form == Form.STRIKE:
            how = (
                f"Gõ số thứ tự ({width} chữ số) để gạch / bỏ gạch tên"
                if width > 1
                else "Gõ số thứ tự (1 chữ số) để gạch / bỏ gạch tên"
            )
        else:
            how = (
                f"Gõ số thứ tự ({width} chữ số) để đổi ô: đồng ý → không đồng ý → cả hai → bỏ trống; «+»: đồng ý tất cả"
            )
        self.keys_label.setText(
            f"{how}. Enter: lưu phiếu · Esc: xóa phiếu đang gõ · F5 không phải phiếu do Ban "
            "kiểm phiếu phát (không dấu) · F6 ghi thêm tên · F7 có ký tên, đánh dấu riêng · "
            "F8 lý do khác"
        )
        self._repaint()

    def start_ballot(self, number: int, ballot: Ballot | None = None) -> None:
        """A new ballot numbered `number`, or a saved one loaded for correction."""
        self.number = number
        self.correcting = ballot is not None
        if self.draft is not None:
            self.draft = (
                BallotDraft.from_ballot(ballot, self.draft.ids, self.draft.form)
                if ballot
                else BallotDraft(self.draft.ids, self.draft.form)
            )
        self._repaint()

    # keys -------------------------------------------------------------------------------------------------------
    def _on_key(self, event: QKeyEvent) -> None:
        draft, key, text = self.draft, event.key(), event.text()
        if draft is None or not self.isEnabled():
            super().keyPressEvent(event)
            return
        if text.isdigit() and len(text) == 1:
            row = draft.type_digit(text)
            self._repaint(row)
        elif text == "+":
            draft.all_agree()
            self._repaint()
        elif key in REASON_KEYS:
            draft.declare(REASON_KEYS[key])
            self._repaint()
        elif key == Qt.Key.Key_Backspace:
            draft.backspace()
            self._repaint()
        elif key == Qt.Key.Key_Escape:
            draft.clear()
            self._repaint()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if draft.pending:
                draft.message = f"Số «{draft.pending}» chưa đủ {draft.width} chữ số."
                self._repaint()
            else:
                self.ballot_ready.emit(draft.ballot(self.number))
        else:
            super().keyPressEvent(event)

    def _on_table_cell_clicked(self, row: int, _column: int) -> None:
        if self.draft is None or not self.isEnabled():
            return
        self.draft.pending = ""
        for digit in f"{row + 1:0{self.draft.width}d}":
            self.draft.type_digit(digit)
        self._repaint(row)
        self.setFocus()

    # showing ----------------------------------------------------------------------------------------------------
    def _repaint(self, only_row: int | None = None) -> None:
        draft = self.draft
        if draft is None:
            self.number_label.setText("Chưa chọn lần bầu đang kiểm phiếu")
            self.verdict_label.setText("")
            return
        what = "Sửa phiếu số" if self.correcting else "Phiếu số"
        pending = f"   · đang gõ: {draft.pending}" if draft.pending else ""
        self.number_label.setText(f"{what} {self.number}{pending}")
        rows = range(len(draft.ids)) if only_row is None else (only_row,)
        for row in rows:
            self._paint_row(row)
        self._show_verdict()

    def _paint_row(self, row: int) -> None:
        draft = self.draft
        name = self.table.item(row, 1)
        state = self.table.item(row, 2)
        font = name.font()
        if draft.form == Form.STRIKE:
            struck = row in draft.struck
            font.setStrikeOut(struck)
            state.setText("Gạch" if struck else "")
            colour = STRUCK if struck else self.palette().text().color()
        else:
            mark = draft.marks[row]
            state.setText(MARK_TEXT[mark])
            colour = STRUCK if mark in (Mark.DISAGREE, Mark.BOTH) else self.palette().text().color()
        name.setFont(font)
        name.setForeground(colour)
        state.setForeground(colour)

    def _show_verdict(self) -> None:
        """The verdict on the ballot as typed; a key that did nothing says so above it, without hiding it. A new
        ballot nothing was typed on, and a round not being counted, show no verdict."""
        draft = self.draft
        if not self.isEnabled():
            self._verdict(self.closed_text, NEUTRAL)
            return
        if draft.untouched and not self.correcting:
            self._verdict(f"Phiếu số {self.number}: chưa gõ gì.", NEUTRAL)
            return
        verdict = self._judge(draft.ballot(self.number)) if self._judge else None
        if verdict is None:
            text, colour = "", NEUTRAL
        elif verdict.valid:
            text, colour = f"Phiếu hợp lệ: bầu {len(verdict.agree)} người.", VALID
        else:
            text, colour = f"Phiếu không hợp lệ: {INVALID_REASON_LABELS[verdict.reason].lower()}.", INVALID
        self._verdict(text, colour, draft.message)

    def _verdict(self, text: str, colour: str, warning: str = "") -> None:
        html = (
            f"<span style='color:{colour}; font-weight:{'bold' if colour == INVALID else 'normal'}'>"
            f"{escape(text)}</span>"
        )
        if warning:
            html = f"<span style='color:{WARNING}'>{escape(warning)}</span><br>{html}"
        self.verdict_label.setText(html)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange and self.draft is not None:
            self._show_verdict()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not self.isVisible():  # keys never reach a count from a page the counter does not see
            event.ignore()
            return
        self._on_key(event)
