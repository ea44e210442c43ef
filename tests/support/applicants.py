"""Applicants ready for a branch meeting, for the tests of the applicant's path."""

from __future__ import annotations

from datetime import date

from models.admission.applicants import save_applicant
from models.admission.records import ApplicantRecord, Sponsor
from models.roster.records import MemberRecord


def ready_applicant(sponsors: list[MemberRecord], name: str = "Hoàng Thị Hoa", **changes) -> ApplicantRecord:
    """An applicant whose file lacks nothing for a meeting from 15/09/2025 on; saved."""
    values = dict(
        full_name=name,
        gender="Nữ",
        birth_date=date(1998, 8, 20),
        hometown="Nam Định",
        education="12/12",
        certificate_date=date(2025, 3, 10),
        application_date=date(2025, 4, 1),
        history_date=date(2025, 4, 1),
        history_verified_on=date(2025, 8, 15),
        sponsors=[Sponsor(m.id, date(2023, 1, 2)) for m in sponsors[:2]],
        mass_comment_date=date(2025, 9, 1),
        residence_comment_date=date(2025, 9, 5),
    )
    values.update(changes)
    return save_applicant(ApplicantRecord(**values))
