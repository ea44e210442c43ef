"""Peewee tables of the roster: members, their life events and yearly ratings (columns from models.roster.fields)."""

from __future__ import annotations

from datetime import datetime

import peewee as pw

from models.core.tables import BaseModel
from models.roster.fields import MEMBER_FIELDS


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
    """One event of a member's life; never deleted. A correction points the old row at the new one; a mistaken
    event is voided (voided_at, void_reason)."""

    member = pw.ForeignKeyField(Member, backref="events", on_delete="RESTRICT")
    kind = pw.CharField(max_length=32)
    date = pw.DateField()
    decision_ref = pw.TextField(default="")
    place = pw.TextField(default="")
    note = pw.TextField(default="")
    end_date = pw.DateField(null=True)
    replaced_by = pw.ForeignKeyField("self", null=True, backref="replaces", on_delete="RESTRICT")
    correction_reason = pw.TextField(default="")
    voided_at = pw.DateField(null=True)  # "Hủy mục này": the row stays, ignored by every rule
    void_reason = pw.TextField(default="")
    created_at = pw.DateTimeField(default=datetime.now)


class Rating(BaseModel):
    """Yearly quality rating of a member (a code of models.roster.fields.RATING_LEVELS)."""

    member = pw.ForeignKeyField(Member, backref="ratings", on_delete="RESTRICT")
    year = pw.IntegerField()
    level = pw.CharField(max_length=16)
    note = pw.TextField(default="")

    class Meta:
        indexes = ((("member", "year"), True),)
