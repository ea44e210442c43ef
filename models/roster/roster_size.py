"""How many members the branch worked in has: the roster's worker asks it first (the size of its first page, its
progress) without loading models.roster.members and the member-editing rules behind it (start-up speed)."""

from __future__ import annotations

from models.core.branch import of_current_branch
from models.roster.tables import Member


def member_count() -> int:
    return Member.select().where(of_current_branch(Member)).count()
