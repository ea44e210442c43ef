"""The "Thống kê" view: figures and charts of the members the roster filter shows, at a chosen date.

This module imports QtCharts, so the members tab imports it only when the view is first shown (start-up speed).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.core import operations
from gui.core.date_field import DateField
from models.core import clock
from models.core.dates import fmt
from models.core.errors import DomainError
from models.roster.age_bands import DEFAULT_AGE_BOUNDS, format_age_bounds, parse_age_bounds
from models.roster.levels import percent_text
from models.roster.records import MemberRecord
from models.roster.statistics import StatSection, branch_statistics

_SHOWN_SECTIONS = ("overview", "kind", "gender", "age", "education", "qualification", "theory", "movements")
_PALETTE = ("#c62828", "#f9a825", "#1565c0", "#2e7d32", "#6a1b9a", "#00838f", "#8d6e63", "#9e9e9e")
_DEBOUNCE_MS = 400


class StatisticsView(QWidget):
    """Shows `branch_statistics` of the members it is given; emits `options_changed` when the date or bands change."""

    options_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._members: list[MemberRecord] = []
        self._bounds: tuple[int, ...] = DEFAULT_AGE_BOUNDS
        self.sections: dict[str, StatSection] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._build()

    # building ------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        controls = QHBoxLayout()
        self.date_field = DateField()
        self.date_field.setDate(clock.today())
        self.date_field.text_changed.connect(self._on_date_field_text_changed)
        date_label = QLabel("Tính đến ngà&y:")
        date_label.setBuddy(self.date_field)
        self.bounds_edit = QLineEdit(format_age_bounds())
        self.bounds_edit.setToolTip(
            "Tuổi lớn nhất của mỗi nhóm, trừ nhóm cuối. Ví dụ «30, 40, 50, 60» cho các nhóm: "
            "đến 30, 31–40, 41–50, 51–60, từ 61 tuổi."
        )
        self.bounds_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("30, 40, 50, 60, 70") + 24)
        self.bounds_edit.editingFinished.connect(self._on_bounds_edit_editing_finished)
        bounds_label = QLabel("Mốc độ t&uổi:")
        bounds_label.setBuddy(self.bounds_edit)
        self.scope_label = QLabel()
        self.scope_label.setWordWrap(True)
        for widget in (date_label, self.date_field, bounds_label, self.bounds_edit):
            controls.addWidget(widget)
        controls.addSpacing(12)
        controls.addWidget(self.scope_label, 1)
        layout.addLayout(controls)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.figures = QTreeWidget()
        self.figures.setColumnCount(3)
        self.figures.setHeaderLabels(["Nội dung", "Số lượng", "Tỷ lệ (%)"])
        self.figures.setRootIsDecorated(False)
        self.figures.setUniformRowHeights(True)
        self.figures.setAlternatingRowColors(True)
        header = self.figures.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        splitter.addWidget(self.figures)

        charts = QWidget()
        grid = QGridLayout(charts)
        grid.setContentsMargins(0, 0, 0, 0)
        self.chart_views: dict[str, QChartView] = {}
        for index, key in enumerate(("gender", "kind", "age", "education")):
            view = QChartView()
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumSize(260, 200)
            self.chart_views[key] = view
            grid.addWidget(view, index // 2, index % 2)
        splitter.addWidget(charts)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 620])
        layout.addWidget(splitter, 1)

    # inputs --------------------------------------------------------------------------------
    @property
    def on(self) -> date:
        return self.date_field.date() or clock.today()

    @property
    def age_bounds(self) -> tuple[int, ...]:
        return self._bounds

    def set_members(self, members: Sequence[MemberRecord], scope: str = "") -> None:
        """The members to count (those the roster shows) and a sentence saying which they are."""
        self._members = list(members)
        self.scope_label.setText(scope)
        self.recompute()

    def _on_date_field_text_changed(self, _text: str) -> None:
        if self.date_field.date() is not None:
            self._timer.start()

    def _on_bounds_edit_editing_finished(self) -> None:
        text = self.bounds_edit.text()
        operations.run(self, lambda: parse_age_bounds(text), self._take_bounds, on_failure=self._mark_bounds)

    def _mark_bounds(self, exc: DomainError) -> None:
        """Age bounds that cannot be read are marked on the field itself (no message box while typing)."""
        self.bounds_edit.setToolTip(exc.message)
        self.bounds_edit.setStyleSheet("QLineEdit { background: #ffe0e0; }")

    def _take_bounds(self, bounds) -> None:
        self.bounds_edit.setStyleSheet("")
        self.bounds_edit.setText(format_age_bounds(bounds))
        if bounds != self._bounds:
            self._bounds = bounds
            self.recompute()
            self.options_changed.emit()

    def _on_timer_timeout(self) -> None:
        self.recompute()
        self.options_changed.emit()

    # output --------------------------------------------------------------------------------
    def recompute(self) -> None:
        self._timer.stop()
        on = self.on
        period = (date(on.year, 1, 1), on)
        computed = branch_statistics(self._members, (), on, period, on.year, self._bounds)
        self.sections = {s.key: s for s in computed if s.key in _SHOWN_SECTIONS}
        self._fill_figures()
        self._fill_charts()

    def _fill_figures(self) -> None:
        self.figures.clear()
        bold = QFont(self.figures.font())
        bold.setBold(True)
        for key in _SHOWN_SECTIONS:
            section = self.sections[key]
            title = QTreeWidgetItem([section.title, "", ""])
            title.setFirstColumnSpanned(True)
            title.setFont(0, bold)
            self.figures.addTopLevelItem(title)
            for row in section.rows:
                item = QTreeWidgetItem(["    " + row.label, str(row.count), percent_text(row.percent)])
                item.setData(0, Qt.ItemDataRole.UserRole, f"{key}.{row.key}")
                for column in (1, 2):
                    item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.figures.addTopLevelItem(item)

    def figure(self, section: str, key: str) -> int:
        """The count shown for a row (tests, and the report mapping)."""
        return self.sections[section].count(key)

    def _fill_charts(self) -> None:
        total = self.sections["overview"].count("total")
        on = fmt(self.on)
        self._pie("gender", "Giới tính", self.sections["gender"])
        self._pie("kind", "Chính thức, dự bị", self.sections["kind"])
        self._bars("age", f"Độ tuổi (đến {on})", self.sections["age"], total)
        self._bars("education", "Giáo dục phổ thông", self.sections["education"], total, skip_empty=True)

    def _chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        font = QFont(self.font())
        font.setBold(True)
        chart.setTitleFont(font)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        chart.legend().setFont(self.font())
        return chart

    def _pie(self, key: str, title: str, section: StatSection) -> None:
        chart = self._chart(title)
        series = QPieSeries()
        for index, row in enumerate(r for r in section.rows if r.count):
            piece = series.append(f"{row.label}: {row.count} ({percent_text(row.percent)}%)", row.count)
            piece.setColor(QColor(_PALETTE[index % len(_PALETTE)]))
        chart.addSeries(series)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        if not series.count():
            chart.setTitle(f"{title}: không có đảng viên")
        self._set_chart(key, chart)

    def _bars(self, key: str, title: str, section: StatSection, total: int, skip_empty: bool = False) -> None:
        """Horizontal bars, first row on top; `skip_empty` leaves out "Khác" and "Chưa có" when nobody is in them."""
        chart = self._chart(title)
        rows = [r for r in section.rows if r.count or not (skip_empty and r.key in ("other", "unknown"))]
        bars = QBarSet("Số đảng viên")
        bars.setColor(QColor(_PALETTE[2]))
        bars.setLabelColor(QColor("black"))
        for row in reversed(rows):  # horizontal bars are drawn bottom-up
            bars.append(row.count)
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([r.label for r in reversed(rows)])
        categories.setLabelsFont(self.font())
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        values = QValueAxis()
        values.setRange(0, max([total, 1, *(r.count for r in rows)]) * 1.15)
        values.setLabelFormat("%d")
        values.setTickCount(2)
        values.setVisible(False)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)
        chart.legend().setVisible(False)
        self._set_chart(key, chart)

    def _set_chart(self, key: str, chart: QChart) -> None:
        view = self.chart_views[key]
        old = view.chart()
        view.setChart(chart)
        if old is not None:
            old.deleteLater()

    def chart_labels(self, key: str) -> list[str]:
        """What a chart shows: slice labels of a pie, "label=count" of a bar chart top to bottom (tests)."""
        chart = self.chart_views[key].chart()
        series = chart.series()[0]
        if isinstance(series, QPieSeries):
            return [piece.label() for piece in series.slices()]
        axis = chart.axes(Qt.Orientation.Vertical)[0]
        bars = series.barSets()[0]
        shown = [f"{label}={int(bars.at(i))}" for i, label in enumerate(axis.categories())]
        return shown[::-1]  # top to bottom, as read
