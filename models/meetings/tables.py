"""Peewee tables of the branch's life between congresses: its meetings, who attended, the votes it took, and the
higher committee's appointments to its leadership."""

from __future__ import annotations

import peewee as pw

from models.congress.tables import CongressElection
from models.core import clock
from models.core.branch import current_branch_id
from models.core.tables import BaseModel, Branch
from models.core.who import current_user
from models.roster.tables import Member


class BranchMeeting(BaseModel):
    """One branch meeting (hội nghị chi bộ): its date, purpose, who chaired and kept the minutes."""

    branch_id: pw.Field[int]
    branch = pw.ForeignKeyField(Branch, backref="meetings", on_delete="RESTRICT", default=current_branch_id)
    held_on = pw.DateField()
    purpose = pw.TextField(default="")
    chair = pw.TextField(default="")
    secretary = pw.TextField(default="")  # who keeps the minutes
    # those absent for the whole meeting with an approved reason leave D (the default; an option of the meeting)
    exclude_absent_approved = pw.BooleanField(default=True)
    created_at = pw.DateTimeField(default=clock.now)
    updated_at = pw.DateTimeField(default=clock.now)
    updated_by = pw.TextField(default=current_user)
    version = pw.IntegerField(default=1)


class MeetingAttendance(BaseModel):
    """A member on the meeting's list, as the roster stood on its date, and whether they attended."""

    meeting_id: pw.Field[int]
    meeting = pw.ForeignKeyField(BranchMeeting, backref="attendance", on_delete="RESTRICT")
    member_id: pw.Field[int]
    member = pw.ForeignKeyField(Member, on_delete="RESTRICT")
    full_name = pw.TextField()
    official = pw.BooleanField()
    situation = pw.CharField(max_length=32, default="normal")  # models.counting.Situation
    attendance = pw.CharField(max_length=16, default="present")  # models.counting.Attendance
    reason = pw.TextField(default="")

    class Meta:
        indexes = ((("meeting", "member"), True),)


class MeetingVote(BaseModel):
    """One vote of the branch on one person's question. `d` is the base when the vote was taken; whether it passed
    is computed from the figures (models.meetings.thresholds), never typed."""

    meeting_id: pw.Field[int]
    meeting = pw.ForeignKeyField(BranchMeeting, backref="votes", on_delete="RESTRICT")
    kind = pw.CharField(max_length=32)  # models.meetings.thresholds.VoteKind
    member_id: pw.Field[int | None]
    member = pw.ForeignKeyField(Member, null=True, on_delete="RESTRICT")
    applicant_id = pw.IntegerField(null=True)  # an applicant of the register (not a member yet)
    subject_name = pw.TextField(default="")
    form = pw.CharField(max_length=16)  # models.meetings.thresholds.VoteForm
    d = pw.IntegerField()
    yes = pw.IntegerField(default=0)
    no = pw.IntegerField(default=0)
    invalid = pw.IntegerField(default=0)  # abstained (cards) or invalid ballots
    yes_by_form = pw.TextField(default="")  # JSON, discipline only: {"warning": n, "reprimand": m}
    election_id: pw.Field[int | None]
    # a secret ballot counted ballot by ballot in the «Bầu cử» tab (models.meetings.secret_ballot): its election,
    # and when its sealed result filled the figures (None: still being counted; the figures are not read)
    election = pw.ForeignKeyField(CongressElection, null=True, on_delete="RESTRICT")
    counted_at = pw.DateTimeField(null=True)
    notes = pw.TextField(default="")
    # a by-election: the post filled, the higher committee's leave to hold it, then its approval (chuẩn y)
    post = pw.CharField(max_length=32, default="")  # models.counting.Post value
    leave_number = pw.TextField(default="")
    leave_on = pw.DateField(null=True)
    approval_number = pw.TextField(default="")
    approved_on = pw.DateField(null=True)
    created_at = pw.DateTimeField(default=clock.now)
    created_by = pw.TextField(default=current_user)


class Appointment(BaseModel):
    """A post in the branch's leadership appointed (chỉ định) by the higher committee (Charter Điều 13)."""

    branch_id: pw.Field[int]
    branch = pw.ForeignKeyField(Branch, backref="appointments", on_delete="RESTRICT", default=current_branch_id)
    post = pw.CharField(max_length=32)  # models.counting.Post value: secretary | deputy | committee
    member_id: pw.Field[int | None]
    member = pw.ForeignKeyField(Member, null=True, on_delete="RESTRICT")
    full_name = pw.TextField()
    reason = pw.CharField(max_length=24)  # models.meetings.appointments.AppointmentReason
    decision_number = pw.TextField()
    decision_on = pw.DateField()
    issuer = pw.TextField()
    term_start = pw.IntegerField(null=True)
    term_end = pw.IntegerField(null=True)
    until = pw.DateField(null=True)  # left the post (the row stays)
    created_at = pw.DateTimeField(default=clock.now)
    created_by = pw.TextField(default=current_user)


MEETING_TABLES: list[type[BaseModel]] = [BranchMeeting, MeetingAttendance, MeetingVote, Appointment]
