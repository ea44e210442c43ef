"""Small builders of plain records for the rule tests."""

from __future__ import annotations

from datetime import date

from models.roster.event_kinds import EventKind
from models.roster.records import EventRecord, MemberRecord

_ids = iter(range(1, 10**6))


def d(text: str) -> date:
    """'31/01/2024' -> date(2024, 1, 31): dates in tests read the Vietnamese way."""
    day, month, year = (int(part) for part in text.split("/"))
    return date(year, month, day)


def ev(kind: EventKind, when: str, **values) -> EventRecord:
    values.setdefault("id", next(_ids))
    return EventRecord(kind=kind, date=d(when), **values)


def member(
    name: str = "Nguyễn Văn An",
    admitted: str | None = "19/05/2000",
    official: str | None = None,
    ceremony: str | None = None,
    born: str | None = "01/01/1975",
    events: list[EventRecord] | None = None,
    **values,
) -> MemberRecord:
    values.setdefault("id", next(_ids))
    values.setdefault("gender", "Nam")
    return MemberRecord(
        full_name=name,
        birth_date=d(born) if born else None,
        admission_date=d(admitted) if admitted else None,
        official_date=d(official) if official else None,
        ceremony_date=d(ceremony) if ceremony else None,
        events=list(events or []),
        **values,
    )
