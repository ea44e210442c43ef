"""When the path needs the secretary: the notices before a probation ends (90, 60, 30 and 7 days before) and the
deadlines counted in working days after it (recognition) and after a decision arrives (the ceremony). Pure."""

from __future__ import annotations

from datetime import date

PROBATION_NOTICE_DAYS = (90, 60, 30, 7)


def probation_notice(probation_end: date, on: date) -> int | None:
    """The notice due on `on`: the smallest of 90/60/30/7 days not less than the days left (7 in the last week);
    0 once the probation has ended (the recognition's 30 working days run); None more than 90 days ahead."""
    left = (probation_end - on).days
    if left <= 0:
        return 0
    due = [days for days in PROBATION_NOTICE_DAYS if left <= days]
    return min(due) if due else None


def notice_text(probation_end: date, deadline: date, on: date) -> str:
    """What the secretary reads for a probationary member on `on` ("" when nothing is due yet)."""
    notice = probation_notice(probation_end, on)
    if notice is None:
        return ""
    if notice == 0:
        late = (on - deadline).days
        if late > 0:
            return f"Quá hạn xét công nhận {late} ngày (hạn {deadline:%d/%m/%Y})"
        return f"Đã hết dự bị: xét công nhận trước {deadline:%d/%m/%Y}"
    return f"Còn {(probation_end - on).days} ngày hết dự bị (nhắc mốc {notice} ngày)"
