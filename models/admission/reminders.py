"""What the «Phát triển Đảng» tab says of a probationary member: the notice due before the probation ends (90, 60,
30 and 7 days before: models.roster.reminders, the roster's own reminders) and the recognition's deadline. Pure."""

from __future__ import annotations

from datetime import date

from models.roster.reminders import probation_notice


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
