"""Counting with scans on the ballots tab: «Quét phiếu…» off the GUI thread, the review queue decided by keyboard
alone, a typed pass compared with the scanned one with the image beside each difference."""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

import services.scan_count.scan_stack as scan_stack_module
from gui.live_count.ballots_tab import BallotsTab
from gui.live_count.scan_review import ScanReviewDialog
from models.counting import Ballot, Form, InvalidReason
from models.live_count.passes import start_pass
from models.live_count.scan_pass import add_page, review_queue
from models.live_count.session import CountSession, round_log
from models.scanning.reading import DoubtKind
from tests.support import congress_story as story
from tests.support.scan_pages import page

SHOTS = os.environ.get("CHIBO_SHOTS")  # a folder: save the screens to look at them


def _shot(widget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()  # the pending layout requests (a status grown by a line)
        widget.grab().save(os.path.join(SHOTS, name))


@pytest.fixture
def tab(qtbot, data_file, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    widget = BallotsTab(settings)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


PAGES = [
    page(1, [True, False, False, False]),
    page(2, [None, False, True, False]),
    page(3, [False, False, False, True], (DoubtKind.NO_STAMP,)),
]


def test_scanning_reads_off_the_gui_thread_then_opens_the_review_queue(qtbot, tab, answers, monkeypatch, tmp_path):
    round_ = story.counting_round()
    tab.refresh()
    tab.entered_by_edit.setText("Tổ quét")
    monkeypatch.setattr(scan_stack_module, "_default_reader", lambda source, target, progress=None: iter(PAGES))
    opened = []
    monkeypatch.setattr(ScanReviewDialog, "exec", lambda dialog: opened.append(dialog.queue) or 0)
    tab.scans.scan(tmp_path)
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert [q.page for q in opened[0]] == [2, 3]
    assert "đọc 3 trang, ghi 1 phiếu chắc chắn" in answers["info"][-1][0]
    assert tab.pass_combo.currentText() == "Lượt 1 (quét phiếu)" and not tab.entry.isEnabled()
    assert "Lượt 1 (quét phiếu): 2 trang chờ Ban kiểm phiếu quyết định" in tab.status_label.text()
    assert tab.scans.review_button.isEnabled() and "(2)" in tab.scans.review_button.text()
    assert [line.ballot_no for line in round_log(round_.id, 1)] == [1]


def test_the_review_queue_is_decided_by_keyboard_alone(qtbot, data_file):
    round_ = story.counting_round()
    start_pass(round_.id, "scanned")
    for reading in PAGES:
        add_page(round_.id, 1, reading)
    ids = tuple(p.key for p in round_.candidates)
    names = tuple(p.full_name for p in round_.candidates)
    judge = CountSession(round_.id, 1).tally.judge
    dialog = ScanReviewDialog(round_.id, 1, ids, names, Form.STRIKE, "Đồng chí Tổ trưởng", judge)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    assert dialog.current.page == 2 and dialog.table.currentRow() == 0  # the doubtful name is chosen
    assert "Gạch tên không rõ" in dialog.page_label.text()
    _shot(dialog, "scan-review.png")
    qtbot.keyClick(dialog.table, Qt.Key.Key_PageDown)
    assert dialog.current.page == 3
    qtbot.keyClick(dialog.table, Qt.Key.Key_PageUp)
    qtbot.keyClick(dialog.table, Qt.Key.Key_G)  # strike the first name
    assert dialog.table.item(0, 2).text() == "GẠCH" and dialog.table.currentRow() == 1
    assert dialog.verdict_label.text().endswith("Phiếu hợp lệ: bầu 2 người.</span>")
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert dialog.current.page == 3 and dialog.decided == 1
    qtbot.keyClick(dialog.table, Qt.Key.Key_F5)  # no stamp: not issued by the counting committee
    assert "không hợp lệ" in dialog.verdict_label.text()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert dialog.current is None and review_queue(round_.id, 1) == []
    lines = round_log(round_.id, 1)
    assert [line.ballot_no for line in lines] == [1, 2, 3]
    assert lines[1].after == Ballot.strike(2, [ids[1], ids[3]])
    assert lines[2].after.void == InvalidReason.NOT_ISSUED
    assert json.loads(lines[2].scan)["reviewed_by"] == "Đồng chí Tổ trưởng"


def test_a_typed_pass_is_compared_with_the_scanned_one_with_the_image_beside(qtbot, tab, answers):
    round_ = story.counting_round()
    start_pass(round_.id, "scanned")
    add_page(round_.id, 1, PAGES[0])
    add_page(round_.id, 1, page(2, [False, True, False, False]))
    start_pass(round_.id, "typed")
    ids = [p.key for p in round_.candidates]
    typed = CountSession(round_.id, 2)
    typed.enter(Ballot.strike(1, ids[1:]))
    typed.enter(Ballot.strike(2, ids[1:]))  # typed wrong
    tab.refresh()
    tab.pass_combo.setCurrentIndex(1)
    assert tab.entry.isEnabled() and tab.session.pass_no == 2
    tab.lower.setCurrentIndex(1)
    assert tab.diff_table.rowCount() == 1 and tab.diff_table.horizontalHeaderItem(1).text() == "Lượt 1 (quét phiếu)"
    tab.diff_table.selectRow(0)
    assert not tab.diff_image.pixmap().isNull()
    assert "người đã xem và quyết định 0 phiếu" in tab.status_label.text()
    _shot(tab, "scan-compare.png")
    tab.close_count()
    assert "Lượt 2 và lượt 1 chưa khớp ở 1 phiếu: số 2." in answers["warning"][-1][1]


def test_a_sample_pass_is_started_from_the_tab_and_typed(qtbot, tab, answers):
    round_ = story.counting_round()
    start_pass(round_.id, "scanned")
    for reading in PAGES[:1]:
        add_page(round_.id, 1, reading)
    tab.refresh()
    assert not tab.entry.isEnabled()  # the scanned pass is not typed into
    tab.scans.add_pass(sample=True)
    assert tab.pass_combo.currentText() == "Lượt 2 (nhập tay, kiểm tra mẫu)" and tab.entry.isEnabled()
    assert tab.session.pass_no == 2 and tab.pass_combo.isVisibleTo(tab) and tab.double_check.isChecked()
    answers["numbers"].append(1)  # Ctrl+G: the sample's paper is ballot 1 of the stack
    qtbot.keyClick(tab.entry, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert tab.entry.number_label.text() == "Phiếu số 1"
    qtbot.keyClick(tab.entry, Qt.Key.Key_1)
    qtbot.keyClick(tab.entry, Qt.Key.Key_Return)
    assert [line.ballot_no for line in round_log(round_.id, 2)] == [1]
    _shot(tab, "scan-sample-pass.png")
