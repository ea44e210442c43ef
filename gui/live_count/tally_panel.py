"""Beside the entry: ballots entered of collected, valid and invalid by reason, votes per candidate against the
threshold, and who would be elected if counting stopped now. Updated in place after every ballot (no rebuild).
A branch meeting's question (models.meetings.question_title) shows its own test on D and whether it carries
(«thông qua / không thông qua») instead of the election's "trúng cử"."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.core.tables import read_only_table
from models.counting import INVALID_REASON_LABELS, CountResult, NextAction, percent_label
from models.counting.decision import NEXT_ACTION_LABELS
from models.meetings.question_title import count_outcome

HEADERS = ("Họ và tên", "Số phiếu", "Tỷ lệ so với D", "Nếu dừng lúc này")


class TallyPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.figures_label = QLabel()
        self.figures_label.setWordWrap(True)
        layout.addWidget(self.figures_label)
        self.table = read_only_table(HEADERS, stretch=0, rows_selectable=False, focus=False)
        layout.addWidget(self.table, 1)
        self.elected_label = QLabel()
        self.elected_label.setWordWrap(True)
        layout.addWidget(self.elected_label)

    def show_result(
        self,
        result: CountResult | None,
        collected: int | None,
        final: bool = False,
        holds: bool = True,
        title: str = "",
    ) -> None:
        """`final`: the count is closed; the line below says who was elected and the next step. `holds` false: the
        round's log does not hold, so the line says the result is not to be used instead. `title`: the election's,
        which names a branch meeting's question (then its own test and verdict are shown)."""
        if result is None:
            self.figures_label.setText("")
            self.table.setRowCount(0)
            self.elected_label.setText("")
            return
        outcome = count_outcome(title, result)
        of = f" / {collected} phiếu thu vào" if collected is not None else ""
        reasons = "; ".join(f"{INVALID_REASON_LABELS[r].lower()}: {n}" for r, n in result.invalid_reasons.items() if n)
        lines = [
            f"<b>Đã nhập {result.collected}{of}</b> (phát ra {result.ballots_issued})",
            f"Hợp lệ {result.valid} · không hợp lệ {result.invalid}" + (f" ({reasons})" if reasons else ""),
            f"D = {result.D} · trúng cử khi được từ <b>{result.threshold}</b> phiếu trở lên"
            if outcome is None
            else f"{outcome.question.kind.label}: {outcome.test}",
        ]
        if result.problems:
            lines += [f"<span style='color:#a4262c'>• {p.message}</span>" for p in result.problems]
        self.figures_label.setText("<br>".join(lines))
        rows = result.candidates
        # a closed count's result is no "if stopped now"; one whose log does not hold is only the log's recount
        verdict = HEADERS[-1] if not final else ("Kết quả" if holds else "Kiểm lại từ nhật ký")
        if self.table.horizontalHeaderItem(len(HEADERS) - 1).text() != verdict:
            self.table.setHorizontalHeaderItem(len(HEADERS) - 1, QTableWidgetItem(verdict))
        if self.table.rowCount() != len(rows):
            self.table.setRowCount(len(rows))
            for row in range(len(rows)):
                for column in range(len(HEADERS)):
                    self.table.setItem(row, column, QTableWidgetItem(""))
        for row, line in enumerate(rows):
            state = "Trúng cử" if line.elected else ("Quá nửa" if line.passed else "")
            if outcome is not None:
                state = outcome.verdict.capitalize()
            for column, text in enumerate((line.name, str(line.votes), percent_label(line.percent), state)):
                item = self.table.item(row, column)
                if item.text() != text:
                    item.setText(text)
        names = {line.id: line.name for line in rows}
        elected = ", ".join(names[key] for key in result.elected) or "chưa có ai"
        extra = f"; còn {result.open_seats} chỗ" if result.open_seats else ""
        tied = f"; bằng phiếu ở chỗ cuối: {', '.join(names[k] for k in result.tied)}" if result.tied else ""
        said = ""
        if outcome is not None:
            said = f"{outcome.agree}/{outcome.d} phiếu đồng ý: {outcome.verdict}"
            said = f"<b>Kết quả: {said}</b>." if final else f"Nếu dừng lúc này: {said.lower()}."
        if not holds:
            self.elected_label.setText(
                "<b style='color:#a4262c'>KHÔNG DÙNG KẾT QUẢ NÀY: nhật ký nhập phiếu không "
                "khớp (xem dòng đỏ phía trên).</b>"
            )
        elif outcome is not None:
            self.elected_label.setText(said)
        elif final:
            step = NEXT_ACTION_LABELS[result.next_action] if result.next_action != NextAction.NONE else ""
            after = f" {step}." if step else ""
            self.elected_label.setText(f"<b>Kết quả: trúng cử {elected}</b>{extra}{tied}.{after}")
        else:
            self.elected_label.setText(f"Nếu dừng lúc này, trúng cử: {elected}{extra}{tied}.")
