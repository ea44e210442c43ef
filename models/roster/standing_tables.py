"""Peewee tables of the members' status spans (models.roster.standings), kept so the office's statistics and
reminders are aggregate queries run by the database (schema v8).

Derived data: models.roster.standing_store recomputes a member's spans whenever the stamp stored with them no
longer matches the member's record and events, so a row written by an old version, an import or raw SQL is never
counted with stale facts.
"""

from __future__ import annotations

import peewee as pw

from models.core.branch import current_branch_id
from models.core.tables import BaseModel, Branch
from models.roster.tables import Member


class MemberStanding(BaseModel):
    """The member's status facts from start_day (None: always before) up to end_day (excluded; None: still)."""

    branch_id: pw.Field[int]
    branch = pw.ForeignKeyField(Branch, on_delete="RESTRICT", default=current_branch_id)
    member_id: pw.Field[int]
    member = pw.ForeignKeyField(Member, on_delete="CASCADE")
    start_day = pw.DateField(null=True)
    end_day = pw.DateField(null=True)
    code = pw.CharField(max_length=32)  # a key of models.roster.member_status.STATUS_LABELS
    on_roster = pw.BooleanField()
    official = pw.BooleanField()
    exempted = pw.BooleanField()

    class Meta:
        indexes = ((("member", "start_day"), False),)


class StandingStamp(BaseModel):
    """What a member's spans were computed from: the branch, the two record dates the rules read, and the member's
    events of the branch (how many, how many still count, the newest id)."""

    branch_id: pw.Field[int]
    branch = pw.ForeignKeyField(Branch, on_delete="RESTRICT", default=current_branch_id)
    member_id: pw.Field[int]
    member = pw.ForeignKeyField(Member, on_delete="CASCADE", unique=True)
    admission_date = pw.DateField(null=True)
    official_date = pw.DateField(null=True)
    events = pw.IntegerField()
    live_events = pw.IntegerField()
    last_event = pw.IntegerField()


STANDING_TABLES: list[type[BaseModel]] = [MemberStanding, StandingStamp]
