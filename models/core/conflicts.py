"""What every refused stale save says (models.core.errors.EditConflictError): values quoted, who saved, the same
words in every capability."""

from __future__ import annotations

from datetime import date, datetime

from models.core.dates import fmt
from models.core.partial_dates import is_year_only

NOTHING_SAVED = "Chưa có thay đổi nào của bạn được lưu, để không ghi đè lên thay đổi của họ."


def shown(value: object) -> str:
    """A field's value as the message quotes it: dates as documents write them, an empty value said so."""
    text = fmt(value) if isinstance(value, date) else str(value or "").strip()
    return f"«{text}»" if text else "(để trống)"


def same(a: object, b: object) -> bool:
    """Whether two saved values are the same entry (01/01/1970 and the bare year 1970 are not)."""
    return a == b and is_year_only(a) == is_year_only(b)


def by_whom(who: str, when: object) -> str:
    """«người dùng «bithu» (lúc 07:45 ngày 02/12/2026)»: who saved, from the row's updated_by and updated_at."""
    person = f"người dùng «{who}»" if who else "một người dùng khác"
    if isinstance(when, datetime):
        return f"{person} (lúc {when:%H:%M} ngày {when:%d/%m/%Y})"
    return person
