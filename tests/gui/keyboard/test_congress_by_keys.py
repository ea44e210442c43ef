"""A branch congress typed key by key on the «Đại hội» tab: no click, no value set by the test."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from gui.congress.congress_dialog import CongressDialog
from gui.congress.congress_tab import CongressTab
from models.congress.congresses import Status, list_congresses
from models.congress.hand_votes import hand_votes as hand_votes_of
from models.congress.summons import summoned_list
from models.counting import Attendance
from tests.support import congress_story as story
from tests.support.keyboard import ALT, keys_script
from tests.support.mnemonics import mnemonic

Key = Qt.Key


@pytest.fixture
def tab(qtbot, data_file, tmp_path):
    story.roster(12, 2)
    widget = CongressTab(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.refresh()
    return widget


def _create_congress(qtbot, tab, keyboard) -> None:
    tab.first_button.setFocus()  # the tab just shown: its only button
    keyboard.alt("i", until=lambda: isinstance(QApplication.activeWindow(), CongressDialog))
    dialog = keyboard.wait_window(CongressDialog)
    assert keyboard.focus() is dialog.ordinal_spin
    keyboard.type("4")  # replaces the suggested 1
    keyboard.press(Key.Key_Tab)
    keyboard.type("2025")
    keyboard.press(Key.Key_Tab)
    keyboard.type("2030")
    keyboard.press(Key.Key_Tab)
    keyboard.press(Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keyboard.type("20/06/2025")
    keyboard.press(Key.Key_Tab, times=2)
    keyboard.type("Hội trường tầng 3")
    keyboard.press(Key.Key_Return)
    keyboard.closed(dialog)


def test_a_congress_is_created_with_keys_and_the_focus_lands_on_the_check_in_list(qtbot, tab, keyboard):
    _create_congress(qtbot, tab, keyboard)
    (info,) = list_congresses()
    assert (info.ordinal, info.term_start, info.term_end, info.place) == (4, 2025, 2030, "Hội trường tầng 3")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.checkin_page.table)
    tab.grab().save("/tmp/hkey-after-create.png")


def test_tab_leaves_the_check_in_list_for_its_buttons(qtbot, tab, keyboard):
    _create_congress(qtbot, tab, keyboard)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.checkin_page.table)
    keyboard.press(Key.Key_Tab)
    assert keyboard.focus() is tab.checkin_page.present_button


def test_the_congress_opens_with_alt_and_the_question_has_keys(qtbot, tab, keyboard):
    _create_congress(qtbot, tab, keyboard)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.checkin_page.table)
    keyboard.press(Key.Key_Return, times=14)
    assert all(p.attendance == Attendance.PRESENT for p in summoned_list(list_congresses()[0].id))
    shown = []

    def look(box: QMessageBox) -> None:
        shown.extend(b.text() for b in box.buttons())
        box.grab().save("/tmp/hkey-confirm.png")
        keyboard.press(Key.Key_Escape)  # the safe answer: nothing done

    keyboard.answer(look)
    keyboard.alt("k")
    assert list_congresses()[0].status == Status.PREPARING
    assert all(mnemonic(text) for text in shown) and len({mnemonic(t) for t in shown}) == 2, shown
    keyboard.answer(keys_script(keyboard, (Key.Key_K, ALT)))
    keyboard.alt("k")
    assert list_congresses()[0].status == Status.IN_SESSION
    assert QApplication.focusWidget() is not None and QApplication.focusWidget().isEnabled()


@pytest.fixture
def in_session(tab):
    """Everyone checked in, the congress opened (saved through the domain: the steps above walk those keys)."""
    info = story.congress()
    story.check_in_all(info.id)
    tab.refresh(info.id)
    from models.congress.congresses import open_session

    open_session(info.id)
    tab.refresh(info.id)
    return info


def test_the_working_bodies_are_chosen_and_saved_with_keys(qtbot, tab, keyboard, in_session):
    from models.congress.bodies import Body, working_bodies

    tab.combo.setFocus()
    keyboard.press(Key.Key_2, ALT)
    page = tab.bodies_page
    assert tab.pages.currentWidget() is page
    keyboard.tab_to(page.lead_box.list)
    keyboard.press(Key.Key_Space)  # the first name
    keyboard.press(Key.Key_Down)
    keyboard.press(Key.Key_Space)
    keyboard.tab_to(page.lead_box.head_combo)
    keyboard.alt("l", until=lambda: "Đã lưu" in page.saved_label.text())
    seats = working_bodies(in_session.id)[Body.PRESIDIUM]
    assert len(seats) == 2 and keyboard.focus().isVisible()
    keyboard.tab_to(page.counting_box.list)
    keyboard.press(Key.Key_End)
    keyboard.press(Key.Key_Space)
    keyboard.press(Key.Key_Up)
    keyboard.press(Key.Key_Space)
    keyboard.tab_to(page.counting_box.search)
    keyboard.press(Key.Key_G, ALT)  # «Trưởn&g ban»
    assert keyboard.focus() is page.counting_box.head_combo
    keyboard.press(Key.Key_Down)  # the second of the two ticked
    keyboard.alt("a", until=lambda: "Ban kiểm phiếu" in page.saved_label.text())
    counting = working_bodies(in_session.id)[Body.COUNTING]
    assert len(counting) == 2 and [s.person.full_name for s in counting if s.is_head] == [story.name(11)]
    tab.grab().save("/tmp/hkey-bodies.png")


def test_a_show_of_hands_vote_is_typed_and_the_void_asks_with_keys(qtbot, tab, keyboard, in_session):
    from gui.congress.hand_vote_dialog import HandVoteDialog
    from models.congress.hand_votes import hand_votes

    tab.combo.setFocus()
    keyboard.press(Key.Key_3, ALT)
    page = tab.votes_page
    keyboard.alt("g", until=lambda: isinstance(QApplication.activeWindow(), HandVoteDialog))
    dialog = QApplication.activeWindow()
    keyboard.tab_to(dialog.subject_edit)
    keyboard.type("Thông qua chương trình đại hội")
    keyboard.press(Key.Key_Tab, times=2)  # the number voting stays: all present; to «Tán thành»
    keyboard.type("10")
    keyboard.press(Key.Key_Tab)
    keyboard.type("2")
    dialog.grab().save("/tmp/hkey-hand-vote.png")
    keyboard.press(Key.Key_Return)
    keyboard.closed(dialog)
    (vote,) = hand_votes(in_session.id)
    assert (vote.subject, vote.in_favour, vote.against, vote.voting) == ("Thông qua chương trình đại hội", 10, 2, 12)
    assert keyboard.focus() is page.record_button
    keyboard.tab_to(page.table)
    keyboard.press(Key.Key_Down)
    keyboard.answer(keys_script(keyboard, "Ghi nhầm số", Key.Key_Return))
    keyboard.alt("q")
    assert hand_votes(in_session.id)[0].void_reason == "Ghi nhầm số"
    assert keyboard.focus().isVisible()


@pytest.fixture
def with_bodies(tab):
    info = story.congress()
    story.check_in_all(info.id)
    story.open_with_bodies(info.id, counting=2)
    tab.refresh(info.id)
    return info


def test_an_election_is_set_up_voted_and_opened_with_keys(qtbot, tab, keyboard, with_bodies):
    from gui.congress.hand_vote_dialog import HandVoteDialog
    from models.congress.elections import congress_elections
    from models.counting import Post

    in_session = with_bodies
    tab.combo.setFocus()
    keyboard.press(Key.Key_4, ALT)
    page = tab.elections_page
    assert keyboard.focus() is page.plan_list  # the committee, first in the plan
    keyboard.answer(keys_script(keyboard, "3", Key.Key_Return))
    keyboard.alt("u")
    (election,) = congress_elections(in_session.id)
    assert (election.post, election.seats) == (Post.COMMITTEE, 3)
    assert keyboard.tab_to(page.candidate_list) == 1  # the next step: tick the list
    for _ in range(4):
        keyboard.press(Key.Key_Space)
        keyboard.press(Key.Key_Down)
    keyboard.alt("l", until=lambda: len(congress_elections(in_session.id)[0].current_round.candidates) == 4)
    for letter in ("q", "d"):  # the number, then the list, each adopted by all present
        keyboard.alt(letter, until=lambda: isinstance(QApplication.activeWindow(), HandVoteDialog))
        dialog = QApplication.activeWindow()
        keyboard.press(Key.Key_Return)
        keyboard.closed(dialog)
        assert keyboard.focus().isVisible() and keyboard.focus().isEnabled()
    tab.grab().save("/tmp/hkey-election.png")
    keyboard.answer(keys_script(keyboard, (Key.Key_P, ALT)))
    keyboard.alt("f")
    assert congress_elections(in_session.id)[0].current_round.ballots_issued == 12
    assert keyboard.focus().isVisible() and keyboard.focus().isEnabled()


def test_a_paper_is_saved_through_the_file_chooser_with_keys(qtbot, tab, keyboard, with_bodies, documents):
    from PySide6.QtWidgets import QFileDialog

    from gui.core.translation import install_vietnamese_qt_texts

    install_vietnamese_qt_texts(QApplication.instance())
    target = documents / "diem-danh.xlsx"
    texts = []

    def save_as(chooser: QFileDialog) -> None:
        chooser.grab().save("/tmp/hkey-file-chooser.png")
        texts.extend(w.text() for w in chooser.findChildren(QPushButton) if w.isVisible())
        keyboard.press(Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        keyboard.type("diem-danh")  # in Documents, .xlsx added
        keyboard.press(Key.Key_Return)

    tab.combo.setFocus()
    keyboard.press(Key.Key_5, ALT)
    keyboard.answer(save_as, keys_script(keyboard, Key.Key_Return))  # the chooser, then «Đã xuất …»: Enter
    keyboard.alt("d")
    assert target.exists() and keyboard.seen[-1][1].startswith("Đã xuất danh sách đảng viên dự đại hội")
    assert set(texts) <= {"&Lưu", "&Hủy"} and "&Lưu" in texts, texts
    assert keyboard.focus() is tab.papers_page.buttons["dai-hoi-diem-danh"]


def test_a_member_added_to_the_summoned_list_is_found_and_chosen_with_keys(qtbot, tab, keyboard):
    from datetime import date

    from models.roster.members import save_member
    from models.roster.records import MemberRecord

    info = story.congress()
    tab.refresh(info.id)
    joined, official = date(2000, 5, 19), date(2001, 5, 19)
    for given in ("Vân", "Vũ"):  # two members moved in after the list was taken
        record = MemberRecord(
            f"Trịnh Văn {given}", "Nam", date(1980, 1, 1), joined, ceremony_date=joined, official_date=official
        )
        save_member(record, story.DAY)
    keyboard.press(Key.Key_1, ALT)
    chosen = []

    def choose(dialog) -> None:
        keyboard.type("trinh")  # both found, the first current
        keyboard.press(Key.Key_Down)  # the second, while typing stays in the search
        chosen.append(dialog.chosen().full_name)
        assert keyboard.focus() is dialog.search
        keyboard.press(Key.Key_Return)

    keyboard.answer(choose)
    keyboard.alt("u")
    names = [p.full_name for p in summoned_list(info.id)]
    assert chosen == ["Trịnh Văn Vũ"] and "Trịnh Văn Vũ" in names and "Trịnh Văn Vân" not in names


def test_a_round_counted_on_paper_is_typed_in_with_keys(qtbot, tab, keyboard, with_bodies):
    from gui.congress.totals_dialog import TotalsDialog
    from models.congress.elections import add_election, congress_elections, get_election, set_candidates
    from models.congress.rounds import start_round
    from models.counting import Post

    people = [p for p in summoned_list(with_bodies.id) if p.official][:4]
    election = add_election(with_bodies.id, Post.COMMITTEE, 3)
    set_candidates(election.rounds[0].id, [p.id for p in people])
    story.approve(with_bodies.id, story.VoteKind.SEATS, "Số lượng", election.id)
    story.approve(with_bodies.id, story.VoteKind.ELECTION_LIST, "Danh sách", election.id)
    start_round(get_election(election.id).current_round.id)
    tab.refresh(with_bodies.id)
    tab.combo.setFocus()
    keyboard.press(Key.Key_4, ALT)
    keyboard.alt("w", until=lambda: isinstance(QApplication.activeWindow(), TotalsDialog))
    dialog = QApplication.activeWindow()
    assert keyboard.focus() is dialog.collected_spin  # the first figure of the minutes
    first = next(iter(dialog.vote_spins.values()))
    assert first.y() < 3 * first.height(), first.y()  # the names right under their heading, not spread out
    keyboard.type("12")
    for spin, votes in zip(dialog.vote_spins.values(), ("12", "11", "10", "3"), strict=True):
        keyboard.tab_to(spin)
        keyboard.type(votes)
    dialog.grab().save("/tmp/hkey-totals.png")
    keyboard.press(Key.Key_Return)
    keyboard.closed(dialog)
    (done,) = congress_elections(with_bodies.id)
    assert len(done.elected) == 3
    assert keyboard.focus().isVisible() and keyboard.focus().isEnabled()


def test_a_date_s_label_key_reaches_the_date(qtbot, tab, keyboard):
    tab.first_button.setFocus()
    keyboard.alt("i", until=lambda: isinstance(QApplication.activeWindow(), CongressDialog))
    dialog = QApplication.activeWindow()
    keyboard.press(Key.Key_K, ALT)  # «Ngày &khai mạc»
    assert keyboard.focus() is dialog.opens_field.line_edit
    keyboard.press(Key.Key_Tab)  # one Tab stop per date: on to the closing day
    assert keyboard.focus() is dialog.closes_field.line_edit
    keyboard.press(Key.Key_Escape)
    keyboard.closed(dialog)


def test_an_absence_with_its_reason_is_typed_and_the_list_keeps_the_keyboard(qtbot, tab, keyboard):
    info = story.congress()
    tab.refresh(info.id)
    tab.checkin_page.table.setFocus()
    keyboard.answer(keys_script(keyboard, "Đi công tác", Key.Key_Return))
    keyboard.alt("l")
    person = summoned_list(info.id)[0]
    assert (person.attendance, person.absence_reason) == (Attendance.ABSENT_APPROVED, "Đi công tác")
    assert keyboard.focus() is tab.checkin_page.table
    keyboard.press(Key.Key_Return)  # the next member, present
    assert summoned_list(info.id)[1].attendance == Attendance.PRESENT


def test_voiding_with_no_vote_chosen_sends_the_focus_to_the_votes(qtbot, tab, keyboard, in_session):
    story.approve(in_session.id, story.VoteKind.OTHER, "Thông qua chương trình đại hội")
    tab.refresh(in_session.id)
    tab.combo.setFocus()
    keyboard.press(Key.Key_3, ALT)
    page = tab.votes_page
    keyboard.answer(keys_script(keyboard, Key.Key_Return))  # «Hãy chọn trong bảng …»
    keyboard.alt("q")
    assert keyboard.focus() is page.table and page.table.currentRow() == 0  # the only vote, chosen
    keyboard.answer(keys_script(keyboard, "Ghi nhầm", Key.Key_Return))
    keyboard.alt("q")
    assert hand_votes_of(in_session.id)[0].void_reason == "Ghi nhầm"
