"""The story of issue 22's admissions: a branch of 11 official members admits two applicants (meeting, votes on D,
resolutions 6-KNĐ, decisions, ceremonies) and then reads 11 official + 2 probationary; a year later one of them is
recognised (13-KNĐ). The papers are written and read back cell by cell."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from models.admission.path import hold_ceremony, propose_admission, record_decision
from models.admission.recognition import propose_recognition, record_recognition
from models.counting import Attendance
from models.meetings.meetings import create_meeting, set_attendance
from models.meetings.thresholds import VoteForm
from models.roster.member_status import member_status
from models.roster.members import all_members, get_member
from models.roster.statistics import branch_statistics
from services.admission.papers import export_admission_resolution, export_recognition_resolution
from tests.support import congress_story as story
from tests.support.applicants import ready_applicant


def _texts(path) -> list[str]:
    ws = openpyxl.load_workbook(path).active
    return [str(cell.value) for row in ws.iter_rows() for cell in row if cell.value is not None]


def _counts(on: date) -> tuple[int, int]:
    statuses = [member_status(m, on) for m in all_members()]
    current = [s for s in statuses if s.is_current_member]
    return sum(s.is_official for s in current), sum(s.is_probationary for s in current)


@pytest.fixture
def branch(data_file):
    return story.roster(11)


def test_two_applicants_admitted_then_one_recognised(branch, tmp_path):
    hoa = ready_applicant(branch)
    binh = ready_applicant(branch[2:], name="Lê Văn Bình", birth_date=date(2001, 2, 28))
    meeting = create_meeting(date(2025, 9, 15), "Xét đề nghị kết nạp đảng viên")
    set_attendance(meeting.id, branch[10].id, Attendance.ABSENT_APPROVED, "Đi công tác")  # D = 10
    first = propose_admission(meeting.id, hoa.id, VoteForm.SHOW_OF_CARDS, 10, 0)
    second = propose_admission(meeting.id, binh.id, VoteForm.SHOW_OF_CARDS, 7, 3)
    assert (first.d, first.passed, second.needed, second.passed) == (10, True, 7, True)
    paper = export_admission_resolution(hoa.id, tmp_path / "6-KND.xlsx")
    texts = _texts(paper)
    assert texts[0] == "Mẫu 6-KNĐ"
    assert "NGHỊ QUYẾT" in texts and "Đề nghị kết nạp quần chúng Hoàng Thị Hoa vào Đảng" in texts
    assert any("(D): 10; có mặt 10 đảng viên chính thức" in t for t in texts)
    assert "- Tán thành: 10 đồng chí (100,00%)" in texts
    assert "- Ngày sinh: 20/08/1998" in texts
    assert any(
        t.startswith("1. Đề nghị cấp ủy cấp trên xem xét, quyết định kết nạp quần chúng Hoàng Thị Hoa") for t in texts
    )
    ws = openpyxl.load_workbook(paper).active
    assert (ws.page_setup.paperSize, ws.page_setup.orientation, ws.page_setup.fitToHeight) == (9, "portrait", 1)

    for applicant, number in ((hoa, "125-QĐ/ĐU"), (binh, "126-QĐ/ĐU")):
        record_decision(applicant.id, number, date(2025, 10, 20), date(2025, 10, 22))
        hold_ceremony(applicant.id, date(2025, 11, 5), helper_id=branch[0].id)
    assert _counts(date(2025, 11, 6)) == (11, 2)
    on = date(2025, 11, 6)
    kinds = next(s for s in branch_statistics(all_members(), [], on, (date(2025, 1, 1), on), 2024) if s.key == "kind")
    assert (kinds.count("official"), kinds.count("probationary")) == (11, 2)  # the statistics report reads the same
    movements = branch_statistics(all_members(), [], on, (date(2025, 1, 1), on), 2024)[-2]
    assert movements.count("admitted") == 2

    hoa_member = next(m for m in all_members() if m.full_name == "Hoàng Thị Hoa")
    recognition = create_meeting(date(2026, 11, 10), "Xét công nhận đảng viên chính thức")
    vote = propose_recognition(recognition.id, hoa_member.id, VoteForm.SECRET_BALLOT, 9, 2)
    assert (vote.d, vote.passed) == (11, True)  # the two probationary members attend without a vote
    paper = export_recognition_resolution(hoa_member.id, tmp_path / "13-KND.xlsx")
    texts = _texts(paper)
    assert texts[0] == "Mẫu 13-KNĐ"
    assert "- Hết 12 tháng dự bị: 05/11/2026" in texts
    assert "- Đảng viên giúp đỡ: " + branch[0].full_name in texts
    assert any("là đảng viên chính thức từ ngày 05/11/2026: 9/11" in t for t in texts)
    record_recognition(hoa_member.id, "310-QĐ/ĐU", date(2026, 11, 25))
    assert get_member(hoa_member.id).official_date == date(2026, 11, 5)
    assert _counts(date(2026, 11, 26)) == (12, 1)


def test_the_resolution_is_numbered_in_the_congress_term_once_with_the_vote_s_own_paper(branch, tmp_path):
    from services.meetings.vote_papers import export_vote_paper

    story.congress()  # opened 20/06/2025, before the meeting
    hoa = ready_applicant(branch)
    meeting = create_meeting(date(2025, 9, 15), "Xét đề nghị kết nạp đảng viên")
    vote = propose_admission(meeting.id, hoa.id, VoteForm.SHOW_OF_CARDS, 11, 0)
    texts = _texts(export_admission_resolution(hoa.id, tmp_path / "6-KND.xlsx"))
    generic = _texts(export_vote_paper(vote.id, tmp_path / "vote.xlsx"))
    number = next(t for t in texts if t.startswith("Số "))
    assert number.endswith("-NQ/CB") and number in generic
    assert _texts(export_admission_resolution(hoa.id, tmp_path / "again.xlsx")).count(number) == 1


def test_the_meeting_s_minutes_list_who_was_there_d_and_each_vote(branch, tmp_path):
    from services.admission.minutes import export_meeting_minutes

    hoa = ready_applicant(branch)
    binh = ready_applicant(branch[2:], name="Lê Văn Bình")
    meeting = create_meeting(date(2025, 9, 15), "Xét đề nghị kết nạp đảng viên", "Nguyễn Văn An", "Trần Thị Bình")
    set_attendance(meeting.id, branch[10].id, Attendance.ABSENT_APPROVED, "Đi công tác")
    propose_admission(meeting.id, hoa.id, VoteForm.SHOW_OF_CARDS, 10, 0)
    propose_admission(meeting.id, binh.id, VoteForm.SECRET_BALLOT, 6, 4)
    path = export_meeting_minutes(meeting.id, tmp_path / "BB.xlsx")
    ws = openpyxl.load_workbook(path).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    texts = _texts(path)
    assert "BIÊN BẢN" in texts
    assert any(t.startswith("Vắng mặt: ") and "(vắng có lý do: Đi công tác)" in t for t in texts)
    assert any("D = 10 (11 đảng viên chính thức, trừ 1 vắng cả buổi có lý do)" in t for t in texts)
    votes = [r for r in rows if r[0] in (1, 2)]
    assert votes[0][1:] == [
        "Đề nghị kết nạp vào Đảng: Hoàng Thị Hoa",
        "Giơ thẻ đảng viên",
        10,
        0,
        0,
        "Thông qua (10/10, cần 7)",
    ]
    assert votes[1][6] == "Không thông qua (6/10, cần 7)"
    assert "NGUYỄN VĂN AN" not in texts and "Nguyễn Văn An" in texts  # the chair signs under their name
