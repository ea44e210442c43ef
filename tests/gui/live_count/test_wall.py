"""The room's screen follows the data, not the counters' screen: the latest round under its own title, released
results only, nothing from another data file; «Bầu cử» turns to a round whose ballots were just issued; the entry
operator's name stays with its data file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from gui.live_count.ballots_tab import BallotsTab
from gui.live_count.projector import IDLE_TEXT
from models.congress.elections import add_election, get_election, set_candidates
from models.congress.hand_votes import VoteKind
from models.congress.rounds import start_round
from models.congress.summons import summoned_list
from models.core.database import close_database, open_database
from models.counting import Post
from models.live_count import count
from tests.support import congress_story as story
from tests.support.people import set_up_branch


@pytest.fixture
def tab(qtbot, data_file, tmp_path, monkeypatch):
    monkeypatch.setattr("gui.live_count.projector.ProjectorWindow.present", lambda self: self.show())
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    widget = BallotsTab(settings)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    return widget


def _committee_then_secretary_issued():
    """A 12-member congress: the committee elected by hand count and published; the secretary's ballots issued."""
    story.roster(12, temporary=1)
    info = story.congress()
    story.check_in_all(info.id)
    tellers = story.open_with_bodies(info.id)
    pool = [p for p in summoned_list(info.id) if p.official and p.situation == "normal" and p not in tellers]
    committee = story.elect(info.id, Post.COMMITTEE, 3, pool[:4], [10, 9, 8, 1])
    count.publish(committee.id)
    members = [p for p in pool if p.key in committee.result.elected]
    election = add_election(info.id, Post.SECRETARY, 1)
    set_candidates(election.rounds[0].id, [members[0].id])
    story.approve(info.id, VoteKind.SEATS, "Số lượng", election.id)
    story.approve(info.id, VoteKind.ELECTION_LIST, "Danh sách", election.id)
    return committee, start_round(get_election(election.id).current_round.id)


def test_the_wall_shows_the_latest_round_under_its_own_title_whatever_round_the_counters_pick(qtbot, tab, answers):
    committee, secretary = _committee_then_secretary_issued()
    tab.refresh(committee.id)  # the counters look at the committee's (published) round
    tab.show_projector()
    wall = tab.projector
    assert "Bầu Bí thư" in wall.election_label.text() and "Lần bầu thứ 1" in wall.election_label.text()
    assert wall.stack.currentIndex() == 0 and wall.result is None  # the secretary's progress, no result
    assert "Đã kiểm 0 / 11 phiếu" in wall.progress_label.text()
    tab.round_combo.setCurrentIndex(tab.round_combo.findData(committee.id))  # pick the old round for its minutes
    assert "Bầu Bí thư" in wall.election_label.text() and wall.result is None


def test_the_wall_shows_a_result_only_once_published_and_then_the_next_round_replaces_it(qtbot, tab, answers):
    story.roster(12, temporary=1)
    info = story.congress()
    story.check_in_all(info.id)
    tellers = story.open_with_bodies(info.id)
    pool = [p for p in summoned_list(info.id) if p.official and p.situation == "normal" and p not in tellers]
    committee = story.elect(info.id, Post.COMMITTEE, 3, pool[:4], [10, 9, 8, 1])
    tab.refresh()
    tab.show_projector()
    wall = tab.projector
    assert "Bầu Ban Chi ủy" in wall.election_label.text() and wall.result is None  # closed, not released
    tab.publish()
    assert wall.result is not None and wall.stack.currentIndex() == 1
    members = [p for p in pool if p.key in committee.result.elected]
    election = add_election(info.id, Post.SECRETARY, 1)
    set_candidates(election.rounds[0].id, [members[0].id])
    story.approve(info.id, VoteKind.SEATS, "Số lượng", election.id)
    story.approve(info.id, VoteKind.ELECTION_LIST, "Danh sách", election.id)
    start_round(get_election(election.id).current_round.id)
    tab.refresh()
    assert "Bầu Bí thư" in wall.election_label.text() and wall.result is None


def test_issuing_ballots_turns_the_ballots_tab_to_that_round(qtbot, tab, answers):
    story.roster(12, temporary=1)
    info = story.congress()
    story.check_in_all(info.id)
    tellers = story.open_with_bodies(info.id)
    pool = [p for p in summoned_list(info.id) if p.official and p.situation == "normal" and p not in tellers]
    committee = story.elect(info.id, Post.COMMITTEE, 3, pool[:4], [10, 9, 8, 1])
    members = [p for p in pool if p.key in committee.result.elected]
    election = add_election(info.id, Post.SECRETARY, 1)
    set_candidates(election.rounds[0].id, [members[0].id])
    story.approve(info.id, VoteKind.SEATS, "Số lượng", election.id)
    story.approve(info.id, VoteKind.ELECTION_LIST, "Danh sách", election.id)
    tab.refresh()
    assert tab.current_round().round_id == committee.id
    secretary = start_round(get_election(election.id).current_round.id)  # «Phát phiếu» on the congress tab
    tab.refresh()  # what the window does when the congress tab changed something
    assert tab.current_round().round_id == secretary.id and tab.entry.isEnabled()
    tab.round_combo.setCurrentIndex(tab.round_combo.findData(committee.id))
    tab.refresh()  # nothing issued since: the counters stay where they chose
    assert tab.current_round().round_id == committee.id


def test_another_data_file_shows_nothing_of_the_previous_one_and_forgets_the_entry_operator(
    qtbot, tab, answers, tmp_path
):
    _committee_then_secretary_issued()
    tab.refresh()
    tab.entered_by_edit.setText("Lê Văn Kiểm")
    tab.entered_by_edit.editingFinished.emit()
    tab.show_projector()
    assert "Bầu Bí thư" in tab.projector.election_label.text()
    close_database()
    open_database(tmp_path / "other.sqlite3")
    set_up_branch()
    tab.set_read_only(False)  # what the window does after opening another data file
    assert tab.entered_by_edit.text() == ""
    assert tab.projector.election_label.text() == "" and tab.projector.congress_label.text() == ""
    assert tab.projector.notice_label.text() == IDLE_TEXT
    assert tab.round_combo.count() == 0


def test_the_runoff_prompt_asks_for_the_show_of_hands_and_new_papers(qtbot, tab, answers):
    story.roster(12, temporary=1)
    info = story.congress()
    story.check_in_all(info.id)
    tellers = story.open_with_bodies(info.id)
    pool = [p for p in summoned_list(info.id) if p.official and p.situation == "normal" and p not in tellers]
    tied = story.elect(info.id, Post.COMMITTEE, 3, pool[:4], [10, 9, 7, 7])  # a tie across the last seat
    tab.refresh(tied.id)
    answers["replies"].append(False)  # not yet: the congress has not voted on the new list
    tab.next_round()
    text = answers["confirm"][-1][0]
    assert "biểu quyết (giơ tay) danh sách lần bầu thứ 2" in text and "In phiếu bầu mới" in text
    assert tab.current_round().round_id == tied.id  # no ballots issued for round 2


def test_switching_the_window_to_another_data_file_clears_the_wall_and_the_entry_operator(
    qtbot, data_file, tmp_path, answers, monkeypatch
):
    from gui.main_window import MainWindow

    monkeypatch.setattr("gui.live_count.projector.ProjectorWindow.present", lambda self: self.show())
    _committee_then_secretary_issued()
    window = MainWindow(data_file, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.ballots_tab is not None)
    tab = window.ballots_tab
    tab.refresh()
    tab.entered_by_edit.setText("Lê Văn Kiểm")
    tab.entered_by_edit.editingFinished.emit()
    tab.show_projector()
    assert "Bầu Bí thư" in tab.projector.election_label.text()
    other = tmp_path / "chi-bo-khac.sqlite3"
    open_database(other)
    set_up_branch()
    close_database()
    open_database(data_file)
    assert window.switch_data_file(other)
    assert tab.entered_by_edit.text() == "" and tab.projector.election_label.text() == ""
    assert tab.projector.notice_label.text() == IDLE_TEXT
