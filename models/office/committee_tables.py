"""Peewee tables of the committee (đảng ủy) the office works for, kept as its own record (schema v8): one committee
per database, its leadership, and its record of the branches under it and of their congress papers.

These rows are the committee's, not a branch's: a branch moved to another database leaves them behind
(models.office.branch_tables.NOT_BRANCH_DATA).
"""

from __future__ import annotations

import peewee as pw

from models.congress.tables import Congress
from models.core import clock
from models.core.tables import BaseModel, Branch
from models.core.who import current_user


class Committee(BaseModel):
    """The committee itself (a single row): what its papers' headers say, now and before 1 July 2025."""

    name = pw.TextField()  # the issuer: "ĐẢNG ỦY XÃ SÓC SƠN"
    higher_committee = pw.TextField(default="")  # lines above it, "\n"-separated: "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"
    place = pw.TextField(default="")  # of the date line: "Sóc Sơn"
    issuer_abbr = pw.TextField(default="ĐU")  # "ĐU" in "Số 05-BC/ĐU"
    secretary_name = pw.TextField(default="")  # signs "T/M ĐẢNG ỦY" / "BÍ THƯ"
    address = pw.TextField(default="")
    name_before = pw.TextField(default="")  # the unit's name before 1 July 2025 (a district's, a merged commune's)
    address_before = pw.TextField(default="")
    term_start = pw.IntegerField(null=True)  # "nhiệm kỳ 2025–2030"
    term_end = pw.IntegerField(null=True)
    congress_ordinal = pw.IntegerField(null=True)  # its own congress: "lần thứ I"
    updated_at = pw.DateTimeField(default=clock.now)
    updated_by = pw.TextField(default=current_user)
    version = pw.IntegerField(default=1)  # +1 on every write; a save names the version it read


class CommitteeLeader(BaseModel):
    """A post in the committee's leadership, elected at its congress or appointed by the higher committee."""

    committee_id: pw.Field[int]
    committee = pw.ForeignKeyField(Committee, backref="leaders", on_delete="RESTRICT")
    post = pw.TextField()  # "Bí thư", "Phó Bí thư", "Ủy viên Ban Thường vụ", "Ủy viên Ban Chấp hành"
    full_name = pw.TextField()
    how = pw.CharField(max_length=16, default="elected")  # elected | appointed
    decision = pw.TextField(default="")  # "Quyết định số 125-QĐ/TU ngày 30/6/2025 của Thành ủy Hà Nội"
    since = pw.DateField(null=True)
    until = pw.DateField(null=True)  # left the post (the row stays)
    created_at = pw.DateTimeField(default=clock.now)
    created_by = pw.TextField(default=current_user)


class BranchEvent(BaseModel):
    """One fact of a branch's history under the committee: founded, renamed, merged, split, dissolved, its leaders
    appointed. `other` is the branch it was merged into or split from, or that merged into it."""

    branch_id: pw.Field[int]
    branch = pw.ForeignKeyField(Branch, backref="history", on_delete="RESTRICT")
    kind = pw.CharField(max_length=16)  # a key of models.office.committee_record.BRANCH_EVENTS
    date = pw.DateField()
    decision = pw.TextField(default="")
    other_id: pw.Field[int | None]
    other = pw.ForeignKeyField(Branch, null=True, on_delete="RESTRICT")
    old_name = pw.TextField(default="")  # renamed: the name before (before 1 July 2025, say)
    post = pw.TextField(default="")  # appointed: the post ("Bí thư")
    person = pw.TextField(default="")  # appointed: who
    note = pw.TextField(default="")
    created_at = pw.DateTimeField(default=clock.now)
    created_by = pw.TextField(default=current_user)


class CongressFiling(BaseModel):
    """What the committee received of a branch congress: the papers, then its approval (chuẩn y)."""

    congress_id: pw.Field[int]
    congress = pw.ForeignKeyField(Congress, unique=True, on_delete="RESTRICT")
    papers_on = pw.DateField(null=True)  # the congress papers received
    approved_on = pw.DateField(null=True)  # the results approved
    decision = pw.TextField(default="")  # the approval decision
    note = pw.TextField(default="")
    updated_at = pw.DateTimeField(default=clock.now)
    updated_by = pw.TextField(default=current_user)


COMMITTEE_TABLES: list[type[BaseModel]] = [Committee, CommitteeLeader, BranchEvent, CongressFiling]
