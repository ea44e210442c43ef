"""The import's preview counts and outcome in Vietnamese, as the import dialog and `main.py import` print them."""

from __future__ import annotations

from models.core.numerals import thousands
from models.roster.member_import import ADD, SKIP, UPDATE, ImportOutcome, ImportPlan


def plan_summary(plan: ImportPlan) -> str:
    """The import preview's counts, as the import dialog shows them: first what will be done (a row the user sets
    to «Bỏ qua» counts there at once), then what the file holds."""
    n = thousands
    return (
        f"Sẽ thêm {n(plan.count(ADD))}, cập nhật {n(plan.count(UPDATE))}, bỏ qua {n(plan.count(SKIP))}. "
        f"Tệp có {n(len(plan.rows))} dòng: {n(plan.new)} mới, {n(plan.duplicates)} trùng, {n(plan.errors)} lỗi."
    )


def outcome_summary(outcome: ImportOutcome) -> str:
    return (
        f"Đã nhập danh sách: thêm mới {thousands(outcome.added)} đảng viên, cập nhật {thousands(outcome.updated)}, "
        f"bỏ qua {thousands(outcome.skipped)} dòng."
    )
