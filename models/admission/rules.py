"""What an applicant still lacks before the branch votes on admission (docs/domain.md §6, the applicant's path).

Pure functions over plain records: the age in whole months at the meeting's date (18 years 0 months to 60 years
0 months; over 60 only with the provincial committee's written consent), lower-secondary education, the awareness
certificate valid 60 months, the application, the verified personal history, two official sponsors who have worked
or lived with the applicant 12 months (or a union's resolution and one sponsor), the comments collected, and the
steps in date order; a re-admission once only, at least 36 months after leaving the Party, never after quitting
activity or a serious conviction. Months follow the civil code (Bộ luật Dân sự 2015, Điều 148): a period ending
on a day the month lacks (31st, 29 February) ends on that month's last day.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from models.admission.records import ApplicantRecord
from models.core.dates import fmt
from models.roster.event_kinds import EventKind
from models.roster.member_rules import add_months, effective_events
from models.roster.member_status import member_status
from models.roster.records import MemberRecord

MIN_AGE_MONTHS = 18 * 12
MAX_AGE_MONTHS = 60 * 12  # 60 years 0 months; older only with the provincial committee's consent
CERTIFICATE_VALID_MONTHS = 60
SPONSOR_TOGETHER_MONTHS = 12
READMISSION_AFTER_MONTHS = 36
LEFT_THE_PARTY = frozenset({"struck_off", "expelled", "resigned"})  # models.roster.member_status codes
LOWER_SECONDARY_GRADE = 9


@dataclass(frozen=True)
class Lack:
    """One thing missing or wrong, with the step it belongs to (a key of STEP_LABELS)."""

    step: str
    message: str


STEP_LABELS: dict[str, str] = {
    "identity": "Lý lịch cá nhân",
    "age": "Tuổi",
    "education": "Học vấn",
    "certificate": "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng",
    "application": "Đơn xin vào Đảng (1-KNĐ)",
    "history": "Lý lịch người xin vào Đảng (2-KNĐ)",
    "sponsors": "Người giới thiệu (3-KNĐ, 4-KNĐ)",
    "comments": "Tổng hợp ý kiến nhận xét (5-KNĐ)",
    "readmission": "Kết nạp lại",
}


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end`: the largest n with `start` moved n months not after `end` (0 if none)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and add_months(start, months) > end:
        months -= 1
    return max(months, 0)


def age_in_months(birth_date: date, on: date) -> int:
    """The age in whole months on `on`; born on 31/1, a month is complete on the last day of February."""
    return months_between(birth_date, on)


def certificate_last_valid_day(certificate_date: date) -> date:
    """The last day the awareness certificate counts: the day before its 60 months are complete."""
    return add_months(certificate_date, CERTIFICATE_VALID_MONTHS) - timedelta(days=1)


def _age_text(months: int) -> str:
    return f"{months // 12} tuổi {months % 12} tháng"


def _grade(education: str) -> int | None:
    found = re.match(r"\s*(\d{1,2})\s*/\s*(10|12)\s*$", education)
    if not found:
        return None
    grade, system = int(found.group(1)), int(found.group(2))
    return grade if system == 12 else grade + 2  # the old ten-year system: 7/10 ended lower-secondary (9/12)


def applicant_lacks(applicant: ApplicantRecord, meeting_date: date, members: Mapping[int, MemberRecord]) -> list[Lack]:
    """Everything the applicant still lacks for a branch meeting on `meeting_date`, in the order of the steps.

    `members` are the branch's members by id (the sponsors are looked up there); an empty list means ready.
    """
    lacks: list[Lack] = []
    lacks += _identity(applicant)
    lacks += _age(applicant, meeting_date)
    lacks += _education(applicant)
    lacks += _certificate(applicant, meeting_date)
    lacks += _papers(applicant, meeting_date)
    lacks += _sponsors(applicant, meeting_date, members)
    lacks += _comments(applicant, meeting_date)
    lacks += _readmission(applicant, meeting_date, members)
    return lacks


def _identity(a: ApplicantRecord) -> list[Lack]:
    return [] if a.full_name.strip() else [Lack("identity", "Chưa có họ và tên.")]


def _age(a: ApplicantRecord, on: date) -> list[Lack]:
    if a.birth_date is None:
        return [Lack("age", "Chưa có ngày sinh.")]
    months = age_in_months(a.birth_date, on)
    if months < MIN_AGE_MONTHS:
        return [Lack("age", f"Tại ngày họp chi bộ {fmt(on)} mới {_age_text(months)}: chưa đủ 18 tuổi.")]
    if months > MAX_AGE_MONTHS and not a.over_60_consent.strip():
        return [
            Lack(
                "age",
                f"Tại ngày họp chi bộ {fmt(on)} đã {_age_text(months)}: trên 60 tuổi phải có văn bản đồng ý của "
                "cấp ủy tỉnh (ghi số, ngày văn bản).",
            )
        ]
    return []


def _education(a: ApplicantRecord) -> list[Lack]:
    if not a.education.strip():
        return [Lack("education", "Chưa ghi trình độ giáo dục phổ thông (ví dụ 12/12).")]
    grade = _grade(a.education)
    if grade is not None and grade < LOWER_SECONDARY_GRADE and not a.education_exception.strip():
        return [
            Lack(
                "education",
                f"Trình độ {a.education.strip()}: chưa tốt nghiệp trung học cơ sở; chỉ vùng đặc biệt khó khăn mới "
                "được ngoại lệ (ghi căn cứ).",
            )
        ]
    return []


def _certificate(a: ApplicantRecord, on: date) -> list[Lack]:
    if a.certificate_date is None:
        return [Lack("certificate", "Chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng.")]
    if a.certificate_date > on:
        return [Lack("certificate", f"Giấy chứng nhận ngày {fmt(a.certificate_date)} sau ngày họp chi bộ {fmt(on)}.")]
    last = certificate_last_valid_day(a.certificate_date)
    if on > last:
        return [
            Lack(
                "certificate",
                f"Giấy chứng nhận ngày {fmt(a.certificate_date)} chỉ có giá trị 60 tháng, đến hết ngày {fmt(last)}; "
                f"ngày họp chi bộ {fmt(on)} đã quá hạn: phải học lại.",
            )
        ]
    return []


def _papers(a: ApplicantRecord, on: date) -> list[Lack]:
    lacks = []
    if a.application_date is None:
        lacks.append(Lack("application", "Chưa có đơn xin vào Đảng (1-KNĐ)."))
    else:
        if a.certificate_date and a.application_date < a.certificate_date:
            lacks.append(
                Lack(
                    "application",
                    f"Đơn xin vào Đảng ngày {fmt(a.application_date)} trước khi có giấy chứng nhận lớp bồi dưỡng "
                    f"({fmt(a.certificate_date)}).",
                )
            )
        if a.application_date > on:
            lacks.append(Lack("application", f"Đơn ngày {fmt(a.application_date)} sau ngày họp chi bộ {fmt(on)}."))
    if a.history_date is None:
        lacks.append(Lack("history", "Chưa có lý lịch người xin vào Đảng (2-KNĐ)."))
    elif a.history_verified_on is None:
        lacks.append(Lack("history", "Lý lịch chưa được chi bộ thẩm tra, xác minh."))
    elif a.history_verified_on < a.history_date:
        lacks.append(
            Lack(
                "history",
                f"Ngày thẩm tra lý lịch {fmt(a.history_verified_on)} trước ngày khai lý lịch {fmt(a.history_date)}.",
            )
        )
    elif a.history_verified_on > on:
        lacks.append(
            Lack("history", f"Ngày thẩm tra lý lịch {fmt(a.history_verified_on)} sau ngày họp chi bộ {fmt(on)}.")
        )
    return lacks


def _sponsors(a: ApplicantRecord, on: date, members: Mapping[int, MemberRecord]) -> list[Lack]:
    union = a.union_resolution_date is not None
    needed = 1 if union else 2
    lacks = []
    if a.union_resolution_date is not None and a.union_resolution_date > on:
        lacks.append(
            Lack(
                "sponsors",
                f"Nghị quyết giới thiệu của đoàn thể ngày {fmt(a.union_resolution_date)} "
                f"sau ngày họp chi bộ {fmt(on)}.",
            )
        )
    seen: set[int] = set()
    good = 0
    for sponsor in a.sponsors:
        member = members.get(sponsor.member_id)
        if member is None:
            lacks.append(Lack("sponsors", "Người giới thiệu không còn trong danh sách đảng viên của chi bộ."))
            continue
        if sponsor.member_id in seen:
            lacks.append(Lack("sponsors", f"{member.full_name} được ghi hai lần là người giới thiệu."))
            continue
        seen.add(sponsor.member_id)
        problem = _sponsor_problem(member, sponsor.since, on)
        if problem:
            lacks.append(Lack("sponsors", problem))
        else:
            good += 1
    if good < needed:
        missing = needed - good
        basis = "cùng nghị quyết giới thiệu của đoàn thể" if union else "(hoặc một người cùng nghị quyết của đoàn thể)"
        lacks.append(Lack("sponsors", f"Còn thiếu {missing} người giới thiệu hợp lệ: cần {needed} {basis}."))
    return lacks


def _sponsor_problem(member: MemberRecord, since: date | None, on: date) -> str | None:
    status = member_status(member, on)
    name = member.full_name
    if not status.is_current_member:
        return f"Người giới thiệu {name} không sinh hoạt tại chi bộ ngày {fmt(on)} ({status.label.lower()})."
    if not status.is_official:
        return f"Người giới thiệu {name} chưa là đảng viên chính thức tại ngày {fmt(on)}."
    if since is None:
        return f"Chưa ghi ngày người giới thiệu {name} bắt đầu công tác, sinh hoạt cùng người xin vào Đảng."
    together = months_between(since, on) if since <= on else 0
    if together < SPONSOR_TOGETHER_MONTHS:
        return (
            f"Người giới thiệu {name} mới công tác, sinh hoạt cùng người xin vào Đảng {together} tháng "
            f"(từ {fmt(since)}): cần ít nhất 12 tháng."
        )
    return None


def _comments(a: ApplicantRecord, on: date) -> list[Lack]:
    lacks = []
    for value, what in (
        (a.mass_comment_date, "của tổ chức đoàn thể nơi làm việc"),
        (a.residence_comment_date, "của chi ủy, chi bộ nơi cư trú"),
    ):
        if value is None:
            lacks.append(Lack("comments", f"Chưa có ý kiến nhận xét {what}."))
        elif value > on:
            lacks.append(Lack("comments", f"Ý kiến nhận xét {what} ngày {fmt(value)} sau ngày họp chi bộ {fmt(on)}."))
    return lacks


def _readmission(a: ApplicantRecord, on: date, members: Mapping[int, MemberRecord]) -> list[Lack]:
    if a.former_member_id is None:
        return []
    if a.readmission_barred:
        return [Lack("readmission", "Người đã tự bỏ sinh hoạt đảng hoặc bị án nghiêm trọng không được kết nạp lại.")]
    member = members.get(a.former_member_id)
    if member is None:
        return [Lack("readmission", "Không tìm thấy hồ sơ đảng viên cũ trong danh sách của chi bộ.")]
    status = member_status(member, on)
    if status.code not in LEFT_THE_PARTY or status.since is None:
        return [
            Lack(
                "readmission",
                f"{member.full_name} ({status.label.lower()}) không phải người đã ra khỏi Đảng (bị xóa tên, khai trừ "
                "hoặc xin ra khỏi Đảng).",
            )
        ]
    if any(e.kind == EventKind.READMITTED for e in effective_events(member.events)):
        return [Lack("readmission", f"{member.full_name} đã được kết nạp lại một lần; chỉ được kết nạp lại một lần.")]
    months = months_between(status.since, on)
    if months < READMISSION_AFTER_MONTHS:
        return [
            Lack(
                "readmission",
                f"Ra khỏi Đảng ngày {fmt(status.since)}, đến ngày họp chi bộ {fmt(on)} mới {months} tháng: kết nạp lại "
                "phải sau ít nhất 36 tháng.",
            )
        ]
    return []
