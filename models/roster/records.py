"""Plain records the rules, statistics and reports work on (no peewee, no Qt)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date

from models.roster.event_kinds import EventKind


@dataclass
class EventRecord:
    """One event in a member's life. A corrected event keeps `replaced_by` pointing at its correction."""

    kind: EventKind
    date: date
    decision_ref: str = ""  # e.g. "Quyết định số 125-QĐ/ĐU ngày 02/3/2020"
    place: str = ""  # from where / to where (transfers, temporary activity)
    note: str = ""
    end_date: dt.date | None = None  # planned end of an exemption, suspension or temporary activity
    id: int | None = None
    member_id: int | None = None
    replaced_by: int | None = None  # id of the correcting event; a replaced event no longer counts
    correction_reason: str = ""
    voided_at: dt.date | None = None  # the day the entry was voided ("Hủy mục này"); a voided event no longer counts
    void_reason: str = ""
    created_by: str = ""  # who recorded it (models.core.who); "" when not known (before schema v6)
    voided_by: str = ""  # who voided it


@dataclass
class MemberRecord:
    """A member's record, keys as in models.roster.fields.MEMBER_FIELDS."""

    full_name: str
    gender: str
    birth_date: date | None
    admission_date: date | None
    birth_name: str = ""
    aliases: str = ""
    birth_place: str = ""
    hometown: str = ""
    residence: str = ""
    ethnicity: str = "Kinh"
    religion: str = "Không"
    education: str = ""
    qualification: str = ""
    theory: str = ""
    foreign_language: str = ""
    occupation: str = ""
    job_title: str = ""
    workplace: str = ""
    ceremony_date: date | None = None
    official_date: date | None = None
    card_number: str = ""
    record_number: str = ""
    badge_number: str = ""
    citizen_id: str = ""
    phone: str = ""
    notes: str = ""
    id: int | None = None
    events: list[EventRecord] = field(default_factory=list)
    entered_on: date | None = None  # the day the record was entered in ChiBo (typed or imported); None if unsaved
    version: int | None = None  # the saved row's version when read (Member.version); a save names it; None if unsaved


@dataclass(frozen=True)
class RatingRecord:
    member_id: int
    year: int
    level: str  # a key of models.roster.fields.RATING_LEVELS
    version: int = field(default=0, compare=False)  # Rating.version when read; 0 for a rating not read from a row
