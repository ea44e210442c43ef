"""The register of applicants (quần chúng on the way to admission): one row per person, the two sponsors in two
slots (an edit overwrites a slot, nothing is ever deleted), linked at the ceremony to the roster member it made."""

from __future__ import annotations

import peewee as pw

from models.core import clock
from models.core.branch import current_branch_id
from models.core.tables import BaseModel, Branch
from models.core.who import current_user
from models.roster.tables import Member


class Applicant(BaseModel):
    branch_id: pw.Field[int]
    branch = pw.ForeignKeyField(Branch, backref="applicants", on_delete="RESTRICT", default=current_branch_id)
    full_name = pw.TextField()
    gender = pw.TextField(default="")
    birth_date = pw.DateField(null=True)
    citizen_id = pw.TextField(default="")
    hometown = pw.TextField(default="")
    residence = pw.TextField(default="")
    workplace = pw.TextField(default="")
    education = pw.TextField(default="")
    education_exception = pw.TextField(default="")
    certificate_date = pw.DateField(null=True)
    application_date = pw.DateField(null=True)
    history_date = pw.DateField(null=True)
    history_verified_on = pw.DateField(null=True)
    sponsor1_id: pw.Field[int | None]
    sponsor1 = pw.ForeignKeyField(Member, null=True, on_delete="RESTRICT", backref="+")
    sponsor1_since = pw.DateField(null=True)
    sponsor2_id: pw.Field[int | None]
    sponsor2 = pw.ForeignKeyField(Member, null=True, on_delete="RESTRICT", backref="+")
    sponsor2_since = pw.DateField(null=True)
    union_resolution_date = pw.DateField(null=True)
    union_name = pw.TextField(default="")
    mass_comment_date = pw.DateField(null=True)
    residence_comment_date = pw.DateField(null=True)
    over_60_consent = pw.TextField(default="")
    former_member_id: pw.Field[int | None]
    former_member = pw.ForeignKeyField(Member, null=True, on_delete="RESTRICT", backref="+")
    readmission_barred = pw.BooleanField(default=False)
    notes = pw.TextField(default="")
    decision_number = pw.TextField(default="")
    decision_date = pw.DateField(null=True)
    decision_received_on = pw.DateField(null=True)
    ceremony_date = pw.DateField(null=True)
    member_id: pw.Field[int | None]
    member = pw.ForeignKeyField(Member, null=True, unique=True, on_delete="RESTRICT", backref="+")
    helper_id: pw.Field[int | None]
    helper = pw.ForeignKeyField(Member, null=True, on_delete="RESTRICT", backref="+")
    withdrawn_on = pw.DateField(null=True)
    created_at = pw.DateTimeField(default=clock.now)
    updated_at = pw.DateTimeField(default=clock.now)
    updated_by = pw.TextField(default=current_user)
    version = pw.IntegerField(default=1)


ADMISSION_TABLES: list[type[BaseModel]] = [Applicant]
