"""Plain records of the applicant's path (no peewee, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Sponsor:
    """An official member introducing the applicant (3-KNĐ), with the day they began working or living together."""

    member_id: int
    since: date | None  # None only while being typed: saving refuses it


@dataclass
class ApplicantRecord:
    """A person on the way to admission (quần chúng): not a member, not counted anywhere in the roster."""

    full_name: str
    gender: str = ""
    birth_date: date | None = None
    citizen_id: str = ""
    hometown: str = ""
    residence: str = ""
    workplace: str = ""
    education: str = ""  # general education, written "12/12" or "9/12"
    education_exception: str = ""  # a hardship area's exception to lower-secondary education, with its basis
    certificate_date: date | None = None  # the political-awareness class certificate (lớp bồi dưỡng nhận thức về Đảng)
    application_date: date | None = None  # the handwritten application (1-KNĐ)
    history_date: date | None = None  # the personal history (2-KNĐ)
    history_verified_on: date | None = None  # the branch's verification of the personal history
    sponsors: list[Sponsor] = field(default_factory=list)  # 3-KNĐ
    union_resolution_date: date | None = None  # the Youth Union's or trade union's resolution introducing (4-KNĐ)
    union_name: str = ""  # which organisation introduced
    mass_comment_date: date | None = None  # comments of the mass organisation (5-KNĐ)
    residence_comment_date: date | None = None  # comments of the residence branch (5-KNĐ)
    over_60_consent: str = ""  # the provincial committee's written consent for an applicant over 60 (number, date)
    former_member_id: int | None = None  # re-admission: the roster member who left the Party (struck off, expelled…)
    readmission_barred: bool = False  # left by quitting activity or after a serious conviction: never re-admitted
    notes: str = ""
    # after the branch's vote
    decision_number: str = ""  # the competent committee's admission decision
    decision_date: date | None = None
    decision_received_on: date | None = None
    ceremony_date: date | None = None
    member_id: int | None = None  # the roster member made at the ceremony
    helper_member_id: int | None = None  # đảng viên giúp đỡ, assigned at the ceremony
    withdrawn_on: date | None = None  # taken off the register (moved away, gave up, refused)
    id: int | None = None
    version: int | None = None
