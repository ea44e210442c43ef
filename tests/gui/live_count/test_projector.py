"""The projector window on real widgets: only progress while counting, the released result by votes with the
elected and the threshold, nothing of a blocked or tampered count, and type that stays legible at 1366×768."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QHorizontalStackedBarSeries, QLineSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel

from gui.live_count.projector import (
    BAD_DIGEST_TEXT,
    BLOCKED_TEXT,
    CHART_MAX_BARS,
    ProjectorWindow,
    projector_screen,
)
from gui.live_count.projector_chart import ELECTED_SET, NOT_ELECTED_SET, unique_labels
from models.counting import Ballot, Candidate, Election, Electorate, Exclusions, Form, Post, count_ballots

NAMES = {"a": "Nguyễn Văn An", "b": "Trần Thị Bình", "c": "Lê Văn Cường", "d": "Phạm Thị Dung"}
CONGRESS = "ĐẠI HỘI CHI BỘ VĂN PHÒNG SỞ LẦN THỨ IV, NHIỆM KỲ 2025–2030"
ELECTION = "Bầu Ban Chi ủy nhiệm kỳ 2025–2030"
FAMILY = ["Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "Hoàng Văn", "Vũ Thị", "Đỗ Văn", "Bùi Thị Phương"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Em", "Phương", "Quang", "Thảo", "Hùng", "Lan", "Minh", "Nga"]


def _election(ids, seats: int, summoned: int, issued: int, names: dict[str, str] = NAMES) -> Election:
    return Election(
        post=Post.COMMITTEE,
        round=1,
        seats=seats,
        form=Form.STRIKE,
        candidates=tuple(Candidate(cid, names[cid]) for cid in ids),
        electorate=Electorate(summoned, Exclusions(), summoned),
        ballots_issued=issued,
    )


def _ballots(groups: list[tuple[str, int]]) -> list[Ballot]:
    out: list[Ballot] = []
    for kept, times in groups:
        for _ in range(times):
            out.append(Ballot.strike(len(out) + 1, list(kept)))
    return out


# D = 15, pass at 8; votes d 12, c 8, a 5, b 5: by votes d, c, then the tied a before b (list order)
GROUPS = [("cd", 8), ("ad", 2), ("bd", 2), ("ab", 3)]


def _result(digest_ok: bool | None = None, issued: int = 15):
    return count_ballots(_election("abcd", 2, 15, issued), _ballots(GROUPS), digest_ok)


def _big_result(count: int, seed: int = 7):
    """`count` candidates, D = 348, 20 seats, 344 random strike ballots (weighted so votes spread out)."""
    rnd = random.Random(seed)
    names = {f"c{i}": f"{FAMILY[i % len(FAMILY)]} {GIVEN[(i * 7) % len(GIVEN)]}" for i in range(count)}
    ids = list(names)
    seats = min(20, max(1, count - 2))
    weights = [rnd.random() ** 2 + 0.01 for _ in ids]
    ballots = []
    for no in range(1, 345):
        keep: set[str] = set()
        while len(keep) < seats:
            keep.add(rnd.choices(ids, weights)[0])
        ballots.append(Ballot.strike(no, sorted(keep)))
    return count_ballots(_election(ids, seats, 348, 344, names), ballots)


@pytest.fixture
def window(qtbot):
    widget = ProjectorWindow(CONGRESS, ELECTION, 1)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _visible_texts(window: ProjectorWindow) -> list[str]:
    """Every text the hall can see: labels, the table's cells and headers, the chart's title, names and legend."""
    texts = [label.text() for label in window.findChildren(QLabel) if label.isVisibleTo(window)]
    if window.table.isVisibleTo(window):
        table = window.table
        texts += [table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())]
    if window.chart_view.isVisibleTo(window):
        chart = window.chart_view.chart()
        texts.append(chart.title())
        texts += [s.name() for s in chart.series()]
        for axis in chart.axes():
            if isinstance(axis, QBarCategoryAxis):
                texts += axis.categories()
    return texts


def _chart_parts(window: ProjectorWindow):
    chart = window.chart_view.chart()
    bars = next(s for s in chart.series() if isinstance(s, QHorizontalStackedBarSeries))
    line = next(s for s in chart.series() if isinstance(s, QLineSeries))
    names = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    return bars, line, names


def _column(window: ProjectorWindow, column: int) -> list[str]:
    return [window.table.item(r, column).text() for r in range(window.table.rowCount())]


def test_the_header_carries_the_congress_and_the_election_with_its_round(window):
    assert window.congress_label.text() == CONGRESS
    assert window.election_label.text() == "Bầu Ban Chi ủy nhiệm kỳ 2025–2030 — Lần bầu thứ 1"
    window.set_titles(CONGRESS, ELECTION, 2)
    assert window.election_label.text().endswith("— Lần bầu thứ 2")
    assert window.windowFlags() & Qt.WindowType.Window


def test_while_counting_only_the_progress_shows(window):
    window.show_progress(123, 348)
    assert window.progress_label.text() == "Đã kiểm 123 / 348 phiếu"
    assert window.progress_label.isVisible() and window.progress_bar.isVisible()
    assert (window.progress_bar.value(), window.progress_bar.maximum()) == (123, 348)
    assert not window.table.isVisible() and not window.chart_view.isVisible()


def test_going_back_to_progress_leaves_no_name_and_no_figure_behind(window):
    window.show_progress(10, 15)
    window.show_result(_result())
    assert any("Phạm Thị Dung" in t for t in _visible_texts(window))
    window.clear_to_progress()
    texts = _visible_texts(window)
    assert window.progress_label.text() == "Đã kiểm 10 / 15 phiếu"
    assert not any(name in text for text in texts for name in NAMES.values())
    assert not any("Ngưỡng" in text or "%" in text for text in texts if text != window.progress_bar.format())
    # nothing hidden either: the result's widgets are emptied
    assert window.table.rowCount() == 0 and window.chart_view.chart().series() == []
    assert window.figures_label.text() == ""
    window.show_progress(15, 15)
    assert not any(name in text for text in _visible_texts(window) for name in NAMES.values())


def test_the_result_is_ordered_by_votes_with_ties_in_list_order_and_the_elected_marked(window):
    window.show_result(_result())
    assert _column(window, 1) == ["Phạm Thị Dung", "Lê Văn Cường", "Nguyễn Văn An", "Trần Thị Bình"]
    assert _column(window, 0) == ["1", "2", "3", "3"]
    assert _column(window, 2) == ["12", "8", "5", "5"]
    assert _column(window, 3) == ["80,00%", "53,33%", "33,33%", "33,33%"]
    assert _column(window, 4) == ["Trúng cử", "Trúng cử", "", ""]
    assert window.table.item(0, 1).font().bold() and not window.table.item(2, 1).font().bold()
    assert window.table.item(0, 1).background().color() != window.table.item(2, 1).background().color()


def test_the_result_shows_the_threshold_and_the_ballot_figures(window):
    window.show_result(_result())
    figures = window.figures_label.text()
    assert "(D): 15" in figures and "Ngưỡng trúng cử: 8 phiếu" in figures
    assert "Phiếu phát ra: 15" in figures and "Thu vào: 15" in figures
    assert "Hợp lệ: 15" in figures and "Không hợp lệ: 0" in figures


def test_the_chart_has_a_bar_per_candidate_the_elected_in_their_own_set_and_the_threshold_line(window):
    window.show_result(_result())
    bars, line, names = _chart_parts(window)
    # a horizontal chart lays categories from the bottom: the most votes is the last category, drawn at the top
    assert names.categories() == ["Trần Thị Bình", "Nguyễn Văn An", "Lê Văn Cường", "Phạm Thị Dung"]
    sets = {s.label(): [s.at(i) for i in range(s.count())] for s in bars.barSets()}
    assert sets[ELECTED_SET] == [0, 0, 8, 12]
    assert sets[NOT_ELECTED_SET] == [5, 5, 0, 0]
    elected_set = next(s for s in bars.barSets() if s.label() == ELECTED_SET)
    others_set = next(s for s in bars.barSets() if s.label() == NOT_ELECTED_SET)
    assert elected_set.color() != others_set.color()
    assert line.name() == "Ngưỡng trúng cử: 8 phiếu"
    points = line.points()
    assert {p.x() for p in points} == {8.0}
    assert min(p.y() for p in points) == -0.5 and max(p.y() for p in points) == 3.5
    assert not names.labelsTruncated()


def test_names_given_by_the_caller_replace_the_results_names(window):
    window.show_result(_result(), names={"d": "Phạm Thị Dung (Tổ 2)"})
    assert _column(window, 1)[0] == "Phạm Thị Dung (Tổ 2)"
    assert _chart_parts(window)[2].categories()[-1] == "Phạm Thị Dung (Tổ 2)"


def _assert_no_figures(window: ProjectorWindow) -> None:
    texts = _visible_texts(window)
    assert not any(name in text for text in texts for name in NAMES.values())
    assert not any(
        ch.isdigit() for text in texts if text not in (CONGRESS, window.election_label.text()) for ch in text
    )
    assert window.table.rowCount() == 0 and window.chart_view.chart().series() == []
    assert not window.table.isVisible()


def test_a_blocked_count_shows_no_result_but_the_committee_is_checking(window):
    result = _result(issued=12)  # 15 ballots collected out of 12 issued: a consistency problem
    assert result.blocked
    window.show_result(result)
    assert window.notice_label.isVisible() and window.notice_label.text() == BLOCKED_TEXT
    assert not window.banner_label.isVisible()
    _assert_no_figures(window)


def test_a_record_whose_digest_does_not_match_shows_the_red_banner_and_no_result(window):
    result = _result(digest_ok=False)
    assert not result.blocked
    window.show_result(result)
    assert window.banner_label.isVisible() and window.banner_label.text() == BAD_DIGEST_TEXT
    assert "#C62828".lower() in window.banner_label.styleSheet().lower()
    _assert_no_figures(window)
    window.show_result(_result(digest_ok=True))
    assert _column(window, 1)[0] == "Phạm Thị Dung"


def test_a_long_list_keeps_the_chart_to_the_top_candidates_and_the_table_carries_everyone(window):
    result = _big_result(60)
    window.show_result(result)
    bars, _, names = _chart_parts(window)
    assert len(names.categories()) == CHART_MAX_BARS
    top = sorted(result.candidates, key=lambda c: -c.votes)[:CHART_MAX_BARS]
    assert names.categories()[::-1] == unique_labels([c.name for c in top])
    assert "15 người" in window.chart_view.chart().title() and "60 người" in window.chart_view.chart().title()
    assert window.table.rowCount() == 60
    votes = [int(v) for v in _column(window, 2)]
    assert votes == sorted(votes, reverse=True)
    assert not names.labelsTruncated()


def test_repeated_names_stay_distinct_on_the_chart():
    assert unique_labels(["An", "Bình", "An"]) == ["An", "Bình", "An\u00a0"]


def test_type_grows_with_the_window_and_stays_large_on_a_small_screen(window, qtbot):
    window.show_result(_result())
    small = (window.progress_label.font().pixelSize(), window.table.font().pixelSize())
    assert small[0] >= 60 and small[1] >= 20
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.height() == 1080)
    assert window.progress_label.font().pixelSize() > small[0] and window.table.font().pixelSize() > small[1]
    assert _column(window, 1)[0] == "Phạm Thị Dung"  # the result is redrawn, not lost


def test_the_projector_goes_to_a_second_screen_if_there_is_one():
    primary, second = object(), object()
    assert projector_screen([primary, second], primary) is second
    assert projector_screen([second, primary], primary) is second
    assert projector_screen([primary], primary) is primary


def test_with_one_screen_it_opens_as_a_large_normal_window_and_esc_or_f11_leave_full_screen(qtbot):
    widget = ProjectorWindow(CONGRESS, ELECTION, 1)
    qtbot.addWidget(widget)
    widget.present()
    qtbot.waitExposed(widget)
    free = widget.screen().availableGeometry()
    assert not widget.isFullScreen()
    assert widget.width() >= free.width() * 0.85 and widget.height() >= free.height() * 0.85
    widget.showFullScreen()
    qtbot.waitUntil(widget.isFullScreen)
    qtbot.keyClick(widget, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not widget.isFullScreen())
    qtbot.keyClick(widget, Qt.Key.Key_F11)
    qtbot.waitUntil(widget.isFullScreen)
    qtbot.keyClick(widget, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not widget.isFullScreen())


def _unsqueezed(label: QLabel) -> bool:
    """The label is as tall as its wrapped text needs."""
    return label.height() >= label.heightForWidth(label.width())


def _names_fit(window: ProjectorWindow) -> list[str]:
    """Names the table would cut short (the name column narrower than the bold name)."""
    width = window.table.columnWidth(1)
    return [
        window.table.item(r, 1).text()
        for r in range(window.table.rowCount())
        if QFontMetrics(window.table.item(r, 1).font()).horizontalAdvance(window.table.item(r, 1).text()) + 8 > width
    ]


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
@pytest.mark.parametrize("count", [9, 60])
def test_screenshots_at_projector_sizes(window, qtbot, tmp_path, size, count):
    """Grab both views; set CHIBO_SHOTS to a folder to keep the PNGs for looking at them."""
    folder = Path(os.environ.get("CHIBO_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    window.show_progress(123, 344)
    qtbot.waitUntil(lambda: _unsqueezed(window.progress_label))  # the layout settles
    shot = window.grab()
    assert (shot.width(), shot.height()) == size
    assert shot.save(str(folder / f"progress_{count}_{size[0]}x{size[1]}.png"))
    window.show_result(_big_result(count))
    labels = (window.figures_label, window.election_label, window.congress_label)
    # the layout settles: no name cut short, the figures and the header not squeezed below their text
    qtbot.waitUntil(lambda: _names_fit(window) == [] and all(_unsqueezed(label) for label in labels))
    assert window.grab().save(str(folder / f"result_{count}_{size[0]}x{size[1]}.png"))
    assert not _chart_parts(window)[2].labelsTruncated()
