"""From the office's domain results to the exporters' plain inputs, under the committee's own header."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from models.core.dates import fmt
from models.core.practice_flag import watermark
from models.office.committee import CommitteeInfo
from models.office.congress_round import BranchRound
from models.office.office_statistics import OfficeStatistics
from reports.core.files import safe_filename
from reports.core.party_document import DocumentHeader, Signature
from reports.office.congress_round_report import RoundRow
from reports.office.office_statistics_report import BranchTable
from services.roster.report_data import NUMBER_BLANK

# The overview figures of each branch on the «Theo chi bộ» sheet: (section row key, column heading).
TABLE_FIGURES: tuple[tuple[str, str], ...] = (
    ("total", "Tổng số đảng viên"),
    ("women", "Nữ"),
    ("ethnic_minority", "Dân tộc thiểu số"),
    ("religious", "Có đạo"),
    ("official", "Chính thức"),
    ("probationary", "Dự bị"),
)


def committee_header(committee: CommitteeInfo, on: date, type_code: str = "") -> DocumentHeader:
    """The committee issues the paper: its higher committees, then its own name (bold), «Số …-BC/ĐU»."""
    number = f"Số{NUMBER_BLANK}-{type_code}/{committee.issuer_abbr}" if type_code else ""
    return DocumentHeader(
        higher_committee="\n".join(committee.higher_lines),
        issuer=committee.name,
        number=number,
        place=committee.place,
        date=on,
        watermark=watermark(),
    )


def committee_signature(committee: CommitteeInfo) -> Signature:
    return Signature(on_behalf=committee.on_behalf, role=committee.role)


def committee_file_name(title: str, on: date) -> str:
    """ "Báo cáo thống kê đảng viên - Toàn đảng bộ - 01-12-2026.xlsx"."""
    return safe_filename(f"{title} - Toàn đảng bộ - {fmt(on).replace('/', '-')}") + ".xlsx"


def branch_table(report: OfficeStatistics) -> BranchTable:
    """One row a branch with its overview figures, and the committee's total row."""
    keys = [key for key, _ in TABLE_FIGURES]
    rows = [(b.name, [b.section("overview").count(k) for k in keys]) for b in report.branches]
    total = [report.total_section("overview").count(k) for k in keys]
    return BranchTable([heading for _, heading in TABLE_FIGURES], rows, total)


def round_rows(rounds: Sequence[BranchRound]) -> list[RoundRow]:
    """The congress round as the report prints it."""
    return [
        RoundRow(
            r.name,
            r.former_name,
            r.next_ordinal,
            r.opens_on,
            r.held,
            r.secretary,
            r.deputy,
            r.committee,
            r.appointed,
            r.papers_on,
            r.approved_on,
            r.missing,
        )
        for r in rounds
    ]
