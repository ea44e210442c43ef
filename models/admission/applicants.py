"""The register of applicants: save (add or edit over the version read), read, list, withdraw.

An applicant is a person, not a member: nothing here touches the roster. Every write is one transaction; an edit
is written only over the version it read (another client's save in between is refused, nothing written).
"""

from __future__ import annotations

import unicodedata
from dataclasses import fields, replace
from datetime import date
from typing import Any

from models.admission.records import ApplicantRecord, Sponsor
from models.admission.tables import Applicant
from models.core import clock
from models.core.branch import of_current_branch
from models.core.dates import fmt
from models.core.errors import EditConflictError, NotFoundError, ValidationError
from models.core.tables import db
from models.core.vnname import name_key
from models.core.who import current_user
from models.roster.tables import Member

_PLAIN = [
    f.name
    for f in fields(ApplicantRecord)
    if f.name not in {"sponsors", "id", "version", "member_id", "helper_member_id"}
]
_DATES = {
    "birth_date": "Ngày sinh",
    "certificate_date": "Ngày cấp giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng",
    "application_date": "Ngày viết đơn xin vào Đảng",
    "history_date": "Ngày khai lý lịch",
    "history_verified_on": "Ngày thẩm tra lý lịch",
    "union_resolution_date": "Ngày nghị quyết giới thiệu của đoàn thể",
    "mass_comment_date": "Ngày có ý kiến nhận xét của đoàn thể",
    "residence_comment_date": "Ngày có ý kiến nhận xét của chi bộ nơi cư trú",
}


def _record(row: Applicant) -> ApplicantRecord:
    values = {name: getattr(row, name) for name in _PLAIN}
    sponsors = [
        Sponsor(member_id, since)
        for member_id, since in ((row.sponsor1_id, row.sponsor1_since), (row.sponsor2_id, row.sponsor2_since))
        if member_id is not None and since is not None
    ]
    return ApplicantRecord(
        **values,
        sponsors=sponsors,
        member_id=row.member_id,
        helper_member_id=row.helper_id,
        id=row.id,
        version=row.version,
    )


def applicant_row(applicant_id: int) -> Applicant:
    row = Applicant.get_or_none((Applicant.id == applicant_id) & of_current_branch(Applicant))
    if row is None:
        raise NotFoundError(f"Không tìm thấy quần chúng mã {applicant_id} trong danh sách phát triển đảng viên.")
    return row


def get_applicant(applicant_id: int) -> ApplicantRecord:
    return _record(applicant_row(applicant_id))


def list_applicants(include_closed: bool = False) -> list[ApplicantRecord]:
    """The register in A-B-C order; without `include_closed`, only those still on the way (not admitted into the
    roster, not withdrawn)."""
    query = Applicant.select().where(of_current_branch(Applicant))
    if not include_closed:
        query = query.where(Applicant.member.is_null() & Applicant.withdrawn_on.is_null())
    return sorted((_record(r) for r in query), key=lambda a: name_key(a.full_name, a.birth_date))


def _normalized(record: ApplicantRecord) -> ApplicantRecord:
    texts: dict[str, Any] = {
        f.name: unicodedata.normalize("NFC", getattr(record, f.name)).strip()
        for f in fields(ApplicantRecord)
        if isinstance(getattr(record, f.name), str)
    }
    return replace(record, **texts)


def _check(record: ApplicantRecord) -> None:
    if not record.full_name:
        raise ValidationError("Hãy ghi họ và tên người xin vào Đảng.", "full_name")
    today = clock.today()
    for name, label in _DATES.items():
        value = getattr(record, name)
        if value is not None and value > today:
            raise ValidationError(f"{label} {fmt(value)} ở sau hôm nay {fmt(today)}.", name)
    if record.former_member_id is not None and not Member.get_or_none(
        (Member.id == record.former_member_id) & of_current_branch(Member)
    ):
        raise ValidationError("Đảng viên cũ (kết nạp lại) không có trong danh sách của chi bộ.", "former_member_id")
    if len(record.sponsors) > 2:
        raise ValidationError("Chỉ ghi tối đa hai người giới thiệu.", "sponsors")
    for index, sponsor in enumerate(record.sponsors, 1):
        member = Member.get_or_none((Member.id == sponsor.member_id) & of_current_branch(Member))
        if member is None:
            raise ValidationError(f"Người giới thiệu thứ {index} không có trong danh sách đảng viên.", "sponsors")
        if sponsor.since is None:
            raise ValidationError(
                f"Hãy ghi ngày người giới thiệu {member.full_name} bắt đầu công tác, sinh hoạt cùng.", "sponsors"
            )
        if sponsor.since > today:
            raise ValidationError(
                f"Ngày bắt đầu công tác cùng của người giới thiệu {member.full_name} ({fmt(sponsor.since)}) ở sau "
                "hôm nay.",
                "sponsors",
            )


def _values(record: ApplicantRecord) -> dict:
    values = {name: getattr(record, name) for name in _PLAIN}
    for slot in (1, 2):
        sponsor = record.sponsors[slot - 1] if len(record.sponsors) >= slot else None
        values[f"sponsor{slot}"] = sponsor.member_id if sponsor else None
        values[f"sponsor{slot}_since"] = sponsor.since if sponsor else None
    return values


def save_applicant(record: ApplicantRecord) -> ApplicantRecord:
    """Add (id None) or edit an applicant's file. The path's own steps (decision, ceremony, the roster member) are
    written by models.admission.path, never by an edit: an edit keeps them as saved."""
    record = _normalized(record)
    _check(record)
    values = _values(record)
    for kept in ("decision_number", "decision_date", "decision_received_on", "ceremony_date", "withdrawn_on"):
        values.pop(kept)
    with db.atomic():
        if record.id is None:
            return _record(Applicant.create(**values))
        row = applicant_row(record.id)
        if row.member_id is not None:
            raise ValidationError(f"{row.full_name} đã được kết nạp: hồ sơ nay ở danh sách đảng viên.", "full_name")
        stamp = {"updated_at": clock.now(), "updated_by": current_user(), "version": Applicant.version + 1}
        mine = (Applicant.id == record.id) & (Applicant.version == record.version)
        if not Applicant.update(**values, **stamp).where(mine).execute():
            raise EditConflictError(
                f"Hồ sơ của {row.full_name} vừa được người khác sửa; hãy mở lại để xem bản mới nhất rồi sửa tiếp."
            )
        return get_applicant(record.id)


def update_path(applicant_id: int, version: int | None = None, **values) -> ApplicantRecord:
    """Write a step of the path on the applicant's row (models.admission.path), inside the caller's transaction."""
    stamp = {"updated_at": clock.now(), "updated_by": current_user(), "version": Applicant.version + 1}
    where = Applicant.id == applicant_id
    if version is not None:
        where &= Applicant.version == version
    if not Applicant.update(**values, **stamp).where(where).execute():
        row = applicant_row(applicant_id)
        raise EditConflictError(f"Hồ sơ của {row.full_name} vừa được người khác sửa; hãy mở lại rồi làm tiếp.")
    return get_applicant(applicant_id)


def withdraw_applicant(applicant_id: int, on: date, reason: str = "") -> ApplicantRecord:
    """Take an applicant off the register (moved away, gave up, not proposed); the row stays."""
    with db.atomic():
        row = applicant_row(applicant_id)
        if row.member_id is not None:
            raise ValidationError(f"{row.full_name} đã được kết nạp, không thể đưa ra khỏi danh sách.", "withdrawn_on")
        notes = "\n".join(part for part in (row.notes, f"Thôi theo dõi ngày {fmt(on)}: {reason.strip()}") if part)
        return update_path(applicant_id, withdrawn_on=on, notes=notes)
