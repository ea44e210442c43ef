"""Peewee tables of the roster: members, their life events and yearly ratings, each row carrying its branch."""

from __future__ import annotations

import peewee as pw

from models.core import clock
from models.core.branch import current_branch_id
from models.core.partial_dates import YEAR_ONLY_COLUMN
from models.core.tables import BaseModel, Branch
from models.core.who import current_user

CARD_INDEX = "member_branch_card_number_unique"


class Member(BaseModel):
    """A member's record (phiếu đảng viên) in one branch; the status is derived from MemberEvent rows.

    The record columns are those of models.roster.fields.MEMBER_FIELDS (a test keeps the two in step).
    """

    branch_id: pw.Field[int]
    branch = pw.ForeignKeyField(Branch, backref="members", on_delete="RESTRICT", default=current_branch_id)
    full_name = pw.TextField(default="")  # Họ và tên
    birth_name = pw.TextField(default="")  # Họ và tên khai sinh
    aliases = pw.TextField(default="")  # Bí danh
    gender = pw.TextField(default="")  # Giới tính
    birth_date = pw.DateField(null=True, index=True)  # Ngày sinh
    birth_place = pw.TextField(default="")  # Nơi sinh
    hometown = pw.TextField(default="")  # Quê quán
    residence = pw.TextField(default="")  # Nơi ở hiện nay
    ethnicity = pw.TextField(default="")  # Dân tộc
    religion = pw.TextField(default="")  # Tôn giáo
    education = pw.TextField(default="")  # Giáo dục phổ thông
    qualification = pw.TextField(default="")  # Chuyên môn, nghiệp vụ
    theory = pw.TextField(default="")  # Lý luận chính trị
    foreign_language = pw.TextField(default="")  # Ngoại ngữ
    occupation = pw.TextField(default="")  # Nghề nghiệp
    job_title = pw.TextField(default="")  # Chức vụ
    workplace = pw.TextField(default="")  # Nơi làm việc
    admission_date = pw.DateField(null=True, index=True)  # Ngày vào Đảng
    ceremony_date = pw.DateField(null=True)  # Ngày kết nạp (lễ kết nạp)
    official_date = pw.DateField(null=True)  # Ngày chính thức
    card_number = pw.TextField(default="", index=True)  # Số thẻ đảng viên
    record_number = pw.TextField(default="")  # Số lý lịch
    badge_number = pw.TextField(default="")  # Số huy hiệu Đảng
    citizen_id = pw.TextField(default="")  # Số CCCD
    phone = pw.TextField(default="")  # Điện thoại
    notes = pw.TextField(default="")  # Ghi chú
    year_only_dates = pw.TextField(default="")  # date keys known only by their year (models.core.partial_dates)
    created_at = pw.DateTimeField(default=clock.now)
    updated_at = pw.DateTimeField(default=clock.now)
    updated_by = pw.TextField(default=current_user)  # who saved it last (models.core.who)
    version = pw.IntegerField(default=1)  # +1 on every write; a save names the version it read (no lost update)
    # models.core.vnname.name_sort_key of full_name and birth_date, written with them: the server pages the roster
    # in A-B-C order through the index below (schema v7; models.roster.roster_pages)
    name_sort = pw.BlobField(null=True)


NAME_SORT_INDEX = "member_branch_name_sort"
Member.add_index(Member.index(Member.branch, Member.name_sort, Member.id, name=NAME_SORT_INDEX))
# A card number belongs to one member of a branch: enforced by the database too, so two clients cannot race past it.
Member.add_index(
    Member.index(Member.branch, Member.card_number, unique=True, where=(Member.card_number != ""), name=CARD_INDEX)
)


assert Member.year_only_dates.name == YEAR_ONLY_COLUMN


class MemberEvent(BaseModel):
    """One event of a member's life; never deleted. A correction points the old row at the new one; a mistaken
    event is voided (voided_at, void_reason)."""

    branch_id: pw.Field[int]
    branch = pw.ForeignKeyField(Branch, on_delete="RESTRICT", default=current_branch_id)
    member_id: pw.Field[int]
    member = pw.ForeignKeyField(Member, backref="events", on_delete="RESTRICT")
    kind = pw.CharField(max_length=32)
    date = pw.DateField()
    decision_ref = pw.TextField(default="")
    place = pw.TextField(default="")
    note = pw.TextField(default="")
    end_date = pw.DateField(null=True)
    replaced_by_id: pw.Field[int | None]
    replaced_by = pw.ForeignKeyField("self", null=True, backref="replaces", on_delete="RESTRICT")
    correction_reason = pw.TextField(default="")
    voided_at = pw.DateField(null=True)  # "Hủy mục này": the row stays, ignored by every rule
    void_reason = pw.TextField(default="")
    voided_by = pw.TextField(default="")  # who voided it (models.core.who)
    created_at = pw.DateTimeField(default=clock.now)
    created_by = pw.TextField(default=current_user)  # who recorded it (models.core.who); "" before schema v6


class Rating(BaseModel):
    """Yearly quality rating of a member (a code of models.roster.fields.RATING_LEVELS)."""

    branch_id: pw.Field[int]
    branch = pw.ForeignKeyField(Branch, on_delete="RESTRICT", default=current_branch_id)
    member_id: pw.Field[int]
    member = pw.ForeignKeyField(Member, backref="ratings", on_delete="RESTRICT")
    year = pw.IntegerField()
    level = pw.CharField(max_length=16)
    note = pw.TextField(default="")
    updated_at = pw.DateTimeField(default=clock.now)
    updated_by = pw.TextField(default=current_user)
    version = pw.IntegerField(default=1)  # as Member.version

    class Meta:
        indexes = ((("member", "year"), True),)
