"""The paper a vote of the branch leaves (models.meetings.thresholds: each kind names its paper): gathered from the
domain into reports.meetings.vote_paper's plain data, numbered in the term of the branch's latest congress, and
written."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

from models.core.branch import get_branch
from models.core.dates import fmt
from models.core.errors import ConflictError
from models.counting import POST_LABELS, Post, percent, percent_label
from models.meetings.leadership import current_leadership
from models.meetings.meetings import base_of, get_meeting
from models.meetings.thresholds import DISCIPLINE_ORDER, VoteKind
from models.meetings.votes import VoteRecord, get_vote
from reports.core.files import safe_filename
from reports.core.party_document import Signature
from reports.meetings.vote_paper import VotePaper
from reports.meetings.vote_paper import export_vote_paper as write_vote_paper
from services.meetings.paper_header import paper_header

# kind -> (document type, title, "về việc …" before the name)
PAPERS: dict[VoteKind, tuple[str, str, str]] = {
    VoteKind.ADMISSION: ("NQ", "NGHỊ QUYẾT", "đề nghị kết nạp vào Đảng quần chúng"),
    VoteKind.RECOGNITION: ("NQ", "NGHỊ QUYẾT", "đề nghị công nhận đảng viên chính thức cho đồng chí"),
    VoteKind.STRIKE_OFF_NOT_RECOGNISED: (
        "NQ",
        "NGHỊ QUYẾT",
        "không công nhận đảng viên chính thức, đề nghị xóa tên đồng chí",
    ),
    VoteKind.DISCIPLINE: ("QĐ", "QUYẾT ĐỊNH", "thi hành kỷ luật đảng viên"),
    VoteKind.PROPOSE_DISMISSAL: ("TTr", "TỜ TRÌNH", "đề nghị thi hành kỷ luật cách chức đảng viên"),
    VoteKind.PROPOSE_EXPULSION: ("TTr", "TỜ TRÌNH", "đề nghị thi hành kỷ luật khai trừ đảng viên"),
    VoteKind.STRIKE_OFF: ("NQ", "NGHỊ QUYẾT", "đề nghị xóa tên trong danh sách đảng viên đồng chí"),
    VoteKind.EXEMPTION: ("NQ", "NGHỊ QUYẾT", "miễn công tác và sinh hoạt đảng cho đồng chí"),
    VoteKind.BY_ELECTION: ("TTr", "TỜ TRÌNH", "đề nghị chuẩn y kết quả bầu bổ sung, đồng chí"),
}
GROUNDS = ("Căn cứ Điều lệ Đảng Cộng sản Việt Nam và Quy định thi hành Điều lệ Đảng;",)


def paper_file_name(vote: VoteRecord) -> str:
    _doc_type, title, about = PAPERS[vote.kind]
    return safe_filename(f"{title.capitalize()} - {about} {vote.subject_name} - {fmt(vote.held_on)}") + ".xlsx"


def vote_paper(vote: VoteRecord) -> VotePaper:
    meeting = get_meeting(vote.meeting_id)
    branch = get_branch()
    name = branch.name if branch else "Chi bộ"
    _doc_type, title, about = PAPERS[vote.kind]
    base = base_of(meeting.attendees, meeting.exclude_absent_approved)
    meeting_lines: tuple[str, ...] = (
        f"Ngày {fmt(meeting.held_on)}, {name} họp {meeting.purpose[:1].lower()}{meeting.purpose[1:]}"
        + (f", đồng chí {meeting.chair} chủ trì" if meeting.chair else "")
        + ".",
        f"Đảng viên chính thức: {base.official}; căn cứ tính kết quả D = {vote.d}; có mặt {base.present_official} "
        f"đảng viên chính thức biểu quyết, {base.present_probationary} đảng viên dự bị (không biểu quyết).",
        f"Hình thức: {vote.form.label.lower()}; thông qua khi {vote.kind.rule.threshold.label} của D tán thành "
        f"(từ {vote.needed} phiếu).",
    )
    if vote.kind is VoteKind.BY_ELECTION and vote.post is not None:
        meeting_lines += (
            f"Thực hiện văn bản số {vote.leave_number} ngày {fmt(vote.leave_on) if vote.leave_on else '...'} của cấp "
            f"ủy cấp trên đồng ý cho chi bộ bầu bổ sung {POST_LABELS[vote.post]}.",
        )
    figures = [("Tán thành", vote.yes), ("Không tán thành", vote.no), ("Không biểu quyết, không hợp lệ", vote.invalid)]
    if vote.kind is VoteKind.DISCIPLINE:
        figures[1:1] = [(f"  trong đó: {k.label}", vote.yes_by_form.get(k.value, 0)) for k in DISCIPLINE_ORDER]
    rows = tuple((label, count, percent_label(percent(count, vote.d))) for label, count in figures)
    outcome_heading = {"NQ": "CHI BỘ QUYẾT NGHỊ:", "QĐ": "CHI BỘ QUYẾT ĐỊNH:", "TTr": "CHI BỘ ĐỀ NGHỊ:"}[_doc_type]
    if vote.kind is VoteKind.DISCIPLINE:
        form = vote.discipline
        outcome = (
            f"Thi hành kỷ luật đồng chí {vote.subject_name} bằng hình thức {form.label.upper()}, có hiệu lực từ "
            "ngày công bố; đảng viên có quyền khiếu nại trong thời hạn một tháng."
            if form
            else f"Không hình thức kỷ luật nào được quá một nửa D: không thi hành kỷ luật đồng chí {vote.subject_name}."
        )
    elif vote.kind is VoteKind.BY_ELECTION and vote.post is not None:
        outcome = (
            f"Đồng chí {vote.subject_name} trúng cử {POST_LABELS[vote.post]} với {vote.yes}/{vote.d} phiếu đồng ý "
            f"({percent_label(percent(vote.yes, vote.d))} so với D). Đề nghị cấp ủy cấp trên xem xét, chuẩn y."
            if vote.passed
            else f"Đồng chí {vote.subject_name} không trúng cử ({vote.yes}/{vote.d}, cần {vote.needed} phiếu)."
        )
    elif vote.passed:
        outcome = f"{vote.kind.label} đối với đồng chí {vote.subject_name}: đạt {vote.yes}/{vote.d} ({title.lower()})."
    else:
        outcome = (
            f"Không đủ số phiếu tán thành ({vote.yes}/{vote.d}, cần {vote.needed}): "
            f"{vote.kind.label.lower()} không được thông qua."
        )
    lines = (f"1. {outcome}", "2. Chi ủy chi bộ có trách nhiệm hoàn thiện hồ sơ, báo cáo cấp ủy cấp trên.")
    return VotePaper(
        title,
        f"Về việc {about} {vote.subject_name}",
        GROUNDS,
        meeting_lines,
        rows,
        outcome_heading,
        lines,
        ("Đảng ủy cấp trên (để báo cáo),", f"Đồng chí {vote.subject_name},", "Lưu chi bộ."),
    )


def export_vote_paper(vote_id: int, path: str | os.PathLike[str]) -> Path:
    """Write the paper of a recorded vote; numbered in the term of the branch's latest congress (when it has one)."""
    vote = get_vote(vote_id)
    if vote.awaiting_count:
        raise ConflictError("Biểu quyết đang kiểm phiếu ở thẻ «Bầu cử»: hãy khóa kết quả và «Lấy kết quả kiểm phiếu».")
    doc_type, title, about = PAPERS[vote.kind]
    header = paper_header(vote.held_on, doc_type, f"meeting-vote:{vote.id}", f"{title} {about}")
    meeting = get_meeting(vote.meeting_id)
    signature = _signature(vote.held_on - timedelta(days=1), meeting.chair)
    return write_vote_paper(path, vote_paper(vote), header, signature)


def _signature(before: date, chair: str) -> Signature:
    """Signed for the branch by its secretary as the meeting found them (not one just elected and not yet
    approved), else by the deputy, else by the meeting's chair."""
    holders = {x.post: x.full_name for x in current_leadership(before) if x.post != Post.COMMITTEE}
    if Post.SECRETARY in holders:
        return Signature("T/M CHI BỘ", "BÍ THƯ", holders[Post.SECRETARY])
    if Post.DEPUTY_SECRETARY in holders:
        return Signature("T/M CHI BỘ", "PHÓ BÍ THƯ", holders[Post.DEPUTY_SECRETARY])
    return Signature("T/M CHI BỘ", "CHỦ TRÌ HỘI NGHỊ", chair)
