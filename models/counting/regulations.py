"""The election regulations (Quy chế bầu cử trong Đảng) with the dates they were in force: a congress is judged
by, and its papers cite, the text in force on the day it opens. A congress of March 2020 ran under Quyết định
244-QĐ/TW (9/6/2014); one from 10/10/2024 runs under Quyết định 190-QĐ/TW. A congress before 9/6/2014 is judged
by the earliest text known here (244), which the minutes then cite; the README says so.

The counting options (`Rules`) are carried per text: the two known texts agree on both options, so a new text
that differs only needs its row here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.counting.validity import Rules


@dataclass(frozen=True)
class Regulation:
    decision: str  # "Quyết định số 190-QĐ/TW ngày 10/10/2024 của Ban Chấp hành Trung ương"
    in_force_from: date
    rules: Rules = Rules()

    @property
    def citation(self) -> str:
        """The minutes' legal-basis line."""
        return f"Căn cứ Quy chế bầu cử trong Đảng ban hành kèm theo {self.decision};"


REGULATIONS: tuple[Regulation, ...] = (  # oldest first; each in force until the next one's first day
    Regulation("Quyết định số 244-QĐ/TW ngày 09/6/2014 của Ban Chấp hành Trung ương", date(2014, 6, 9)),
    Regulation("Quyết định số 190-QĐ/TW ngày 10/10/2024 của Ban Chấp hành Trung ương", date(2024, 10, 10)),
)


def regulation_on(day: date) -> Regulation:
    """The text in force on `day` (the earliest known one before it)."""
    in_force = [r for r in REGULATIONS if r.in_force_from <= day]
    return in_force[-1] if in_force else REGULATIONS[0]
