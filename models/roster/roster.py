"""Rows of the roster table: what a secretary reads first, with precomputed sort and search keys."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.core import clock
from models.core.vnname import fold, name_key
from models.roster.member_status import member_status
from models.roster.records import MemberRecord


@dataclass(frozen=True)
class RosterRow:
    id: int
    full_name: str
    gender: str
    birth_date: date | None
    admission_date: date | None
    official_date: date | None
    is_official: bool
    status_code: str
    status_label: str
    is_current: bool
    card_number: str
    job: str
    hometown: str
    ethnicity: str
    workplace: str
    phone: str
    name_key: tuple
    search_text: str  # folded name, card number, job, hometown: what search-as-you-type matches


def roster_row(member: MemberRecord, on: date) -> RosterRow:
    status = member_status(member, on)
    job = ", ".join(part for part in (member.job_title, member.occupation) if part)
    searchable = " ".join((member.full_name, member.card_number, job, member.hometown, member.workplace))
    return RosterRow(
        id=member.id or 0,
        full_name=member.full_name,
        gender=member.gender,
        birth_date=member.birth_date,
        admission_date=member.admission_date,
        official_date=member.official_date,
        is_official=status.is_official,
        status_code=status.code,
        status_label=status.label,
        is_current=status.is_current_member,
        card_number=member.card_number,
        job=job,
        hometown=member.hometown,
        ethnicity=member.ethnicity,
        workplace=member.workplace,
        phone=member.phone,
        name_key=name_key(member.full_name, member.birth_date),
        search_text=fold(searchable),
    )


def roster_rows(members: list[MemberRecord], on: date | None = None) -> list[RosterRow]:
    on = on or clock.today()
    return [roster_row(m, on) for m in members]


@dataclass(frozen=True)
class RosterFilter:
    """What the roster tab shows: search words (diacritics and case ignored) and the filter choices."""

    text: str = ""
    current_only: bool = True
    kind: str = "all"  # all | official | probationary
    gender: str = ""  # "" = both
    status_code: str = ""  # "" = any status


def filter_rows(rows: list[RosterRow], criteria: RosterFilter, order: list[int] | None = None) -> list[int]:
    """Indices of the rows that pass, in `order` (all indices in a precomputed sort order) or in row order."""
    return RosterSearch(rows, list(range(len(rows))) if order is None else order).filter(criteria)


class RosterSearch:
    """Filtering over rows in a fixed sort order, run on every search keystroke over up to 50,000 rows.

    The choice filters are applied once per change of choice; typing more letters narrows the previous result
    instead of scanning everything again (a text containing "nguyen va" also contains "nguyen v").
    """

    def __init__(self, rows: list[RosterRow], order: list[int]) -> None:
        self._rows = rows
        self._order = order
        self._texts = [row.search_text for row in rows]
        self._base_key: tuple | None = None
        self._base: list[int] = []
        self._last_query = ""
        self._last: list[int] = []

    def filter(self, criteria: RosterFilter) -> list[int]:
        key = (criteria.current_only, criteria.kind, criteria.gender, criteria.status_code)
        if key != self._base_key:
            self._base_key = key
            self._base = self._choices(criteria)
            self._last_query, self._last = "", self._base
        query = " ".join(fold(criteria.text).split())
        candidates = self._last if query.startswith(self._last_query) else self._base
        texts = self._texts
        for word in query.split():
            candidates = [i for i in candidates if word in texts[i]]
        self._last_query, self._last = query, candidates
        return list(candidates)

    def _choices(self, criteria: RosterFilter) -> list[int]:
        rows, kind, gender, status_code = self._rows, criteria.kind, criteria.gender, criteria.status_code
        out = []
        for index in self._order:
            row = rows[index]
            if criteria.current_only and not row.is_current:
                continue
            if (kind == "official" and not row.is_official) or (kind == "probationary" and row.is_official):
                continue
            if (gender and row.gender != gender) or (status_code and row.status_code != status_code):
                continue
            out.append(index)
        return out


def _date_key(value: date | None) -> int:
    return value.toordinal() if value else 10**7


_SORT_KEYS = {
    "full_name": lambda r: r.name_key,
    "gender": lambda r: (r.gender, r.name_key),
    "birth_date": lambda r: (_date_key(r.birth_date), r.name_key),
    "admission_date": lambda r: (_date_key(r.admission_date), r.name_key),
    "official_date": lambda r: (_date_key(r.official_date), r.name_key),
    "kind": lambda r: (not r.is_official, r.name_key),
    "status": lambda r: (r.status_label, r.name_key),
    "card_number": lambda r: (r.card_number or "\uffff", r.name_key),
}


def sort_indices(rows: list[RosterRow], indices: list[int], column: str, descending: bool = False) -> list[int]:
    """Indices ordered by a column; names in Vietnamese A-B-C order, other texts by their folded form."""
    key = _SORT_KEYS.get(column)
    if key is None:
        return sorted(
            indices, key=lambda i: (fold(str(getattr(rows[i], column, ""))), rows[i].name_key), reverse=descending
        )
    return sorted(indices, key=lambda i: key(rows[i]), reverse=descending)
