"""From the domain's dataclasses to the exporters' plain inputs (Qt-free, so it is tested without a GUI).

models/ never imports reports/, and reports/ never sees the ORM: the GUI maps one onto the other through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from models.core.branch import BranchInfo
from models.core.dates import fmt
from models.core.practice_flag import watermark
from reports.core.files import safe_filename
from reports.core.party_document import DocumentHeader, Signature

if TYPE_CHECKING:  # the statistics and the reminder lists load with their own papers: a member list needs neither
    from models.roster.reminders import BadgeCandidate, RecognitionReminder
    from models.roster.statistics import StatSection as ModelSection
    from reports.roster.reminder_lists import BadgeRow, ProbationRow
    from reports.roster.statistics_report import StatSection as ReportSection

NUMBER_BLANK = "      "  # the number is written by hand: numbers run per document type through the term
BADGE_NOTES = {"ill": "Đề nghị tặng sớm (ốm đau nặng)", "posthumous": "Đề nghị truy tặng"}
MISSED_NOTE = "Chưa được tặng ở đợt trước"
UNKNOWN_NOTE = "Chưa rõ đã được tặng Huy hiệu các mốc trước chưa (hồ sơ chưa ghi)"


def document_header(branch: BranchInfo | None, on: date, type_code: str = "") -> DocumentHeader:
    """Header blocks from the branch settings; `type_code` ("DS", "BC") gives "Số      -DS/CB" to fill in."""
    if branch is None:
        return DocumentHeader(higher_committee="", issuer="", date=on)
    number = f"Số{NUMBER_BLANK}-{type_code}/{branch.issuer_abbr}" if type_code and branch.issuer_abbr else ""
    return DocumentHeader(
        watermark=watermark(),
        higher_committee="\n".join(branch.higher_lines),
        issuer=branch.name,
        number=number,
        place=branch.place,
        date=on,
    )


def signature(branch: BranchInfo | None) -> Signature:
    return Signature(name=branch.secretary_name if branch else "")


def suggested_file_name(title: str, branch: BranchInfo | None, on: date) -> str:
    """ "Danh sách đảng viên - Chi bộ Văn phòng Sở - 22-11-2026.xlsx", safe for Windows."""
    parts = [title, branch.name if branch else "", fmt(on).replace("/", "-")]
    return safe_filename(" - ".join(p for p in parts if p)) + ".xlsx"


def statistics_sections(sections: Sequence[ModelSection]) -> list[ReportSection]:
    from reports.roster.statistics_report import StatRow as ReportRow
    from reports.roster.statistics_report import StatSection as ReportSection

    return [ReportSection(s.title, tuple(ReportRow(r.label, r.count, r.percent) for r in s.rows)) for s in sections]


def probation_rows(reminders: Sequence[RecognitionReminder]) -> list[ProbationRow]:
    from reports.roster.reminder_lists import ProbationRow

    return [
        ProbationRow(
            full_name=r.member.full_name,
            birth_date=r.member.birth_date,
            ceremony_date=r.member.ceremony_date or r.member.admission_date,
            probation_end=r.probation_end,
            deadline=r.deadline,
            days_left=r.days_to_deadline,
        )
        for r in reminders
    ]


def badge_note(candidate: BadgeCandidate) -> str:
    notes = [BADGE_NOTES.get(candidate.early, "")]
    if candidate.missed_earlier:
        notes.append(MISSED_NOTE)
    if candidate.history_unknown:
        notes.append(UNKNOWN_NOTE)
    return "; ".join(n for n in notes if n)


def badge_rows(candidates: Sequence[BadgeCandidate]) -> list[BadgeRow]:
    from models.roster.seniority import party_seniority_years
    from reports.roster.reminder_lists import BadgeRow

    rows = []
    for c in candidates:
        member = c.member
        # Seniority on the award day; an early or posthumous award is for the milestone itself.
        years = c.years if c.early else max(c.years, party_seniority_years(member, c.award_date))
        rows.append(
            BadgeRow(
                full_name=member.full_name,
                birth_date=member.birth_date,
                hometown=member.hometown,
                admission_date=member.admission_date,
                official_date=member.official_date,
                card_number=member.card_number,
                seniority_years=years,
                milestone=c.years,
                note=badge_note(c),
            )
        )
    return rows
