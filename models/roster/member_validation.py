"""Checks of a member record as typed: errors block saving, warnings only ask for a confirmation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from models.core import clock
from models.core.errors import ValidationError
from models.core.partial_dates import latest
from models.core.vnname import foreign_letters
from models.roster.event_kinds import EventKind
from models.roster.fields import FIELD_BY_KEY, GENDERS, MEMBER_FIELDS
from models.roster.member_rules import age_at, effective_events, fmt, official_date_warning
from models.roster.records import MemberRecord

_CARD_RE = re.compile(r"^\d{8}$")
_CITIZEN_ID_RE = re.compile(r"^\d{12}$")
_RECORD_NO_RE = re.compile(r"^\d{6}[A-Za-zĐđ]{1,3}$")
_PHONE_RE = re.compile(r"^\+?[\d .\-()]{8,20}$")
ADMISSION_MIN_AGE = 18  # Điều lệ Đảng, Điều 1: từ đủ mười tám tuổi
# Younger than this at admission cannot be true; 16-17 happened in wartime admissions and stays a warning.
ADMISSION_IMPOSSIBLE_AGE = 16


@dataclass(frozen=True)
class Issue:
    field: str  # a key of models.roster.fields.MEMBER_FIELDS, or "" for the record as a whole
    message: str

    @property
    def label(self) -> str:
        spec = FIELD_BY_KEY.get(self.field)
        return spec.label if spec else ""


@dataclass
class CheckReport:
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, key: str, message: str) -> None:
        self.errors.append(Issue(key, message))

    def warn(self, key: str, message: str) -> None:
        self.warnings.append(Issue(key, message))

    def for_field(self, key: str) -> list[Issue]:
        return [i for i in self.errors + self.warnings if i.field == key]


# The fields that must be filled in or may not lie in the future, in the form's order (the others need no loop).
_CHECKED_FIELDS = tuple(spec for spec in MEMBER_FIELDS if spec.required or spec.kind == "date")
SCRIPTS = {"CYRILLIC": "chữ Kirin, như tiếng Nga", "GREEK": "chữ Hy Lạp"}


def check_record(record: MemberRecord, today: date | None = None) -> CheckReport:
    """Every problem of the record at once, each naming its field (duplicates are checked by models.roster.members)."""
    today = today or clock.today()
    report = CheckReport()
    for spec in _CHECKED_FIELDS:
        value = getattr(record, spec.key)
        if spec.required and (value is None or (isinstance(value, str) and not value.strip())):
            report.error(spec.key, f"Chưa nhập «{spec.label}».")
        if spec.kind == "date" and isinstance(value, date) and value > today:
            report.error(spec.key, f"«{spec.label}» ({fmt(value)}) ở tương lai.")

    name = record.full_name.strip()
    if name and len(name.split()) < 2:
        report.warn("full_name", "Họ và tên chỉ có một chữ; hãy ghi đầy đủ họ, tên đệm và tên như trên CCCD.")
    if name and any(map(str.isdigit, name)):
        report.error("full_name", "Họ và tên không được chứa chữ số.")
    foreign = foreign_letters(name)
    if foreign:
        letters = ", ".join(f"«{ch}» ({SCRIPTS.get(script, 'không phải chữ Latinh')})" for ch, script in foreign[:3])
        report.error(
            "full_name",
            f"Họ và tên có chữ của bảng chữ cái khác lẫn vào: {letters}, trông giống chữ Việt "
            "nhưng không phải. Hãy gõ lại họ tên bằng bộ gõ tiếng Việt.",
        )
    if record.gender and record.gender not in GENDERS:
        report.error("gender", "Giới tính phải là «Nam» hoặc «Nữ».")

    born, admitted = record.birth_date, record.admission_date
    ceremony, official = record.ceremony_date, record.official_date
    if born and admitted:
        # With a year-only date the member may have been older, or younger, by up to a year: an error only when
        # even the oldest reading is impossible, a warning when the youngest reading is under age.
        if latest(admitted) <= born:
            report.error("admission_date", "Ngày vào Đảng phải sau ngày sinh.")
        elif age_at(born, latest(admitted)) < ADMISSION_IMPOSSIBLE_AGE:
            report.error(
                "admission_date",
                f"Khi vào Đảng đảng viên chưa đủ {ADMISSION_IMPOSSIBLE_AGE} tuổi: không thể "
                "đúng; hãy kiểm tra ngày sinh và ngày vào Đảng.",
            )
        elif age_at(latest(born), admitted) < ADMISSION_MIN_AGE:
            report.warn("admission_date", f"Khi vào Đảng đảng viên chưa đủ {ADMISSION_MIN_AGE} tuổi; hãy kiểm tra lại.")
    events = effective_events(record.events) if record.events else ()
    died = next((e.date for e in events if e.kind == EventKind.DIED), None)
    if died and admitted and admitted > latest(died):
        report.error("admission_date", f"Ngày vào Đảng {fmt(admitted)} sau ngày từ trần {fmt(died)}.")
    if ceremony and admitted and ceremony < admitted:
        report.error("ceremony_date", "Ngày lễ kết nạp không được trước ngày quyết định kết nạp (ngày vào Đảng).")
    if official:
        try:
            warning = official_date_warning(ceremony, official, admitted)
        except ValidationError as exc:
            report.error("official_date", exc.message)
        else:
            if warning:
                report.warn("official_date", warning)

    card = record.card_number.strip()
    if card and not _CARD_RE.match(card):
        report.warn("card_number", "Số thẻ đảng viên thường gồm 8 chữ số; hãy kiểm tra lại.")
    citizen_id = record.citizen_id.strip()
    if citizen_id and not _CITIZEN_ID_RE.match(citizen_id):
        report.error("citizen_id", "Số CCCD phải gồm đúng 12 chữ số.")
    record_no = record.record_number.strip()
    if record_no and not _RECORD_NO_RE.match(record_no):
        report.warn("record_number", "Số lý lịch thường gồm 6 chữ số và 1–3 chữ cái (ví dụ 012345HN).")
    phone = record.phone.strip()
    if phone and not _PHONE_RE.match(phone):
        report.warn("phone", "Số điện thoại có vẻ không đúng.")
    return report
