"""The branch's resolutions of the applicant's path, gathered from the domain into reports.admission.resolution's
plain data, numbered in the term of the branch's latest congress (when it has one), and written."""

from __future__ import annotations

import os
from pathlib import Path

from models.admission.applicants import get_applicant
from models.admission.path import admission_vote, applicant_of
from models.admission.recognition import recognition_state
from models.admission.records import ApplicantRecord
from models.core.branch import get_branch
from models.core.dates import fmt
from models.core.errors import ValidationError
from models.counting import percent, percent_label
from models.meetings.meetings import get_meeting
from models.meetings.votes import VoteRecord
from models.roster.member_rules import member_probation_end
from models.roster.members import get_member
from reports.admission.resolution import ResolutionPaper, export_resolution
from reports.core.files import safe_filename
from reports.core.party_document import Signature
from services.meetings.paper_header import paper_header

GROUNDS = (
    "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
    "Căn cứ Quy định thi hành Điều lệ Đảng và các hướng dẫn của Trung ương về công tác đảng viên;",
)
RECIPIENTS = ("Đảng ủy cấp trên (để báo cáo),", "Lưu chi bộ.")


def _percent(count: int, d: int) -> str:
    return percent_label(percent(count, d))


def _meeting_lines(vote: VoteRecord, what: str) -> tuple[str, ...]:
    meeting = get_meeting(vote.meeting_id)
    branch = get_branch()
    name = branch.name if branch else "Chi bộ"
    official = sum(1 for p in meeting.attendees if p.official)
    present = sum(1 for p in meeting.attendees if p.official and p.attendance == "present")
    probationary = sum(1 for p in meeting.attendees if not p.official and p.attendance == "present")
    return (
        f"Ngày {fmt(meeting.held_on)}, {name} họp xét {what}.",
        f"Tổng số đảng viên chính thức của chi bộ: {official}; số đảng viên chính thức làm căn cứ tính kết quả (D): "
        f"{vote.d}; có mặt {present} đảng viên chính thức và {probationary} đảng viên dự bị (đảng viên dự bị không "
        "biểu quyết).",
    )


def _figures(vote: VoteRecord) -> tuple[tuple[str, int, str], ...]:
    return tuple(
        (label, count, _percent(count, vote.d))
        for label, count in (
            ("Tán thành", vote.yes),
            ("Không tán thành", vote.no),
            ("Không biểu quyết, phiếu không hợp lệ", vote.invalid),
        )
    )


def _vote_heading(vote: VoteRecord) -> str:
    return (
        f"Kết quả biểu quyết ({vote.form.label.lower()}), so với D = {vote.d}, cần từ {vote.needed} tán thành "
        "(hai phần ba):"
    )


def _resolution(
    form: str, proposal: str, person: tuple[tuple[str, str], ...], vote: VoteRecord, upper_decides: str
) -> ResolutionPaper:
    """A path resolution: the meeting proposed `proposal` ("kết nạp …", "công nhận …") by the vote that passed, and
    asks the higher committee to decide `upper_decides`; the person's particulars left blank are not printed."""
    resolves = (
        f"1. Đề nghị cấp ủy cấp trên xem xét, {upper_decides}: {vote.yes}/{vote.d} đảng viên chính thức tán thành "
        f"({_percent(vote.yes, vote.d)}), đạt từ hai phần ba trở lên.",
        "2. Chi ủy hoàn thiện hồ sơ, báo cáo cấp ủy cấp trên theo quy định.",
    )
    return ResolutionPaper(
        form,
        "NGHỊ QUYẾT",
        f"Đề nghị {proposal}",
        GROUNDS,
        _meeting_lines(vote, f"đề nghị {proposal}"),
        tuple((label, value) for label, value in person if value),
        _vote_heading(vote),
        _figures(vote),
        resolves,
        RECIPIENTS,
    )


def _sponsors(applicant: ApplicantRecord) -> str:
    names = [f"{get_member(s.member_id).full_name} (cùng công tác từ {fmt(s.since)})" for s in applicant.sponsors]
    if applicant.union_resolution_date:
        union = applicant.union_name or "Đoàn thể"
        names.append(f"{union}, nghị quyết giới thiệu ngày {fmt(applicant.union_resolution_date)}")
    return "; ".join(names)


def admission_paper(applicant_id: int) -> tuple[ResolutionPaper, VoteRecord]:
    """The resolution proposing admission (6-KNĐ) from the vote that passed."""
    applicant = get_applicant(applicant_id)
    vote = admission_vote(applicant_id)
    if vote is None:
        raise ValidationError(
            f"Chi bộ chưa biểu quyết đề nghị kết nạp {applicant.full_name} (đạt hai phần ba): chưa có nghị quyết.",
            "applicant",
        )
    person = (
        ("Họ và tên", applicant.full_name),
        ("Giới tính", applicant.gender),
        ("Ngày sinh", fmt(applicant.birth_date)),
        ("Quê quán", applicant.hometown),
        ("Nơi cư trú", applicant.residence),
        ("Trình độ giáo dục phổ thông", applicant.education),
        ("Nơi làm việc", applicant.workplace),
        ("Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng", f"ngày {fmt(applicant.certificate_date)}"),
        ("Đơn xin vào Đảng", f"ngày {fmt(applicant.application_date)}"),
        ("Người giới thiệu", _sponsors(applicant)),
    )
    paper = _resolution(
        "Mẫu 6-KNĐ",
        f"kết nạp quần chúng {applicant.full_name} vào Đảng",
        person,
        vote,
        f"quyết định kết nạp quần chúng {applicant.full_name} vào Đảng Cộng sản Việt Nam",
    )
    return paper, vote


def recognition_paper(member_id: int) -> tuple[ResolutionPaper, VoteRecord]:
    """The resolution proposing recognition as an official member (13-KNĐ) from the vote that passed."""
    member = get_member(member_id)
    state = recognition_state(member_id)
    vote = next((v for v in state.votes if v.passed), None)
    if vote is None:
        raise ValidationError(
            f"Chi bộ chưa biểu quyết đề nghị công nhận chính thức cho {member.full_name} (đạt hai phần ba).", "member"
        )
    end = member_probation_end(member)
    record = applicant_of(member_id)
    helper = get_member(record.helper_member_id).full_name if record and record.helper_member_id else ""
    person = (
        ("Họ và tên", member.full_name),
        ("Ngày sinh", fmt(member.birth_date)),
        ("Ngày vào Đảng (quyết định kết nạp)", fmt(member.admission_date)),
        ("Ngày tổ chức lễ kết nạp", fmt(member.ceremony_date)),
        ("Hết 12 tháng dự bị", fmt(end)),
        ("Đảng viên giúp đỡ", helper),
    )
    paper = _resolution(
        "Mẫu 13-KNĐ",
        f"công nhận đảng viên chính thức cho đồng chí {member.full_name}",
        person,
        vote,
        f"công nhận đồng chí {member.full_name} là đảng viên chính thức từ ngày {fmt(end)}",
    )
    return paper, vote


def _write(paper: ResolutionPaper, vote: VoteRecord, path: str | os.PathLike[str]) -> Path:
    """Numbered as the vote's own paper (services.meetings.vote_papers): one resolution, one number."""
    header = paper_header(vote.held_on, "NQ", f"meeting-vote:{vote.id}", f"{paper.title} {paper.summary}")
    branch = get_branch()
    return export_resolution(
        path, paper, header, Signature("T/M CHI BỘ", "BÍ THƯ", branch.secretary_name if branch else "")
    )


def export_admission_resolution(applicant_id: int, path: str | os.PathLike[str]) -> Path:
    paper, vote = admission_paper(applicant_id)
    return _write(paper, vote, path)


def export_recognition_resolution(member_id: int, path: str | os.PathLike[str]) -> Path:
    paper, vote = recognition_paper(member_id)
    return _write(paper, vote, path)


def resolution_file_name(paper: ResolutionPaper) -> str:
    return safe_filename(f"{paper.form_code} - {paper.summary}") + ".xlsx"
