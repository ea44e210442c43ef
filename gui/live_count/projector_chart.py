"""The projector's bar chart: each candidate's votes as a horizontal bar, the elected in colour, the threshold line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen

# High contrast on white, readable from the back of a hall and on a washed-out projector.
INK = QColor("#111111")
ELECTED = QColor("#B71C1C")  # Party red: the elected
NOT_ELECTED = QColor("#8C8C8C")  # mid grey: everyone else
THRESHOLD = QColor("#0D47A1")  # deep blue dashed line: the threshold
GRID = QColor("#D0D0D0")

ELECTED_SET = "Trúng cử"
NOT_ELECTED_SET = "Không trúng cử"


@dataclass(frozen=True)
class Bar:
    """One candidate as the chart draws them, already in order of votes (highest first)."""

    label: str
    votes: int
    elected: bool


def threshold_label(threshold: int, question: bool = False) -> str:
    """`question`: a branch meeting's question, which carries (thông qua) rather than elects."""
    return f"Ngưỡng thông qua: {threshold} phiếu đồng ý" if question else f"Ngưỡng trúng cử: {threshold} phiếu"


def unique_labels(names: Sequence[str]) -> list[str]:
    """A category axis needs distinct labels: a repeated name gets invisible no-break spaces appended."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        count = seen.get(name, 0)
        seen[name] = count + 1
        out.append(name + "\u00a0" * count)
    return out


def _font(pixels: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(pixels, 8))
    font.setBold(bold)
    return font


def build_chart(
    bars: Sequence[Bar],
    threshold: int,
    scale_max: int,
    font_px: int,
    title: str = "",
    legend_px: int | None = None,
    question: bool = False,
) -> QChart:
    """A horizontal stacked bar chart with two sets (elected, not elected: each candidate has a value in one of
    them, 0 in the other, so one bar per candidate in its colour) and a vertical threshold line.

    The first bar is drawn at the top: a horizontal bar chart lays categories from the bottom, so they go in
    reversed. The value axis runs from 0 to `scale_max` (D, or more votes if a blocked count ever had them).
    """
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundBrush(QBrush(QColor("white")))
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    if title:
        chart.setTitle(title)
        chart.setTitleFont(_font(legend_px or font_px))
        chart.setTitleBrush(QBrush(INK))
    shown = list(reversed(bars))
    elected = QBarSet("Thông qua" if question else ELECTED_SET)
    others = QBarSet("Không thông qua" if question else NOT_ELECTED_SET)
    for bar_set, colour in ((elected, ELECTED), (others, NOT_ELECTED)):
        bar_set.setColor(colour)
        bar_set.setBorderColor(colour)
        bar_set.setLabelColor(QColor("white"))
        bar_set.setLabelFont(_font(font_px, bold=True))
    for bar in shown:
        elected.append(bar.votes if bar.elected else 0)
        others.append(0 if bar.elected else bar.votes)
    series = QHorizontalStackedBarSeries()
    series.append(elected)
    series.append(others)
    series.setBarWidth(0.7)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QHorizontalStackedBarSeries.LabelsPosition.LabelsInsideBase)  # clear of the threshold line
    series.setLabelsFormat("@value")
    chart.addSeries(series)

    line = QLineSeries()
    line.setName(threshold_label(threshold, question))
    pen = QPen(THRESHOLD)
    pen.setWidth(max(3, font_px // 6))
    pen.setStyle(Qt.PenStyle.DashLine)
    line.setPen(pen)
    line.append(QPointF(threshold, -0.5))
    line.append(QPointF(threshold, len(shown) - 0.5))
    chart.addSeries(line)

    names = QBarCategoryAxis()
    names.append(unique_labels([bar.label for bar in bars])[::-1])
    names.setLabelsFont(_font(font_px))
    names.setLabelsBrush(QBrush(INK))
    names.setGridLineVisible(False)
    names.setTruncateLabels(False)  # a name is never cut to "…": the bars are kept tall enough for it instead
    votes = QValueAxis()
    votes.setRange(0, max(scale_max, threshold, 1))
    votes.applyNiceNumbers()
    votes.setLabelFormat("%d")
    votes.setLabelsFont(_font(font_px))
    votes.setLabelsBrush(QBrush(INK))
    votes.setGridLineColor(GRID)
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(votes, Qt.AlignmentFlag.AlignBottom)
    for s in (series, line):
        s.attachAxis(names)
        s.attachAxis(votes)

    legend = chart.legend()
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    legend.setFont(_font(legend_px or font_px))
    legend.setLabelColor(INK)
    if not any(bar.elected for bar in bars):
        legend.markers(series)[0].setVisible(False)
    return chart
