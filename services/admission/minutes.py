"""The minutes of a branch meeting that voted on applicants or probationary members, gathered from the meeting's
list and votes (models.meetings) into reports.admission.minutes' plain data, numbered as a BB paper of the term."""

from __future__ import annotations

import os
from pathlib import Path

from models.core.branch import get_branch
from models.core.dates import fmt
from models.core.errors import ValidationError
from models.counting import Attendance
from models.meetings.meetings import base_of, get_meeting
from models.meetings.votes import meeting_votes
from reports.admission.minutes import MeetingMinutes, MinutesVote, export_minutes
from services.meetings.paper_header import paper_header

ABSENCE = {Attendance.ABSENT_APPROVED: "vắng có lý do", Attendance.ABSENT: "vắng không có lý do"}


def meeting_minutes(meeting_id: int) -> MeetingMinutes:
    meeting = get_meeting(meeting_id)
    votes = meeting_votes(meeting_id)
    if not votes:
        raise ValidationError(f"Hội nghị ngày {fmt(meeting.held_on)} chưa ghi biểu quyết nào: chưa có biên bản.", "")
    branch = get_branch()
    name = branch.name if branch else "Chi bộ"
    people = meeting.attendees
    official = [p for p in people if p.official]
    present = [p for p in people if p.attendance == Attendance.PRESENT]
    absent = [p for p in people if p.attendance != Attendance.PRESENT]
    base = base_of(people, meeting.exclude_absent_approved)
    attendance = [
        f"Tổng số đảng viên của chi bộ: {len(people)} ({len(official)} chính thức, {len(people) - len(official)} dự "
        f"bị); có mặt {len(present)} ({base.present_official} đảng viên chính thức biểu quyết, "
        f"{base.present_probationary} đảng viên dự bị dự họp, không biểu quyết).",
    ]
    if absent:
        listed = "; ".join(
            f"{p.full_name} ({ABSENCE.get(p.attendance, 'vắng')}{': ' + p.reason if p.reason else ''})" for p in absent
        )
        attendance.append(f"Vắng mặt: {listed}.")
    attendance.append(f"Số đảng viên chính thức làm căn cứ tính kết quả biểu quyết: {base.text}.")
    rows = [
        MinutesVote(
            f"{v.kind.label}: {v.subject_name}",
            v.form.label,
            v.yes,
            v.no,
            v.invalid,
            f"{'Thông qua' if v.passed else 'Không thông qua'} ({v.yes}/{v.d}, cần {v.needed})",
        )
        for v in votes
    ]
    return MeetingMinutes(
        f"Hội nghị {name} ngày {fmt(meeting.held_on)}: {meeting.purpose[:1].lower()}{meeting.purpose[1:]}",
        (
            f"Hôm nay, ngày {fmt(meeting.held_on)}, {name} họp {meeting.purpose[:1].lower()}{meeting.purpose[1:]}.",
            f"Chủ trì: đồng chí {meeting.chair or '……'}; thư ký: đồng chí {meeting.secretary or '……'}.",
        ),
        tuple(attendance),
        tuple(rows),
        ("Biên bản đã được thông qua tại hội nghị.",),
        meeting.secretary,
        meeting.chair,
    )


def export_meeting_minutes(meeting_id: int, path: str | os.PathLike[str]) -> Path:
    minutes = meeting_minutes(meeting_id)
    held_on = get_meeting(meeting_id).held_on
    return export_minutes(path, minutes, paper_header(held_on, "BB", f"meeting-minutes:{meeting_id}", minutes.summary))
