"""Peewee tables of a ChiBo data file. Column sets come from models.fields so there is one catalogue."""

from __future__ import annotations

from datetime import datetime

import peewee as pw

from models.fields import MEMBER_FIELDS

db = pw.DatabaseProxy()


class BaseModel(pw.Model):
    class Meta:
        database = db
        legacy_table_names = False


class Meta(BaseModel):
    """Key/value facts about the file itself: app id and schema version."""

    key = pw.CharField(primary_key=True, max_length=64)
    value = pw.TextField()

    class Meta:
        table_name = "chibo_meta"


class Branch(BaseModel):
    """The branch this file belongs to (a single row) and what its document headers say."""

    name = pw.TextField()  # "Chi bộ Văn phòng Sở"
    higher_committee = pw.TextField(default="")  # lines of the top-left header block, "\n"-separated
    place = pw.TextField(default="")  # place name of date lines: "Hà Nội"
    issuer_abbr = pw.TextField(default="")  # "CB" in "Số 01-BB/CB"
    secretary_name = pw.TextField(default="")  # signs documents "T/M CHI BỘ"


def _member_columns() -> dict[str, pw.Field]:
    columns: dict[str, pw.Field] = {}
    for spec in MEMBER_FIELDS:
        if spec.kind == "date":
            columns[spec.key] = pw.DateField(null=True, index=spec.key in ("birth_date", "admission_date"))
        else:
            columns[spec.key] = pw.TextField(default="", index=spec.key == "card_number")
    return columns


Member = type(
    "Member",
    (BaseModel,),
    {
        "__module__": __name__,
        "__doc__": "A member's record (phiếu đảng viên); the status is derived from MemberEvent rows.",
        **_member_columns(),
        "created_at": pw.DateTimeField(default=datetime.now),
        "updated_at": pw.DateTimeField(default=datetime.now),
    },
)


class MemberEvent(BaseModel):
    """One event of a member's life; never deleted. A correction points the old row at the new one."""

    member = pw.ForeignKeyField(Member, backref="events", on_delete="RESTRICT")
    kind = pw.CharField(max_length=32)
    date = pw.DateField()
    decision_ref = pw.TextField(default="")
    place = pw.TextField(default="")
    note = pw.TextField(default="")
    end_date = pw.DateField(null=True)
    replaced_by = pw.ForeignKeyField("self", null=True, backref="replaces", on_delete="RESTRICT")
    correction_reason = pw.TextField(default="")
    created_at = pw.DateTimeField(default=datetime.now)


class Rating(BaseModel):
    """Yearly quality rating of a member (a code of models.fields.RATING_LEVELS)."""

    member = pw.ForeignKeyField(Member, backref="ratings", on_delete="RESTRICT")
    year = pw.IntegerField()
    level = pw.CharField(max_length=16)
    note = pw.TextField(default="")

    class Meta:
        indexes = ((("member", "year"), True),)


ALL_TABLES: list[type[BaseModel]] = [Meta, Branch, Member, MemberEvent, Rating]
