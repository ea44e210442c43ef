"""Saving and reading the yearly quality ratings of a branch's members (by default the current branch)."""

from __future__ import annotations

from collections.abc import Mapping

import peewee as pw

from models.core import clock
from models.core.branch import current_branch_id, of_branch, of_current_branch
from models.core.errors import ConflictError, ValidationError
from models.core.row_deletes import delete_rows
from models.core.tables import db, dict_rows
from models.core.who import current_user
from models.roster.edit_conflicts import rating_conflict
from models.roster.fields import RATING_LEVELS
from models.roster.records import RatingRecord
from models.roster.tables import Member, Rating


def ratings_for_year(year: int, branch_id: int | None = None) -> list[RatingRecord]:
    """The ratings of `year` in the branch (None: the current one)."""
    query = Rating.select().where(of_branch(Rating, branch_id) & (Rating.year == year))
    return [RatingRecord(r.member_id, r.year, r.level, r.version) for r in query]


def member_ratings(member_id: int) -> list[RatingRecord]:
    """One member's ratings, latest year first."""
    mine = of_current_branch(Rating) & (Rating.member == member_id)
    query = Rating.select().where(mine).order_by(Rating.year.desc())
    return [RatingRecord(r.member_id, r.year, r.level, r.version) for r in query]


def all_ratings() -> list[RatingRecord]:
    query = Rating.select().where(of_current_branch(Rating))
    return [RatingRecord(r["member"], r["year"], r["level"], r["version"]) for r in dict_rows(query)]


def save_ratings(
    year: int, levels: dict[int, str | None], read: Mapping[int, RatingRecord | None] | None = None
) -> None:
    """Set (or clear, with None) the ratings of a year for several members in one transaction.

    With `read` (each member's rating as this client read it, None for none), only the ratings this client
    changed are written, and only over what it read: when another client saved or cleared one of them since,
    EditConflictError lists them and nothing is written. Without `read`, every given level is written.
    """
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
        saved = {r.member_id: r for r in _year_ratings(year, list(levels))}
        if read is not None:
            levels = {m: level for m, level in levels.items() if level != _level(read.get(m))}
            clashes = {m: (read.get(m), saved.get(m)) for m in levels if not _unchanged(read.get(m), saved.get(m))}
            if clashes:
                raise rating_conflict(year, clashes)
        stamp = {"updated_at": clock.now(), "updated_by": current_user(), "version": Rating.version + 1}
        try:
            with db.atomic():  # a savepoint: the database's own uniqueness check can fail alone
                for member_id, level in levels.items():
                    mine = (Rating.member == member_id) & (Rating.year == year)
                    if level is None:
                        delete_rows(Rating, mine)
                    elif member_id in saved:
                        Rating.update(level=level, **stamp).where(mine).execute()
                    else:
                        Rating.create(branch=branch, member=member_id, year=year, level=level)
        except pw.IntegrityError as exc:  # another client rated the same member for the year a moment ago
            raise ConflictError(
                f"Kết quả xếp loại năm {year} vừa được lưu trên máy khác; chưa có gì được lưu. "
                "Hãy tải lại bảng xếp loại rồi lưu lại."
            ) from exc


def _year_ratings(year: int, member_ids: list[int]) -> list[RatingRecord]:
    query = Rating.select().where((Rating.year == year) & Rating.member.in_(member_ids))
    if not isinstance(db.obj, pw.SqliteDatabase):
        query = query.for_update()  # a server: no other client changes them between this check and the write
    return [RatingRecord(r.member_id, r.year, r.level, r.version) for r in query]


def _level(rating: RatingRecord | None) -> str | None:
    return rating.level if rating else None


def _unchanged(read: RatingRecord | None, saved: RatingRecord | None) -> bool:
    if read is None or saved is None:
        return read is None and saved is None
    return (read.level, read.version) == (saved.level, saved.version)
