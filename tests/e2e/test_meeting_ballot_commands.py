"""A branch meeting's by-election counted ballot by ballot, then its record file read headless as an auditor does:
`python main.py count`, `minutes` and `verify` (against the file and against the data file)."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from models.admission.path import open_admission_ballot
from models.core.database import close_database, open_database
from models.counting import Attendance, Post, write_record
from models.counting.check_code import code_text
from models.live_count.count import sound_round_record
from models.meetings.meetings import create_meeting, set_attendance
from models.meetings.secret_ballot import open_secret_ballot, secret_ballot_for, take_count
from models.meetings.thresholds import VoteKind
from models.meetings.votes import ByElection
from services.congress.minutes_jobs import prepare_minutes
from tests.support import congress_story as story
from tests.support.applicants import ready_applicant
from tests.support.commands import chibo
from tests.support.meeting_ballots import count_question
from tests.support.people import set_up_branch


def test_a_meeting_s_by_election_record_is_counted_minuted_and_verified_headless(tmp_path):
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    set_up_branch()
    story.congress_of_35()
    meeting = create_meeting(date(2026, 9, 15), "Bầu bổ sung Phó Bí thư")
    absent = [p for p in meeting.attendees if p.official][-1]
    set_attendance(meeting.id, absent.member_id, Attendance.ABSENT_APPROVED, "Công tác")
    candidate = next(p for p in meeting.attendees if p.official)
    leave = ByElection(Post.DEPUTY_SECRETARY, "46-CV/ĐU", date(2026, 9, 2))
    vote = open_secret_ballot(meeting.id, VoteKind.BY_ELECTION, candidate.member_id, by_election=leave)
    round_id = secret_ballot_for(vote.id)
    count_question(round_id, 18, 12)
    take_count(vote.id)
    record = sound_round_record(round_id)
    code = code_text(record)
    record_path = tmp_path / "bau-bo-sung.json"
    write_record(record, record_path)
    close_database()

    counted = chibo("count", str(record_path))
    assert counted.returncode == 0, counted.stderr
    assert candidate.full_name in counted.stdout and "18" in counted.stdout
    out = tmp_path / "bien-ban.xlsx"
    minutes = chibo("minutes", str(record_path), "-o", str(out))
    assert minutes.returncode == 0, minutes.stderr
    texts = "\n".join(str(c.value) for row in load_workbook(out).active.iter_rows() for c in row if c.value)
    assert "Hội nghị" in texts and "ngày 15/09/2026" in texts and "Bầu bổ sung Phó Bí thư Chi bộ" in texts
    assert "đại hội" not in texts.lower()  # those not in D in the meeting's own wording, from the record alone
    assert "Vắng mặt cả buổi hội nghị có lý do được chấp thuận" in texts
    assert chibo("verify", str(record_path), "--code", code).returncode == 0
    in_data = chibo("verify", "--code", code, "--db", str(path))
    assert in_data.returncode == 0, in_data.stdout + in_data.stderr


def test_minutes_from_a_question_s_record_alone_state_its_own_test_on_d(tmp_path):
    """An expulsion carried by 20 of D = 30 (two thirds), not merely more than half: `minutes RECORD.json` says so
    exactly as the minutes from the data file do."""
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    set_up_branch()
    story.congress_of_35()
    meeting = create_meeting(date(2026, 9, 15), "Xem xét kỷ luật")
    absent = [p for p in meeting.attendees if p.official][-1]
    set_attendance(meeting.id, absent.member_id, Attendance.ABSENT_APPROVED, "Công tác")
    member = next(p for p in meeting.attendees if p.official)
    vote = open_secret_ballot(meeting.id, VoteKind.PROPOSE_EXPULSION, member.member_id)
    round_id = secret_ballot_for(vote.id)
    count_question(round_id, 19, 11)  # more than half of D = 30, less than two thirds
    take_count(vote.id)
    from_data = prepare_minutes(round_id).write(tmp_path / "from-data.xlsx")
    record_path = tmp_path / "khai-tru.json"
    write_record(sound_round_record(round_id), record_path)
    close_database()

    out = tmp_path / "from-record.xlsx"
    minutes = chibo("minutes", str(record_path), "-o", str(out))
    assert minutes.returncode == 0, minutes.stderr

    def said(workbook):
        texts = [str(c.value) for row in load_workbook(workbook).active.iter_rows() for c in row if c.value]
        return [t for t in texts if "D = 30" in t or t.startswith("Kết quả:")], texts

    lines, texts = said(out)
    assert f"Đề nghị kỷ luật khai trừ đối với đồng chí {member.full_name}" in "\n".join(lines)
    assert any("ít nhất hai phần ba của D = 30 đồng ý, tức từ 20 phiếu" in t for t in lines)
    assert "Kết quả: 19/30 phiếu đồng ý: KHÔNG THÔNG QUA." in texts
    assert [t for t in texts if "trúng cử" in t.lower()] == []
    assert lines == said(from_data)[0]  # the same wording as from the data file


def test_an_admission_s_record_is_minuted_and_verified_headless(tmp_path):
    """An applicant (not a member) on the ballot: the record file carries the name and `minutes` says THÔNG QUA on
    two thirds of D; `verify` matches the data file."""
    path = tmp_path / "chibo.sqlite3"
    open_database(path)
    set_up_branch()
    branch = story.roster(11)
    hoa = ready_applicant(branch)
    meeting = create_meeting(date(2025, 9, 15), "Xét đề nghị kết nạp đảng viên")
    vote = open_admission_ballot(meeting.id, hoa.id)
    round_id = secret_ballot_for(vote.id)
    count_question(round_id, 8, 3)  # 3·8 = 24 ≥ 2·11
    take_count(vote.id)
    record = sound_round_record(round_id)
    code = code_text(record)
    record_path = tmp_path / "ket-nap.json"
    write_record(record, record_path)
    close_database()

    out = tmp_path / "bien-ban.xlsx"
    minutes = chibo("minutes", str(record_path), "-o", str(out))
    assert minutes.returncode == 0, minutes.stderr
    texts = [str(c.value) for row in load_workbook(out).active.iter_rows() for c in row if c.value]
    assert any("Đề nghị kết nạp vào Đảng đối với quần chúng Hoàng Thị Hoa" in t for t in texts)
    assert "Kết quả: 8/11 phiếu đồng ý: THÔNG QUA." in texts
    assert chibo("verify", str(record_path), "--code", code).returncode == 0
    in_data = chibo("verify", "--code", code, "--db", str(path))
    assert in_data.returncode == 0, in_data.stdout + in_data.stderr
