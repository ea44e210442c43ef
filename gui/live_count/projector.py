"""The projector window (màn hình trình chiếu): the count's progress while counting, the result once released.

While the counting committee counts, the hall sees only how many ballots have been entered; never a ballot or a
candidate. The head of the committee then releases the result: the candidates by votes (highest first; equal
votes keep the list order) as a bar chart with the threshold ⌊D/2⌋+1 and the elected in red, and a table of all.
A branch meeting's question (models.meetings.question_title) shows its own test on D instead, and «thông qua /
không thông qua» rather than "trúng cử". A blocked count or a record whose digest does not match shows no figures
at all.

Dark text on white, type scaled to the window height. A long list (a grassroots congress electing 100+ delegates)
stays legible because the chart draws only the first CHART_MAX_BARS candidates by votes, saying so in its title,
while the table beside it carries everyone (it scrolls); the chart never shrinks its bars below reading size.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QPainter,
    QResizeEvent,
    QScreen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.live_count.projector_chart import ELECTED, INK, Bar, build_chart, threshold_label
from models.counting import CandidateResult, CountResult, NextAction, percent_label
from models.counting.decision import NEXT_ACTION_LABELS
from models.live_count.wall import WallView
from models.meetings.question_title import QuestionOutcome, count_outcome, round_heading

CHART_MAX_BARS = 15
HEADERS = ("Hạng", "Họ và tên", "Số phiếu", "Tỷ lệ/D", "Kết quả")
ELECTED_TEXT = "Trúng cử"
CARRIED_TEXTS = ("Thông qua", "Không thông qua")  # a branch meeting's question (models.meetings.question_title)
BLOCKED_TEXT = "Kết quả chưa được công bố: Ban kiểm phiếu đang kiểm tra lại"
BAD_DIGEST_TEXT = "HỒ SƠ KHÔNG KHỚP MÃ KIỂM TRA"
BAD_DIGEST_DETAIL = "Kết quả không được công bố; Ban kiểm phiếu đối chiếu lại hồ sơ."
ELECTED_ROW = QColor("#FBE3E3")
BANNER = "#C62828"
IDLE_TEXT = "Chưa có lần bầu nào được phát phiếu"

# Type sizes as fractions of the window height (0.03 × 768 px ≈ 23 px; × 1080 px ≈ 32 px).
SIZES = {
    "congress": 0.034,
    "election": 0.046,
    "status": 0.045,
    "progress": 0.09,
    "bar": 0.11,
    "figures": 0.03,
    "table": 0.029,
    "chart": 0.022,
    "banner": 0.075,
    "notice": 0.05,
}


def ranked(result: CountResult) -> list[CandidateResult]:
    """The candidates by votes, highest first; equal votes keep the list (ballot) order."""
    return sorted(result.candidates, key=lambda c: -c.votes)  # sorted() is stable


def projector_screen(screens: Sequence[QScreen], primary: QScreen | None) -> QScreen | None:
    """The screen for the projector: the first one that is not the primary, else the primary."""
    others = [s for s in screens if s is not primary]
    return others[0] if others else primary


def _label(align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter) -> QLabel:
    label = QLabel()
    label.setAlignment(align)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _font(pixels: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(pixels, 10))
    font.setBold(bold)
    return font


class ProjectorWindow(QWidget):
    """A top-level window for the hall; `present()` opens it full screen on the second screen if there is one."""

    def __init__(
        self, congress_title: str, election_title: str, round_no: int = 1, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Màn hình trình chiếu kết quả kiểm phiếu")
        self.setObjectName("projector")
        self.setStyleSheet(
            f"#projector, QStackedWidget > QWidget {{ background: white; }} QLabel {{ color: {INK.name()}; }}"
        )
        self.result: CountResult | None = None
        self.outcome: QuestionOutcome | None = None  # a branch meeting's question: its own test on D
        self.election_title = election_title
        self.names: dict[str, str] = {}
        self.entered = self.collected = 0
        layout = QVBoxLayout(self)
        self.congress_label = _label()
        self.election_label = _label()
        layout.addWidget(self.congress_label)
        layout.addWidget(self.election_label)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setStyleSheet(f"color: {BANNER}; background: {BANNER};")
        rule.setFixedHeight(3)
        layout.addWidget(rule)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.stack.addWidget(self._progress_page())
        self.stack.addWidget(self._result_page())
        self.stack.addWidget(self._notice_page())
        self.set_titles(congress_title, election_title, round_no)
        self.show_progress(0, 0)
        self._apply_scale()

    # --- pages ------------------------------------------------------------------------------------------------
    def _progress_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        self.status_label = _label()
        self.status_label.setText("Ban kiểm phiếu đang kiểm phiếu")
        self.progress_label = _label()
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(True)
        self.progress_bar.setFormat("%p%")
        self.progress_bar.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress_bar.setStyleSheet(
            f"QProgressBar {{ border: 3px solid {INK.name()}; background: white; color: {INK.name()}; }}"
            "QProgressBar::chunk { background: #42A5F5; }"  # the black percent stays readable on it
        )
        layout.addWidget(self.status_label)
        layout.addSpacing(20)
        layout.addWidget(self.progress_label)
        layout.addSpacing(20)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.progress_bar, 10)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(3)
        return page

    def _result_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.figures_label = _label()
        layout.addWidget(self.figures_label)
        row = QHBoxLayout()
        self.chart_view = QChartView()
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_view.setBackgroundBrush(QBrush(QColor("white")))
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        row.addWidget(self.chart_view, 9)
        row.addWidget(self.table, 11)
        layout.addLayout(row, 1)
        return page

    def _notice_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.banner_label = _label()
        self.banner_label.setStyleSheet(f"QLabel {{ background: {BANNER}; color: white; padding: 24px; }}")
        self.notice_label = _label()
        layout.addWidget(self.banner_label)
        layout.addSpacing(30)
        layout.addWidget(self.notice_label)
        layout.addStretch(2)
        return page

    # --- what the hall sees -------------------------------------------------------------------------------------
    def set_titles(self, congress_title: str, election_title: str, round_no: int) -> None:
        self.election_title = election_title  # a branch meeting's question is read from it
        self.congress_label.setText(congress_title)
        self.election_label.setText(round_heading(election_title, round_no))

    def show_wall(self, view: WallView | None) -> None:
        """What the data says the room sees (models.live_count.wall): the latest round under its own title, its
        progress until released, then its result; nothing at all when the open data file has no started round."""
        if view is None:
            self.congress_label.clear()
            self.election_label.clear()
            self._clear_result()
            self.banner_label.setVisible(False)
            self.notice_label.setText(IDLE_TEXT)
            self.stack.setCurrentIndex(2)
            return
        self.set_titles(view.congress_title, view.election_title, view.round_no)
        if view.result is not None:
            self.show_result(view.result)
        else:
            self.show_progress(view.entered, view.collected)

    def show_progress(self, entered: int, collected: int) -> None:
        """While counting: only how many of the collected ballots have been entered."""
        self._clear_result()
        self.entered, self.collected = entered, collected
        self.progress_label.setText(f"Đã kiểm {entered} / {collected} phiếu")
        self.progress_bar.setRange(0, max(collected, 1))
        self.progress_bar.setValue(min(max(entered, 0), max(collected, 1)) if collected else 0)
        self.stack.setCurrentIndex(0)

    def clear_to_progress(self) -> None:
        """Back to the progress view (e.g. the committee counts again), with the last counts."""
        self.show_progress(self.entered, self.collected)

    def show_result(self, result: CountResult, names: dict[str, str] | None = None) -> None:
        """The released result; `names` (candidate id -> name) overrides the names in the result."""
        self._clear_result()
        if result.digest_ok is False or result.blocked:
            self._show_notice(result)
            return
        self.result, self.names = result, dict(names or {})
        self.outcome = count_outcome(self.election_title, result)
        self._scale_table(self._px("table"))  # the result column fits "Không thông qua" for a question
        self.figures_label.setText(self._figures(result))
        rows = ranked(result)
        self.table.setRowCount(len(rows))
        bold = self.table.font()
        bold.setBold(True)
        for index, line in enumerate(rows):
            marked = self._marked(line)
            verdict = CARRIED_TEXTS[not marked] if self.outcome else (ELECTED_TEXT if marked else "")
            cells = (str(line.rank), self._name(line), str(line.votes), percent_label(line.percent), verdict)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column != 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if marked:
                    item.setBackground(QBrush(ELECTED_ROW))
                    item.setFont(bold)
                    if column == 4:
                        item.setForeground(QBrush(ELECTED))
                self.table.setItem(index, column, item)
        self._build_chart()
        self.stack.setCurrentIndex(1)

    def _show_notice(self, result: CountResult) -> None:
        bad_digest = result.digest_ok is False
        self.banner_label.setVisible(bad_digest)
        self.banner_label.setText(BAD_DIGEST_TEXT if bad_digest else "")
        self.notice_label.setText(BAD_DIGEST_DETAIL if bad_digest else BLOCKED_TEXT)
        self.stack.setCurrentIndex(2)

    def _clear_result(self) -> None:
        """Nothing of a result stays behind another view."""
        self.result, self.outcome, self.names = None, None, {}
        self.figures_label.clear()
        self.table.setRowCount(0)
        old = self.chart_view.chart()
        self.chart_view.setChart(QChart())
        old.deleteLater()

    def _marked(self, line: CandidateResult) -> bool:
        """Shown in colour: elected, or for a question, carried on its own test."""
        return self.outcome.carried if self.outcome else line.elected

    def _name(self, line: CandidateResult) -> str:
        return self.names.get(line.id, line.name)

    def _figures(self, r: CountResult) -> str:
        outcome = self.outcome
        threshold = threshold_label(outcome.needed, True) if outcome else threshold_label(r.threshold)
        lines = [
            f"Số đảng viên làm căn cứ tính tỷ lệ (D): {r.D}  ·  {threshold}",
            f"Phiếu phát ra: {r.ballots_issued}  ·  Thu vào: {r.collected}  ·  Hợp lệ: {r.valid}  ·  "
            f"Không hợp lệ: {r.invalid}",
        ]
        if outcome:
            lines.append(f"Kết quả: {outcome.agree}/{outcome.d} phiếu đồng ý: {outcome.verdict}")
        elif r.next_action != NextAction.NONE:
            lines.append(
                f"Trúng cử {len(r.elected)} người; còn {r.open_seats} chỗ: {NEXT_ACTION_LABELS[r.next_action]}"
            )
        return "\n".join(lines)

    def _build_chart(self) -> None:
        r = self.result
        if r is None:
            return
        rows = ranked(r)
        shown = rows[:CHART_MAX_BARS]
        title = ""
        if len(shown) < len(rows):
            title = f"Biểu đồ: {len(shown)} người nhiều phiếu nhất (bảng bên phải có đủ {len(rows)} người)"
        bars = [Bar(self._name(c), c.votes, self._marked(c)) for c in shown]
        threshold = self.outcome.needed if self.outcome else r.threshold
        scale_max = max([r.D, *(c.votes for c in rows)])
        old = self.chart_view.chart()
        # the names' type follows the bars' spacing (about 60 % of the height for all bars), within reading size
        font_px = max(self._px("chart"), min(self._px("table"), round(self.height() * 0.6 / len(bars) * 0.55)))
        chart = build_chart(
            bars, threshold, scale_max, font_px, title, legend_px=self._px("chart"), question=self.outcome is not None
        )
        self.chart_view.setChart(chart)
        old.deleteLater()

    # --- size, screen and keys --------------------------------------------------------------------------------
    def _px(self, key: str) -> int:
        return max(10, round(self.height() * SIZES[key]))

    def _apply_scale(self) -> None:
        px = self._px
        self.congress_label.setFont(_font(px("congress")))
        self.election_label.setFont(_font(px("election"), bold=True))
        self.status_label.setFont(_font(px("status")))
        self.progress_label.setFont(_font(px("progress"), bold=True))
        self.progress_bar.setFont(_font(px("figures"), bold=True))
        self.progress_bar.setFixedHeight(px("bar"))
        self.figures_label.setFont(_font(px("figures")))
        self._scale_table(px("table"))
        self.banner_label.setFont(_font(px("banner"), bold=True))
        self.notice_label.setFont(_font(px("notice"), bold=True))
        if self.result is not None:
            self.show_result(self.result, self.names)  # the table's bold rows and the chart take the new sizes

    def _scale_table(self, pixels: int) -> None:
        """The table's type, row height and column widths: every column but the name fits its widest text."""
        self.table.setStyleSheet(
            f"QTableWidget {{ color: {INK.name()}; background: white; gridline-color: #BDBDBD; }}"
            f"QHeaderView::section {{ color: white; background: #263238; padding: 4px; border: none;"
            f" font-size: {pixels}px; font-weight: bold; }}"
        )
        self.table.setFont(_font(pixels))
        self.table.verticalHeader().setDefaultSectionSize(round(pixels * 1.55))
        metrics = QFontMetrics(_font(pixels, bold=True))
        pad = round(pixels * 0.7)
        widest = ("Hạng", "", "Số phiếu", "100,00%", CARRIED_TEXTS[1] if self.outcome else ELECTED_TEXT)
        for column, text in enumerate(widest):
            if column != 1:
                width = max(metrics.horizontalAdvance(text), metrics.horizontalAdvance(HEADERS[column]))
                self.table.setColumnWidth(column, width + pad)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.oldSize().height() != event.size().height():
            self._apply_scale()

    def present(self) -> None:
        """Full screen on the second screen if there is one, else a large normal window on the primary."""
        primary = QGuiApplication.primaryScreen()
        screen = projector_screen(QGuiApplication.screens(), primary)
        if screen is None:
            self.show()
            return
        if screen is not primary:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
            self.showFullScreen()
            return
        free = screen.availableGeometry()
        self.resize(round(free.width() * 0.9), round(free.height() * 0.9))
        self.move(free.center() - self.rect().center())
        self.show()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        elif event.key() == Qt.Key.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        else:
            super().keyPressEvent(event)
