"""Yearly quality rating rules (Quy định 366-QĐ/TW): who is rated, the 100-point scale, the 20 % quota.

Levels are the codes of models.roster.fields.RATING_LEVELS: excellent, good, done, not_done.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from models.core.errors import ValidationError
from models.roster.fields import RATING_LEVELS
from models.roster.member_status import member_status
from models.roster.records import MemberRecord, RatingRecord

EXCELLENT_SHARE_OF_GOOD = (1, 5)  # "xuất sắc" at most 20 % of "tốt", rounded down [U for 2025]
RATING_SEASON_MONTH = 10  # from October the branch prepares the year-end review of the current year


def year_to_rate(on: date) -> int:
    """The year a branch rates its members on `on`: the current year from October (the year-end review), the year
    before until then. The ratings dialog opens on it."""
    return on.year if on.month >= RATING_SEASON_MONTH else on.year - 1


def last_rated_year(on: date) -> int:
    """The latest year whose ratings are due complete on `on`: the year before. The «Nhắc việc» page and the office's
    reminders list who lacks its rating, and the statistics report counts its results."""
    return on.year - 1


def rating_reference_date(year: int) -> date:
    """The day a year's rating looks at by default: 31/12 of that year."""
    return date(year, 12, 31)


def rateable(member: MemberRecord, year: int, on: date | None = None) -> bool:
    """Whether the member is rated for `year`: on the roster and not exempted on the reference date.

    The reference date is `on` or else 31/12 of the year (rating meetings are held in December; pass the meeting
    date to look at that day instead). Exemption is judged on the reference date only: a member exempted in March
    who resumed in October is rated, one exempted in December is not. Probationary, suspended and temporarily
    elsewhere members are rated (the branch where the member is officially active rates them).
    """
    status = member_status(member, on or rating_reference_date(year))
    return status.is_current_member and not status.is_exempted


def score_to_level(score: float) -> str:
    """The level of a 100-point score: >= 90 excellent, 70 to < 90 good, 50 to < 70 done, < 50 not_done."""
    if not 0 <= score <= 100:
        raise ValidationError(f"Điểm {score:g} nằm ngoài thang điểm 0–100.", "score")
    if score >= 90:
        return "excellent"
    if score >= 70:
        return "good"
    if score >= 50:
        return "done"
    return "not_done"


def _levels(ratings: Iterable[RatingRecord | str]) -> list[str]:
    return [r if isinstance(r, str) else r.level for r in ratings]


def rating_summary(ratings: Iterable[RatingRecord | str]) -> dict[str, int]:
    """Count per level, every level present (in RATING_LEVELS order); unknown codes raise ValidationError."""
    counts = dict.fromkeys(RATING_LEVELS, 0)
    for level in _levels(ratings):
        if level not in counts:
            raise ValidationError(f"Mức xếp loại «{level}» không hợp lệ.", "level")
        counts[level] += 1
    return counts


def max_excellent(good_count: int) -> int:
    """How many "xuất sắc" the quota allows: 20 % of the "tốt" count, rounded down (9 -> 1, 10 -> 2)."""
    numerator, denominator = EXCELLENT_SHARE_OF_GOOD
    return good_count * numerator // denominator


def excellent_quota_warning(ratings: Iterable[RatingRecord | str]) -> str | None:
    """A Vietnamese warning when "xuất sắc" exceeds 20 % of "tốt" (floor); a warning only, never a block."""
    counts = rating_summary(ratings)
    excellent, good = counts["excellent"], counts["good"]
    allowed = max_excellent(good)
    if excellent <= allowed:
        return None
    return (
        f"Số đảng viên xếp loại «{RATING_LEVELS['excellent']}» ({excellent}) vượt quá 20% số đảng viên xếp loại "
        f"«{RATING_LEVELS['good']}» ({good}): tối đa {allowed}."
    )
