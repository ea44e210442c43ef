"""Saving and reading the yearly quality ratings of a branch's members (by default the current branch)."""

from __future__ import annotations

from models.core.branch import current_branch_id, of_branch, of_current_branch
from models.core.errors import ValidationError
from models.core.tables import db
from models.roster.fields import RATING_LEVELS
from models.roster.records import RatingRecord
from models.roster.tables import Member, Rating


def ratings_for_year(year: int, branch_id: int | None = None) -> list[RatingRecord]:
    """The ratings of `year` in the branch (None: the current one)."""
    query = Rating.select().where(of_branch(Rating, branch_id) & (Rating.year == year))
    return [RatingRecord(r.member_id, r.year, r.level) for r in query]


def member_ratings(member_id: int) -> list[RatingRecord]:
    """One member's ratings, latest year first."""
    mine = of_current_branch(Rating) & (Rating.member == member_id)
    query = Rating.select().where(mine).order_by(Rating.year.desc())
    return [RatingRecord(r.member_id, r.year, r.level) for r in query]


def all_ratings() -> list[RatingRecord]:
    query = Rating.select().where(of_current_branch(Rating)).dicts()
    return [RatingRecord(r["member"], r["year"], r["level"]) for r in query]


def save_ratings(year: int, levels: dict[int, str | None]) -> None:
    """Set (or clear, with None) the ratings of a year for several members in one transaction."""
    if not 1930 <= year <= 2200:
        raise ValidationError(f"Năm xếp loại {year} không hợp lệ.", "year")
    for level in levels.values():
        if level is not None and level not in RATING_LEVELS:
            raise ValidationError(f"Mức xếp loại «{level}» không hợp lệ.", "level")
    with db.atomic():
        branch = current_branch_id()
        mine = (Member.branch == branch) & Member.id.in_(list(levels))
        known = {m.id for m in Member.select(Member.id).where(mine)}
        missing = set(levels) - known
        if missing:
            raise ValidationError("Có đảng viên không còn trong tệp dữ liệu; không lưu gì cả.", "member")
        for member_id, level in levels.items():
            Rating.delete().where((Rating.member == member_id) & (Rating.year == year)).execute()
            if level is not None:
                Rating.create(branch=branch, member=member_id, year=year, level=level)
