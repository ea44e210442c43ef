"""A meeting's secret ballot counted ballot by ballot in the «Bầu cử» tab's engine: a by-election and member
questions (expulsion with two thirds of D, discipline counted one form per round), their figures filled from the
sealed count, their record file, and the congress lists left as they were."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook

from models.congress.congresses import list_congresses
from models.congress.elections import get_election
from models.congress.rounds import next_round
from models.congress.tables import ElectionRound
from models.core.errors import ConflictError, ValidationError
from models.counting import Attendance, Post, count_ballots
from models.live_count.count import count_rounds, sound_round_record
from models.meetings.leadership import current_leadership
from models.meetings.meetings import create_meeting, set_attendance
from models.meetings.secret_ballot import open_secret_ballot, secret_ballot_for, take_count
from models.meetings.thresholds import DisciplineForm, VoteKind
from models.meetings.votes import ByElection, get_vote, meeting_votes
from services.congress.minutes_jobs import prepare_minutes
from services.meetings.vote_papers import export_vote_paper
from tests.support import congress_story as story
from tests.support.meeting_ballots import count_question

DAY = date(2026, 9, 15)
LEAVE = ByElection(Post.SECRETARY, "45-CV/ĐU", date(2026, 9, 1))


def _meeting(purpose: str):
    meeting = create_meeting(DAY, purpose)
    absent = [p for p in meeting.attendees if p.official and p.situation == "normal"][-1]
    set_attendance(meeting.id, absent.member_id, Attendance.ABSENT_APPROVED, "Ốm")  # leaves D
    return meeting


def test_a_by_election_counted_ballot_by_ballot_fills_its_outcome(data_file, tmp_path):
    congress = story.congress_of_35()
    before = current_leadership()[0]
    meeting = _meeting("Bầu bổ sung Bí thư Chi bộ")
    candidate = next(p for p in meeting.attendees if p.official and p.full_name != before.full_name)
    vote = open_secret_ballot(meeting.id, VoteKind.BY_ELECTION, candidate.member_id, by_election=LEAVE)
    assert vote.awaiting_count and not vote.passed and "Đang kiểm phiếu" in vote.outcome_text
    assert current_leadership()[0].full_name == before.full_name  # not elected while being counted
    round_id = secret_ballot_for(vote.id)
    election = get_election(vote.election_id)
    assert election.title == "Bầu bổ sung Bí thư Chi bộ"
    info = election.current_round
    assert (info.electorate.D, info.ballots_issued) == (vote.d, 30)  # D from the meeting's base, not a check-in
    with pytest.raises(ConflictError, match="chưa khóa kết quả"):
        take_count(vote.id)
    with pytest.raises(ConflictError, match="đang kiểm phiếu"):
        export_vote_paper(vote.id, tmp_path / "to-trinh.xlsx")  # no paper before the count
    assert not (tmp_path / "to-trinh.xlsx").exists()
    count_question(round_id, 16, 13, 1)
    counted = take_count(vote.id)
    assert (counted.yes, counted.no, counted.invalid, counted.d) == (16, 13, 1, 30)
    assert counted.passed and counted.outcome_text.startswith("Trúng cử Bí thư Chi bộ (16/30")
    assert current_leadership()[0].full_name == candidate.full_name
    with pytest.raises(ConflictError, match="đã có kết quả"):
        take_count(vote.id)
    # the congress lists do not show the row hosting the meeting's ballot; the «Bầu cử» tab lists its round
    assert [c.id for c in list_congresses()] == [congress.id]
    listed = next(r for r in count_rounds() if r.round_id == round_id)
    assert listed.label.startswith("Hội nghị chi bộ ngày 15/09/2026") and "Bầu bổ sung Bí thư Chi bộ" in listed.label
    record = sound_round_record(round_id)
    assert record.congress.startswith("Hội nghị") and record.title == "Bầu bổ sung Bí thư Chi bộ"
    assert count_ballots(record.election, record.ballots).candidates[0].votes == 16
    # the counting minutes from the data file name the meeting, issued by the branch, with the record file beside
    written = prepare_minutes(round_id).write(tmp_path / "bb.xlsx")
    texts = [str(c.value) for row in load_workbook(written).active.iter_rows() for c in row if c.value is not None]
    assert any("Hội nghị Chi bộ Văn phòng Sở ngày 15/09/2026" in text for text in texts)
    assert "CHI BỘ VĂN PHÒNG SỞ" in texts  # the branch issues the paper
    assert not any("đại hội" in text.lower() for text in texts)  # those not in D in the meeting's own wording
    assert any("Vắng mặt cả buổi hội nghị có lý do được chấp thuận" in text for text in texts), [
        t for t in texts if "ắng" in t
    ]
    assert (tmp_path / "bb.json").exists()
    # the request for approval (tờ trình chuẩn y) reads the counted result
    paper = export_vote_paper(vote.id, tmp_path / "to-trinh.xlsx")
    cells = [str(c.value) for row in load_workbook(paper).active.iter_rows() for c in row if c.value is not None]
    assert any("trúng cử Bí thư Chi bộ với 16/30 phiếu" in text for text in cells)


def test_an_expulsion_needs_two_thirds_of_d_counted_from_the_ballots(data_file, tmp_path):
    story.congress_of_35()
    meeting = _meeting("Xem xét kỷ luật")
    member = next(p for p in meeting.attendees if p.official)
    vote = open_secret_ballot(meeting.id, VoteKind.PROPOSE_EXPULSION, member.member_id)
    title = f"Đề nghị kỷ luật khai trừ: đồng chí {member.full_name} (thông qua khi từ 20 phiếu đồng ý)"
    assert get_election(vote.election_id).title == title  # the test on D, not the engine's more than half
    count_question(secret_ballot_for(vote.id), 19, 11)  # 19 of D = 30: more than half, less than two thirds
    counted = take_count(vote.id)
    assert (counted.yes, counted.no, counted.needed, counted.passed) == (19, 11, 20, False)
    # its counting minutes state the question's test, not the engine's "trúng cử" at more than half
    written = prepare_minutes(secret_ballot_for(vote.id)).write(tmp_path / "bb.xlsx")
    texts = [str(c.value) for row in load_workbook(written).active.iter_rows() for c in row if c.value is not None]
    assert any("ít nhất hai phần ba của D = 30 đồng ý, tức từ 20 phiếu" in text for text in texts)
    assert "Kết quả: 19/30 phiếu đồng ý: KHÔNG THÔNG QUA." in texts
    assert [text for text in texts if "trúng cử" in text.lower()] == []


def test_a_show_of_cards_kind_or_an_unknown_subject_is_refused(data_file):
    story.congress_of_35()
    meeting = _meeting("Xem xét")
    with pytest.raises(ValidationError, match="đảng viên hoặc một quần chúng"):
        open_secret_ballot(meeting.id, VoteKind.STRIKE_OFF, None)  # type: ignore[arg-type]
    assert meeting_votes(meeting.id) == []


def test_discipline_is_counted_one_form_per_round_heaviest_first(data_file):
    story.congress_of_35()
    meeting = _meeting("Thi hành kỷ luật")
    member = next(p for p in meeting.attendees if p.official)
    vote = open_secret_ballot(meeting.id, VoteKind.DISCIPLINE, member.member_id)
    first = secret_ballot_for(vote.id)
    assert "Cảnh cáo" in get_election(vote.election_id).current_round.notes
    count_question(first, 12, 18)  # warning: 12 of D = 30 does not pass
    late = next(p for p in meeting.attendees if p.official and p.member_id != member.member_id)
    set_attendance(meeting.id, late.member_id, Attendance.ABSENT_APPROVED, "Về sớm")  # after round 1: D stays
    pending = take_count(vote.id)
    assert pending.awaiting_count and get_election(vote.election_id).current_round.electorate.D == 30
    with pytest.raises(ConflictError, match="Thẻ «Hội nghị chi bộ»|thẻ «Hội nghị chi bộ»"):
        next_round(vote.election_id)  # the «Bầu cử» tab's next round is the congress's, not the meeting's
    second = secret_ballot_for(vote.id)
    assert second != first and "Khiển trách" in get_election(vote.election_id).current_round.notes
    count_question(second, 17, 13)  # reprimand (or heavier): 2 × 17 > 30
    counted = take_count(vote.id)
    assert counted.yes_by_form == {"warning": 12, "reprimand": 5} and counted.yes == 17
    with pytest.raises(ConflictError, match="hội nghị chi bộ đã có kết quả"):
        next_round(vote.election_id)  # the result taken: the meeting's ballot is read-only
    assert counted.discipline is DisciplineForm.REPRIMAND and counted.passed


def test_a_count_whose_stored_result_was_edited_outside_chibo_fills_nothing(data_file):
    story.congress_of_35()
    meeting = _meeting("Xem xét kỷ luật")
    member = next(p for p in meeting.attendees if p.official)
    vote = open_secret_ballot(meeting.id, VoteKind.PROPOSE_DISMISSAL, member.member_id)
    round_id = secret_ballot_for(vote.id)
    count_question(round_id, 10, 20)
    row = ElectionRound.get_by_id(round_id)
    stored = json.loads(row.result)
    stored["votes"] = {key: 25 for key in stored["votes"]}  # raw SQL: "carried" with 25 in the stored result
    ElectionRound.update(result=json.dumps(stored)).where(ElectionRound.id == round_id).execute()
    with pytest.raises(ConflictError, match="không dùng được"):
        take_count(vote.id)
    after = get_vote(vote.id)
    assert after.awaiting_count and (after.yes, after.no) == (0, 0) and not after.passed
