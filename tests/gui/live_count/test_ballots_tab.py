"""Counting a whole round on the ballots tab from the keyboard alone; correcting; double entry; closing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from gui.live_count.ballots_tab import BallotsTab
from models.congress.elections import add_election, get_election, set_candidates
from models.congress.hand_votes import VoteKind
from models.congress.rounds import start_round
from models.congress.summons import summoned_list
from models.counting import Post
from models.live_count.session import round_log
from tests.support import congress_story as story


def _round(post: Post, seats: int, candidates: int):
    """A started round of a 12-member congress (D = 11, 11 ballots): the committee's, or after it, the secretary's
    from the new committee."""
    story.roster(12, temporary=1)
    info = story.congress()
    story.check_in_all(info.id)
    tellers = story.open_with_bodies(info.id)
    pool = [p for p in summoned_list(info.id) if p.official and p.situation == "normal" and p not in tellers]
    if post != Post.COMMITTEE:
        closed = story.elect(info.id, Post.COMMITTEE, 3, pool[:4], [10, 9, 8, 1])
        pool = [p for p in pool if p.key in closed.result.elected]
    election = add_election(info.id, post, seats)
    set_candidates(election.rounds[0].id, [p.id for p in pool[:candidates]])
    story.approve(info.id, VoteKind.SEATS, "Số lượng", election.id)
    story.approve(info.id, VoteKind.ELECTION_LIST, "Danh sách", election.id)
    return start_round(get_election(election.id).current_round.id)


@pytest.fixture
def tab(qtbot, data_file, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    widget = BallotsTab(settings)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    return widget


def _type(qtbot, tab, keys: str) -> None:
    for key in keys:
        if key == "\n":
            qtbot.keyClick(tab.entry, Qt.Key.Key_Return)
        else:
            qtbot.keyClicks(tab.entry, key)


def test_a_strike_round_counted_from_the_keyboard_alone(qtbot, tab, answers):
    round_ = _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    assert tab.entry.hasFocus()
    assert tab.entry.number_label.text() == "Phiếu số 1"
    _type(qtbot, tab, "4\n")  # strike the 4th: keep 3 of 4
    _type(qtbot, tab, "3\n4\n\n")  # 3 struck; 4 struck; nothing struck (4 kept: too many)
    assert tab.entry.number_label.text() == "Phiếu số 5"
    result = tab.session.result()
    assert (result.collected, result.valid, result.invalid) == (4, 3, 1)
    assert [line.action for line in round_log(round_.id)] == ["enter"] * 4
    assert tab.log_model.rowCount() == 4
    assert "Đã nhập 4" in tab.panel.figures_label.text()
    _type(qtbot, tab, "12")
    assert "Phiếu hợp lệ: bầu 2 người" in tab.entry.verdict_label.text()
    qtbot.keyClick(tab.entry, Qt.Key.Key_Escape)
    qtbot.keyClick(tab.entry, Qt.Key.Key_F7)  # the counting committee declares a mark
    assert "không hợp lệ" in tab.entry.verdict_label.text().lower()
    qtbot.keyClick(tab.entry, Qt.Key.Key_Return)
    assert tab.session.result().invalid == 2


def test_an_agree_round_and_undo_and_correction_show_in_the_log(qtbot, tab, answers):
    round_ = _round(Post.SECRETARY, 1, 1)
    tab.refresh()
    assert "đồng ý" in tab.status_label.text()
    _type(qtbot, tab, "1\n")  # none -> agree
    _type(qtbot, tab, "11\n")  # agree -> disagree
    _type(qtbot, tab, "+\n")
    assert tab.session.result().candidates[0].votes == 2
    qtbot.keyClick(tab.entry, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.session.result().collected == 2 and tab.entry.number_label.text() == "Phiếu số 3"
    answers["numbers"].append(2)
    qtbot.keyClick(tab.entry, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert tab.entry.number_label.text() == "Sửa phiếu số 2"
    _type(qtbot, tab, "111\n")  # disagree -> both -> none -> agree
    assert tab.session.result().candidates[0].votes == 2
    actions = [line.action_label for line in round_log(round_.id)]
    assert actions == ["Nhập", "Nhập", "Nhập", "Hoàn tác", "Sửa"]
    last = tab.log_model.index(4, 5).data()
    assert "không đồng ý" in last  # the ballot before the correction stays visible


def test_double_entry_with_a_disagreement_then_closing(qtbot, tab, answers):
    _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    tab.double_check.setChecked(True)
    assert tab.current_round().double_entry and tab.pass_combo.isVisibleTo(tab)
    _type(qtbot, tab, "4\n4\n")
    tab.pass_combo.setCurrentIndex(1)
    assert tab.session.pass_no == 2 and tab.entry.number_label.text() == "Phiếu số 1"
    _type(qtbot, tab, "4\n3\n")  # the second ballot typed differently
    assert tab.diff_table.rowCount() == 1 and tab.diff_table.item(0, 0).text() == "2"
    tab.close_count()
    assert answers["warning"] and "chưa khớp ở 1 phiếu" in answers["warning"][-1][1]
    answers["numbers"].append(2)
    tab.find_ballot()
    _type(qtbot, tab, "34\n")  # unstrike 3, strike 4
    assert tab.diff_table.rowCount() == 0
    tab.close_count()  # confirmed
    assert tab.current_round().status == "closed" and not tab.entry.isEnabled()


def test_an_unfilled_seat_leads_to_the_next_round_in_one_step(qtbot, tab, answers):
    _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    # D = 11, pass at 6: names 1 and 2 on every ballot, names 3 and 4 on five each: the third seat stays open
    for keys in ["4"] * 5 + ["3"] * 5 + ["34"]:
        _type(qtbot, tab, keys + "\n")
    tab.close_count()
    assert tab.current_round().status == "closed"
    assert "Kết quả: trúng cử" in tab.panel.elected_label.text() and "còn 1 chỗ" in tab.panel.elected_label.text()
    assert tab.next_button.isEnabled()
    tab.next_round()  # confirmed: the ballots of round 2 are issued at once
    assert "lần 2" in tab.current_round().label and tab.current_round().status == "counting"
    assert tab.session.info.seats == 1 and len(tab.session.info.candidates) == 2
    assert tab.entry.number_label.text() == "Phiếu số 1"


def test_the_room_sees_progress_only_until_the_result_is_published(qtbot, tab, answers):
    _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    _type(qtbot, tab, "4\n3\n")
    tab.show_projector()
    projector = tab.projector
    qtbot.addWidget(projector)
    visible = " ".join(label.text() for label in projector.findChildren(type(tab.status_label)) if label.isVisible())
    assert "2 / 11" in visible.replace("\u00a0", " ")
    names = [p.full_name for p in tab.session.info.candidates]
    assert not any(name in visible for name in names)
    for _ in range(9):
        _type(qtbot, tab, "4\n")
    tab.close_count()
    tab.publish()  # confirmed
    assert tab.current_round().status == "published"
    (table,) = projector.findChildren(type(tab.diff_table))  # the result table, one row per candidate
    cells = {
        table.item(r, c).text()
        for r in range(table.rowCount())
        for c in range(table.columnCount())
        if table.item(r, c) is not None
    }
    assert table.rowCount() == len(names) and set(names) <= cells
    projector.close()


def test_a_log_changed_outside_chibo_is_shown_as_such(qtbot, tab, answers):
    from models.live_count.tables import BallotEntry

    _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    _type(qtbot, tab, "4\n3\n")
    BallotEntry.update(after="").where(BallotEntry.seq == 1).execute()
    tab.refresh()
    assert "KHÔNG DÙNG KẾT QUẢ NÀY" in tab.status_label.text()
    assert "không khớp mã kiểm tra" in tab.status_label.text()


def test_a_stored_result_edited_in_the_file_is_shown_in_red_on_the_tab_and_the_room_s_screen(qtbot, tab, answers):
    import json

    from models.congress.tables import ElectionRound
    from models.live_count.count import close_count, publish

    round_ = _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    _type(qtbot, tab, "4\n" * 6 + "3\n" * 5)
    close_count(round_.id)
    publish(round_.id)
    stored = json.loads(ElectionRound.get_by_id(round_.id).result)
    stored["votes"][round_.candidates[3].key] = 11
    ElectionRound.update(result=json.dumps(stored)).where(ElectionRound.id == round_.id).execute()
    tab.refresh()
    assert "KHÔNG DÙNG KẾT QUẢ NÀY" in tab.status_label.text() and "được lưu 11 phiếu" in tab.status_label.text()
    assert tab.session.info.result.digest_ok is False
    tab.show_projector()
    qtbot.waitUntil(lambda: tab.projector is not None and tab.projector.banner_label.isVisible())
    tab.projector.close()


def test_a_closed_round_whose_log_does_not_hold_states_no_result_and_offers_no_next_round(qtbot, tab, answers):
    from models.live_count.count import close_count
    from models.live_count.tables import BallotEntry

    def verdict_header() -> str:
        return tab.panel.table.horizontalHeaderItem(3).text()

    round_ = _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    _type(qtbot, tab, "4\n" * 5 + "3\n" * 5 + "34\n")  # the third seat open: the last two at 5 of 11
    assert verdict_header() == "Nếu dừng lúc này"
    close_count(round_.id)
    tab.refresh()
    assert "Kết quả: trúng cử" in tab.panel.elected_label.text() and tab.next_button.isEnabled()
    assert verdict_header() == "Kết quả"  # closed: no longer "if stopped now"
    BallotEntry.delete().where((BallotEntry.round == round_.id) & (BallotEntry.seq == 4)).execute()
    tab.refresh()
    text = tab.panel.elected_label.text()
    assert "KHÔNG DÙNG KẾT QUẢ NÀY" in text and "trúng cử" not in text
    assert not tab.next_button.isEnabled() and verdict_header() == "Kiểm lại từ nhật ký"


def test_the_minutes_of_a_closed_round_read_back_with_the_record_beside_them(qtbot, tab, answers, tmp_path):
    from openpyxl import load_workbook

    from models.counting import read_record, recount

    _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    for keys in ["4"] * 8 + ["3"] * 2 + ["34"]:
        _type(qtbot, tab, keys + "\n")
    tab.close_count()
    target = tmp_path / "bien-ban.xlsx"
    answers["paths"].append(str(target))
    tab.records.export_minutes()
    qtbot.waitUntil(lambda: target.exists(), timeout=10_000)
    qtbot.waitUntil(lambda: bool(answers["info"]), timeout=10_000)
    texts = [str(c.value) for row in load_workbook(target).active.iter_rows() for c in row if c.value is not None]
    joined = "\n".join(texts)
    assert "BIÊN BẢN KIỂM PHIẾU" in joined and "Số 01-BB/CB" in joined
    for person in tab.session.info.candidates:
        assert person.full_name in joined
    record = read_record(target.with_suffix(".json"))
    assert record.digest_ok is True
    result = recount(record)
    assert result.elected == tab.session.result().elected
    assert result.collected == 11 and [c.votes for c in result.candidates][:2] == [11, 11]
    # the paper carries the record file's own digest in full, and says the congress had its quorum
    assert record.digest in joined.replace(" ", "").replace("\n", "")
    assert "đủ hai phần ba" in joined


def test_a_ballot_entered_by_mistake_is_taken_out_and_stays_in_the_log(qtbot, tab, answers):
    round_ = _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    _type(qtbot, tab, "4\n3\n4\n")
    answers["numbers"].append(2)
    tab.void_button.click()  # confirmed by `answers`
    assert tab.session.result().collected == 2 and tab.session.ballot(2) is None
    assert [line.action_label for line in round_log(round_.id)][-1] == "Hủy phiếu"
    assert tab.log_model.rowCount() == 4


def test_locking_a_count_and_taking_a_ballot_out_are_backed_up_first(qtbot, tab, answers, data_file):
    from models.core.auto_backup import list_backups

    _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    _type(qtbot, tab, "4\n4\n")
    answers["numbers"].append(2)
    tab.void_ballot()
    for _ in range(10):
        _type(qtbot, tab, "4\n")
    tab.close_count()
    assert sorted(b.reason for b in list_backups(data_file)) == ["count", "void"]


def test_with_no_round_started_only_checking_a_record_file_is_offered(tab):
    tab.refresh()
    assert "Chưa có lần bầu nào đã phát phiếu" in tab.status_label.text()
    buttons = (tab.next_button, tab.projector_button, tab.close_button, tab.undo_button, tab.publish_button)
    assert not any(b.isEnabled() for b in buttons) and not tab.entry.isEnabled()
    assert tab.check_action.isEnabled() and not tab.minutes_action.isEnabled()


def test_a_new_ballot_and_a_locked_round_show_no_red_verdict(qtbot, tab, answers):
    round_ = _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    text = tab.entry.verdict_label.text()
    assert "chưa gõ gì" in text and "không hợp lệ" not in text.lower()  # untouched: not "too many names" in red
    _type(qtbot, tab, "4\n")
    assert "chưa gõ gì" in tab.entry.verdict_label.text()  # the next ballot starts empty again
    _type(qtbot, tab, "3\n4\n")
    from models.live_count.count import close_count

    close_count(round_.id)
    tab.refresh()
    text = tab.entry.verdict_label.text()
    assert "không ở trạng thái kiểm phiếu" in text and "không hợp lệ" not in text.lower()


def test_a_number_nobody_has_is_said_above_the_verdict_and_clears_on_the_next_key(qtbot, tab, answers):
    _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    _type(qtbot, tab, "4")
    _type(qtbot, tab, "9")
    text = tab.entry.verdict_label.text()
    assert "Không có ứng cử viên số 9" in text and "Phiếu hợp lệ: bầu 3 người" in text
    qtbot.keyClick(tab.entry, Qt.Key.Key_F7)
    assert "Không có ứng cử viên số 9" not in tab.entry.verdict_label.text()


def test_after_taking_a_ballot_out_the_keyboard_is_back_on_the_entry(qtbot, tab, answers):
    _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    _type(qtbot, tab, "4\n3\n")
    tab.close_button.setFocus()
    answers["numbers"].append(1)
    tab.void_button.click()
    qtbot.waitUntil(tab.entry.hasFocus)
    tab.close_button.setFocus()
    answers["replies"].append(False)  # the counter thinks again
    answers["numbers"].append(2)
    tab.void_button.click()
    qtbot.waitUntil(tab.entry.hasFocus)
    assert tab.session.result().collected == 1


def test_keys_typed_on_any_other_tab_never_become_ballots(qtbot, data_file, tmp_path, answers):
    from PySide6.QtWidgets import QApplication, QTabWidget

    from gui.main_window import MainWindow

    round_ = _round(Post.COMMITTEE, 3, 4)
    window = MainWindow(data_file, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    assert window.tabs.currentWidget() is window.members_tab  # where the window opens
    qtbot.waitUntil(lambda: window.ballots_tab is not None and window.ballots_tab.session is not None)

    def press_everywhere() -> None:
        # to whatever has the keyboard, and to the hidden entry itself (as when it was given the focus hidden)
        for target in (QApplication.focusWidget() or window, window.ballots_tab.entry):
            for key in (Qt.Key.Key_1, Qt.Key.Key_Return, Qt.Key.Key_4, Qt.Key.Key_Enter):
                qtbot.keyClick(target, key)

    pages = 0
    for index in range(window.tabs.count()):
        if window.tabs.widget(index) is window.ballots_page:
            continue
        window.tabs.setCurrentIndex(index)
        press_everywhere()
        for inner in window.tabs.widget(index).findChildren(QTabWidget):
            for sub in range(inner.count()):
                inner.setCurrentIndex(sub)
                press_everywhere()
                pages += 1
    assert pages >= 1 and not window.ballots_tab.entry.hasFocus()
    assert round_log(round_.id) == []
    window.tabs.setCurrentWidget(window.ballots_page)
    qtbot.waitUntil(window.ballots_tab.entry.hasFocus)


def test_a_closed_round_is_checked_against_the_code_on_its_signed_minutes(qtbot, tab, answers):
    import json

    from models.congress.tables import ElectionRound
    from models.counting.check_code import code_text
    from models.live_count.count import close_count, round_record

    round_ = _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    _type(qtbot, tab, "4\n" * 6 + "3\n" * 5)
    close_count(round_.id)
    tab.refresh()
    signed = code_text(round_record(round_.id))
    answers["texts"].append(signed)
    tab.verify_action.trigger()
    assert answers["info"][-1][0].startswith("KHỚP") and not answers["error"]
    row = ElectionRound.get_by_id(round_.id)
    stored = json.loads(row.result)
    stored["votes"][round_.candidates[3].key] = 11
    ElectionRound.update(result=json.dumps(stored)).where(ElectionRound.id == round_.id).execute()
    answers["texts"].append(signed)
    tab.verify_action.trigger()
    text, detail = answers["error"][-1]
    assert text == "KHÔNG KHỚP với biên bản đã ký." and "được lưu 11 phiếu, kiểm lại được 5 phiếu" in detail
    answers["texts"].append("không phải mã")
    tab.verify_action.trigger()
    assert "64 chữ số" in answers["error"][-1][0]


def test_checking_a_record_file_shows_its_own_digest(tab, answers, tmp_path):
    from models.counting import Ballot, Candidate, Election, ElectionRecord, Electorate, Exclusions, Form, write_record
    from models.counting.check_code import grouped

    election = Election(
        Post.SECRETARY, 1, 1, Form.AGREE, (Candidate("c1", "Nguyễn Văn An"),), Electorate(5, Exclusions(), 5), 5
    )
    path = tmp_path / "ho-so.json"
    write_record(ElectionRecord(election, ballots=(Ballot.agree(1, {"c1": "agree"}),)), path)
    import json

    digest = json.loads(path.read_text(encoding="utf-8"))["digest"]
    answers["paths"].append(str(path))
    tab.refresh()
    tab.check_action.trigger()
    assert grouped(digest) in answers["info"][-1][0]


def test_a_mistaken_pass_is_set_aside_with_its_reason_and_no_longer_blocks_closing(qtbot, tab, answers):
    from models.live_count.pass_aside import set_pass_aside
    from models.live_count.passes import start_pass

    round_ = _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    assert tab.round_id_label.text() == f"Mã lần bầu: {round_.id}"  # what `main.py scan --round N` takes
    assert not tab.aside_button.isVisibleTo(tab)  # a single pass: nothing to set aside
    _type(qtbot, tab, "4\n4\n")
    tab.double_check.setChecked(True)
    tab.pass_combo.setCurrentIndex(1)
    assert tab.aside_button.isVisibleTo(tab) and tab.aside_button.isEnabled()
    _type(qtbot, tab, "1\n")  # typed from the wrong stack
    tab.pass_combo.setCurrentIndex(0)
    assert not tab.aside_button.isEnabled()  # pass 1 is the count itself
    tab.pass_combo.setCurrentIndex(1)
    answers["texts"].append("Gõ nhầm xấp của lần bầu khác")
    answers["replies"].append(False)  # asked to confirm: no
    tab.aside_button.click()
    assert "Gác lại Lượt 2 (nhập tay)?" in answers["confirm"][-1][0] and tab.aside_button.isEnabled()
    answers["texts"].append("Gõ nhầm xấp của lần bầu khác")
    tab.aside_button.click()  # confirmed
    assert tab.session.pass_no == 2 and tab.pass_combo.currentText() == "Lượt 2 (nhập tay, đã gác lại)"
    assert not tab.entry.isEnabled() and not tab.aside_button.isEnabled()
    assert "Lượt này đã được gác lại" in tab.entry.verdict_label.text()
    assert "Gõ nhầm xấp của lần bầu khác" in tab.status_label.text()
    last = tab.log_model.rowCount() - 1
    assert tab.log_model.index(last, 4).data() == "Gác lại lượt"
    assert tab.log_model.index(last, 6).data() == "Lý do: Gõ nhầm xấp của lần bầu khác"
    start_pass(round_.id, "typed")  # the right pass, typed again: pass 1 shown is compared with it
    tab.pass_combo.setCurrentIndex(0)
    assert tab.compared_passes() == (1, 3) and tab.diff_table.rowCount() == 2
    set_pass_aside(round_.id, 3, "Bắt đầu nhầm lần nữa")
    tab.refresh()
    tab.close_count()  # confirmed
    assert not answers["warning"] and tab.current_round().status == "closed"


def test_a_record_file_from_another_pc_fills_a_new_pass_or_a_chosen_empty_one(qtbot, tab, answers, tmp_path):
    from models.counting import write_record
    from models.live_count.count import round_record
    from models.live_count.passes import round_passes, start_pass

    round_ = _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    _type(qtbot, tab, "4\n4\n")
    path = tmp_path / "may-2.json"
    write_record(round_record(round_.id), path)
    answers["paths"].append(str(path))
    tab.import_pass_action.trigger()  # no empty pass: a new one, no question asked
    assert [(p.number, p.source) for p in round_passes(round_.id)] == [(1, "typed"), (2, "imported")]
    assert tab.session.pass_no == 2 and "vào lượt 2" in answers["info"][-1][0]
    start_pass(round_.id, "typed")  # pass 3, empty
    answers["paths"].append(str(path))
    answers["numbers"].append(3)
    tab.import_pass_action.trigger()
    assert tab.session.pass_no == 3 and tab.session.result().collected == 2
    assert tab.diff_table.rowCount() == 0


def test_a_scanned_pass_set_aside_leaves_no_page_waiting_for_review(qtbot, tab, answers):
    from models.live_count.pass_aside import set_pass_aside
    from models.live_count.passes import start_pass
    from models.live_count.scan_pass import add_page
    from tests.support.scan_pages import page

    round_ = _round(Post.COMMITTEE, 3, 4)
    tab.refresh()
    _type(qtbot, tab, "4\n")
    scanned = start_pass(round_.id, "scanned")
    add_page(round_.id, scanned.number, page(1, [None, False, False, False]))  # doubtful: waits for a person
    tab.refresh()
    assert tab.scans.review_button.isEnabled() and "(1)" in tab.scans.review_button.text()
    set_pass_aside(round_.id, scanned.number, "Quét nhầm xấp phiếu")
    tab.refresh()
    assert not tab.scans.review_button.isEnabled() and "(1)" not in tab.scans.review_button.text()
