"""The scanning review from the keyboard alone: every doubtful page decided by a person with keys; a decision typed
on a page and not yet recorded with Enter is not dropped by a stray Escape; the reviewer's name is reached by Tab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gui.core.unsaved import QUESTION
from gui.live_count.scan_review import ScanReviewDialog
from models.counting import Ballot, Form
from models.live_count.passes import start_pass
from models.live_count.scan_pass import add_page, review_queue
from models.live_count.session import CountSession, round_log
from models.scanning.reading import DoubtKind
from tests.support import congress_story as story
from tests.support.keyboard import ALT, keys_script
from tests.support.scan_pages import page

Key = Qt.Key


@pytest.fixture
def review(qtbot, data_file):
    round_ = story.counting_round()
    start_pass(round_.id, "scanned")
    for reading in (page(1, [None, False, True, False]), page(2, [False, False, False, True], (DoubtKind.NO_STAMP,))):
        add_page(round_.id, 1, reading)
    ids = tuple(p.key for p in round_.candidates)
    names = tuple(p.full_name for p in round_.candidates)
    judge = CountSession(round_.id, 1).tally.judge
    dialog = ScanReviewDialog(round_.id, 1, ids, names, Form.STRIKE, "Đồng chí Tổ trưởng", judge)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return round_, ids, dialog


def test_a_typed_decision_is_kept_from_escape_and_each_page_is_decided_by_keys(qtbot, review, keyboard):
    round_, ids, dialog = review
    assert keyboard.focus() is dialog.table and dialog.table.currentRow() == 0  # the doubtful name

    keyboard.press(Key.Key_G)  # strike the first name: not recorded yet
    assert dialog.table.item(0, 2).text() == "GẠCH"
    keyboard.answer(keys_script(keyboard, Key.Key_Return))  # a bare Enter on the question keeps the decision
    keyboard.press(Key.Key_Escape)
    qtbot.waitUntil(keyboard.all_answered)
    assert keyboard.seen[-1][1] == QUESTION and dialog.isVisible()
    assert dialog.table.item(0, 2).text() == "GẠCH" and keyboard.focus() is dialog.table

    assert keyboard.tab_to(dialog.reviewer_edit) > 0  # the reviewer's name is reached by Tab …
    keyboard.press(Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # … and Shift+Tab goes back to the table
    assert keyboard.focus() is dialog.table

    keyboard.press(Key.Key_Return)  # page 1 recorded as decided; page 2 shown, untouched
    assert dialog.current.page == 2 and dialog.decided == 1
    keyboard.press(Key.Key_F5)  # no stamp: not issued by the counting committee
    keyboard.answer(keys_script(keyboard, Key.Key_Escape))  # Escape on the question keeps it too
    keyboard.press(Key.Key_Escape)
    qtbot.waitUntil(keyboard.all_answered)
    assert dialog.isVisible() and "không hợp lệ" in dialog.verdict_label.text()
    keyboard.press(Key.Key_Return)
    assert dialog.current is None and review_queue(round_.id, 1) == []
    assert round_log(round_.id, 1)[0].after == Ballot.strike(1, [ids[1], ids[3]])  # names 1 and 3 struck

    keyboard.press(Key.Key_Escape)  # nothing left undecided: closes at once
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(keyboard.seen) == 2


def test_alt_b_on_the_question_drops_the_page_s_typed_decision_and_closes(qtbot, review, keyboard):
    round_, _ids, dialog = review
    keyboard.press(Key.Key_G)
    keyboard.answer(keys_script(keyboard, (Key.Key_B, ALT)))
    dialog.close()  # the window's close button
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert keyboard.seen[-1][1] == QUESTION
    assert [p.page for p in review_queue(round_.id, 1)] == [1, 2]  # nothing decided


def test_turning_the_page_asks_before_dropping_a_typed_decision(qtbot, review, keyboard):
    _round, _ids, dialog = review
    keyboard.press(Key.Key_PageDown)  # nothing typed yet: the next page at once
    assert dialog.current.page == 2 and keyboard.seen == []
    keyboard.press(Key.Key_PageUp)
    keyboard.press(Key.Key_G)
    keyboard.answer(keys_script(keyboard, Key.Key_Return))  # Enter: stay on the page with the decision typed
    keyboard.press(Key.Key_PageDown)
    qtbot.waitUntil(keyboard.all_answered)
    assert keyboard.seen[-1][1] == QUESTION
    assert dialog.current.page == 1 and dialog.table.item(0, 2).text() == "GẠCH"
    keyboard.answer(keys_script(keyboard, (Key.Key_B, ALT)))  # «Bỏ thay đổi»: the next page
    keyboard.press(Key.Key_PageDown)
    qtbot.waitUntil(keyboard.all_answered)
    assert dialog.current.page == 2
    keyboard.press(Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
