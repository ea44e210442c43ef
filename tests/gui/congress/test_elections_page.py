"""Setting up the elections of a congress on real widgets: order, the list, the votes, the ballots, the count."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from gui.congress.elections_page import ElectionsPage
from gui.congress.hand_vote_dialog import HandVoteDialog
from gui.congress.hand_votes_page import HandVotesPage
from gui.congress.totals_dialog import TotalsDialog
from models.congress.congresses import get_congress
from models.congress.elections import congress_elections
from models.congress.hand_votes import VoteKind, hand_votes
from models.counting import Post
from tests.support import congress_story as story


@pytest.fixture
def page(qtbot, data_file):
    story.roster(12, 2, temporary=1, exempted=1)
    info = story.congress()
    story.check_in_all(info.id)
    story.open_with_bodies(info.id)
    widget = ElectionsPage()
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    widget.show_congress(get_congress(info.id))
    return widget


def _select(page: ElectionsPage, post: Post) -> None:
    rows = [page.plan_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.plan_list.count())]
    page.plan_list.setCurrentRow(rows.index(post))


def _check(page: ElectionsPage, count: int) -> list[str]:
    """Tick the first `count` selectable names; returns them."""
    names = []
    for index in range(page.candidate_list.count()):
        item = page.candidate_list.item(index)
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable and len(names) < count:
            item.setCheckState(Qt.CheckState.Checked)
            names.append(item.text())
    return names


def _answer_vote(page, qtbot) -> None:
    dialog = page.dialog
    assert isinstance(dialog, HandVoteDialog)
    qtbot.waitUntil(dialog.isVisible)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_plan_follows_the_rules_and_the_secretary_waits_for_the_committee(page, answers):
    labels = [page.plan_list.item(i).text() for i in range(page.plan_list.count())]
    assert labels[0].startswith("1. Ban Chi ủy") and "chưa thiết lập" in labels[0]
    _select(page, Post.SECRETARY)
    assert not page.setup_button.isEnabled()
    assert "sau khi đã bầu xong Ban Chi ủy" in page.plan_note.text()


def test_set_up_pick_vote_issue_and_count_a_committee(page, answers, qtbot):
    _select(page, Post.COMMITTEE)
    answers["numbers"].append(3)
    page.setup_button.click()
    election = congress_elections(page.info.id)[0]
    assert election.seats == 3
    ineligible = [
        page.candidate_list.item(i).text()
        for i in range(page.candidate_list.count())
        if not page.candidate_list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled
    ]
    assert any("Ban kiểm phiếu" in text for text in ineligible) and any("dự bị" in text for text in ineligible)
    _check(page, 4)
    page.save_list_button.click()
    assert "phiếu gạch tên" in page.problems_label.text() and "Chưa mở lần bầu được" in page.problems_label.text()
    page.seats_vote_button.click()
    _answer_vote(page, qtbot)
    page.list_vote_button.click()
    _answer_vote(page, qtbot)
    assert [v.kind for v in hand_votes(page.info.id)][-2:] == [VoteKind.SEATS, VoteKind.ELECTION_LIST]
    assert "Đủ điều kiện mở lần bầu" in page.problems_label.text()
    page.round_view.start_button.click()  # confirmed by `answers`
    assert congress_elections(page.info.id)[0].current_round.status == "counting"
    assert "D = 11" in page.round_view.figures_label.text()
    page.round_view.totals_button.click()
    dialog = page.round_view.dialog
    assert isinstance(dialog, TotalsDialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    spins = list(dialog.vote_spins.values())
    for spin in spins:  # 4 × 11 names kept on 11 ballots of 3 seats: more than 3 × 11
        spin.setValue(11)
    assert not ok.isEnabled() and "Chưa khớp" in dialog.check_label.text()
    for spin, votes in zip(spins, (10, 9, 8, 2), strict=True):
        spin.setValue(votes)
    assert ok.isEnabled() and "Trúng cử" in dialog.check_label.text()
    ok.click()
    election = congress_elections(page.info.id)[0]
    assert election.done and len(election.elected) == 3
    assert page.round_view.table.rowCount() == 4
    assert page.round_view.table.item(0, 4).text() == "Trúng cử"
    assert "đã bầu xong (3/3)" in page.plan_list.item(0).text()
    _select(page, Post.SECRETARY)
    assert page.setup_button.isEnabled()


def test_an_ineligible_pick_is_refused_with_its_reason(page, answers):
    _select(page, Post.DELEGATE)
    answers["numbers"].append(2)
    page.setup_button.click()
    item = next(
        page.candidate_list.item(i)
        for i in range(page.candidate_list.count())
        if "Ban kiểm phiếu" in page.candidate_list.item(i).text()
    )
    assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable  # cannot even be ticked


def test_the_hand_vote_dialog_checks_the_sum(qtbot, data_file, answers):
    story.roster(9)
    info = story.congress()
    story.check_in_all(info.id)
    story.open_with_bodies(info.id)
    page = HandVotesPage()
    qtbot.addWidget(page)
    page.show_congress(get_congress(info.id))
    dialog = page.record(VoteKind.RESOLUTION, "Thông qua Nghị quyết Đại hội")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled() and "Thông qua" in dialog.check_label.text()
    dialog.against_spin.setValue(2)
    assert not ok.isEnabled() and "phải bằng 9" in dialog.check_label.text()
    dialog.favour_spin.setValue(7)
    assert ok.isEnabled()
    ok.click()
    assert page.table.rowCount() == 2  # the working bodies' vote and this one
    assert page.table.item(1, 1).text() == "Thông qua Nghị quyết Đại hội"
    assert page.table.item(1, 6).text() == "Thông qua"


def test_a_cancelled_paper_takes_no_number(qtbot, data_file, answers):
    from gui.congress.papers_page import PapersPage
    from models.congress.numbering import numbers_of_term

    story.roster(9)
    info = story.congress()
    page = PapersPage()
    qtbot.addWidget(page)
    page.show_congress(get_congress(info.id))
    page.buttons["dai-hoi-diem-danh"].click()  # the file chooser is cancelled (no path queued)
    assert numbers_of_term(info.id) == []


def test_ballots_cannot_be_printed_while_the_list_breaks_the_rules(page, answers):
    _select(page, Post.COMMITTEE)
    answers["numbers"].append(3)
    page.setup_button.click()
    _check(page, 6)  # 3 seats: at most one more name than seats
    page.save_list_button.click()
    assert "Chưa mở lần bầu được" in page.problems_label.text()
    assert not page.round_view.print_button.isEnabled()
    for index in range(page.candidate_list.count()):
        page.candidate_list.item(index).setCheckState(Qt.CheckState.Unchecked)
    _check(page, 4)
    page.save_list_button.click()
    assert page.round_view.print_button.isEnabled()


def test_a_vote_recorded_by_mistake_is_voided_from_the_record_and_the_election_asks_again(page, answers, qtbot):
    _select(page, Post.COMMITTEE)
    answers["numbers"].append(3)
    page.setup_button.click()
    page.seats_vote_button.click()
    _answer_vote(page, qtbot)
    assert not page.seats_vote_button.isEnabled()  # voted once: not offered twice
    votes_page = HandVotesPage()
    qtbot.addWidget(votes_page)
    votes_page.show_congress(page.info)
    dialog = votes_page.record()
    kinds = [dialog.kind_combo.itemData(i) for i in range(dialog.kind_combo.count())]
    assert VoteKind.SEATS not in kinds and VoteKind.ELECTION_LIST not in kinds  # those belong to an election
    dialog.reject()
    votes_page.table.selectRow(1)
    answers["texts"].append("Ghi nhầm số lượng")
    votes_page.void_selected()
    assert votes_page.table.item(1, 6).text() == "Đã hủy (Ghi nhầm số lượng)"
    page.show_congress(page.info)
    assert page.seats_vote_button.isEnabled()


def test_a_floor_nominee_is_admitted_by_one_act(page, answers, qtbot, monkeypatch):
    from models.congress.elections import congress_elections as elections

    _select(page, Post.DELEGATE)
    answers["numbers"].append(2)
    page.setup_button.click()
    assert page.seats_vote_button.isVisible()  # several seats: the congress votes on their number
    free = [
        page.candidate_list.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(page.candidate_list.count())
        if page.candidate_list.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable
    ]
    chosen = next(p for p in story.summoned_list(page.info.id) if p.id == free[0])
    monkeypatch.setattr("gui.congress.person_chooser.choose_person", lambda *a, **kw: chosen)
    page.floor_button.click()
    _answer_vote(page, qtbot)
    assert [p.id for p in elections(page.info.id)[0].current_round.candidates] == [chosen.id]
    assert [v.kind for v in hand_votes(page.info.id)][-1] == VoteKind.FLOOR_NOMINEE


def test_the_secretary_is_not_asked_a_vote_on_seats(qtbot, data_file, answers):
    story.roster(12)
    info = story.congress()
    story.check_in_all(info.id)
    tellers = story.open_with_bodies(info.id)
    pool = [p for p in story.summoned_list(info.id) if p.official and p.situation == "normal" and p not in tellers]
    story.elect(info.id, Post.COMMITTEE, 3, pool[:4], [10, 9, 8, 1])
    widget = ElectionsPage()
    qtbot.addWidget(widget)
    widget.show()
    widget.show_congress(get_congress(info.id))
    _select(widget, Post.SECRETARY)
    widget.setup_button.click()
    assert not widget.seats_vote_button.isVisible() and widget.list_vote_button.isVisible()
    assert "số lượng" not in widget.problems_label.text()


def test_the_secretarys_list_shows_the_new_committee_only_and_the_page_needs_no_scrolling(qtbot, data_file, answers):
    from PySide6.QtWidgets import QScrollArea

    story.roster(32, 3, temporary=1)
    info = story.congress()
    story.check_in_all(info.id)
    tellers = story.open_with_bodies(info.id)
    pool = [p for p in story.summoned_list(info.id) if p.official and p.situation == "normal" and p not in tellers]
    story.elect(info.id, Post.COMMITTEE, 5, pool[:6], [28, 27, 25, 24, 22, 10])
    widget = ElectionsPage()
    qtbot.addWidget(widget)
    widget.resize(1340, 590)  # the page's room in the window at 1366×768
    widget.show()
    widget.show_congress(get_congress(info.id))
    _select(widget, Post.SECRETARY)
    widget.setup_button.click()
    assert widget.candidate_list.count() == 5  # the five new committee members, not 35 names greyed out
    scroll = widget.findChild(QScrollArea)
    qtbot.waitUntil(lambda: scroll.widget().height() <= scroll.viewport().height())
    assert not scroll.verticalScrollBar().isVisible()


def test_the_delegates_seats_are_not_guessed_at_five(page, answers, monkeypatch):
    offered = []
    monkeypatch.setattr("gui.core.dialogs.ask_number", lambda _p, _t, _l, value, *a, **kw: offered.append(value))
    _select(page, Post.DELEGATE)
    page.setup_button.click()
    _select(page, Post.COMMITTEE)
    page.setup_button.click()
    assert offered == [1, 5]


def test_an_election_whose_log_does_not_hold_is_marked_in_red_in_the_plan(page):
    import json

    from models.congress.elections import add_election, get_election, set_candidates
    from models.congress.rounds import start_round
    from models.congress.summons import summoned_list
    from models.congress.tables import ElectionRound
    from models.counting import Ballot
    from models.live_count.count import close_count
    from models.live_count.session import CountSession

    congress_id = page.info.id
    free = [p for p in summoned_list(congress_id) if p.official and p.situation == "normal"][:4]
    election = add_election(congress_id, Post.COMMITTEE, 3)
    set_candidates(election.rounds[0].id, [p.id for p in free])
    story.approve(congress_id, VoteKind.SEATS, "Số lượng: 3", election.id)
    story.approve(congress_id, VoteKind.ELECTION_LIST, "Danh sách", election.id)
    round_ = start_round(get_election(election.id).current_round.id)
    ids = [p.key for p in round_.candidates]
    session = CountSession(round_.id)
    for no in range(1, round_.ballots_issued + 1):
        session.enter(Ballot.strike(no, ids[:3]))
    close_count(round_.id)
    page.show_congress(get_congress(congress_id))
    assert "đã bầu xong (3/3)" in page.plan_list.item(0).text()
    stored = json.loads(ElectionRound.get_by_id(round_.id).result)
    stored["votes"][ids[3]] = 99  # edited in the file
    ElectionRound.update(result=json.dumps(stored)).where(ElectionRound.id == round_.id).execute()
    page.show_congress(get_congress(congress_id))
    item = page.plan_list.item(0)
    assert item.text() == "1. Ban Chi ủy — KẾT QUẢ KHÔNG KHỚP"  # fits the narrow list
    assert item.foreground().color().name() == "#a4262c" and "kiểm lại được" in item.toolTip()
