"""The ordinal suggested for the branch's next congress (Hướng dẫn 06: continuing through mergers and splits, a
newly founded branch starting at I), from the branch history the committee keeps (models.office.committee_record)."""

from __future__ import annotations

from models.core.branch import current_branch_id
from models.office.committee_record import next_congress_ordinal


def suggested_ordinal() -> int:
    return next_congress_ordinal(current_branch_id())
