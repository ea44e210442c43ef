"""The office's exports as jobs over every branch, under the committee's header: the same interface as the roster's
(services.roster.jobs.ExportJob), so the window and `python main.py export --all-branches` run them alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from models.core.dates import fmt
from models.core.errors import Cancelled
from models.office.committee import current_committee
from models.office.congress_round import congress_round, latest_term
from models.office.office_statistics import office_reminders, office_statistics
from reports.core.export_files import NothingToExport, Progress
from reports.core.party_document import DocumentHeader, Signature
from reports.office.congress_round_report import export_congress_round
from reports.office.office_statistics_report import COMMITTEE_RECIPIENTS, export_office_statistics
from reports.roster.reminder_lists import export_badge_list, export_probation_list
from services.office.office_data import (
    branch_table,
    committee_file_name,
    committee_header,
    committee_signature,
    round_rows,
)
from services.roster.jobs import ExportJob, ExportOptions, JobContent, StatisticsOptions
from services.roster.report_data import badge_rows, probation_rows, statistics_sections


@dataclass(frozen=True)
class OfficeExportJob(ExportJob):
    """An export of the whole committee: its header, signature and file name are the committee's."""

    def papers(self, content: JobContent, today: date) -> tuple[DocumentHeader, Signature, str]:
        committee = current_committee()
        header = committee_header(committee, today, content.type_code)
        return header, committee_signature(committee), committee_file_name(content.file_title, content.on or today)


def _statistics(options: ExportOptions) -> JobContent:
    chosen = options.statistics or StatisticsOptions.default(options.today)
    report = office_statistics(chosen.on, chosen.period, chosen.year, chosen.age_bounds)
    if not report.branches:
        raise NothingToExport("Cơ sở dữ liệu chưa có chi bộ nào để lập báo cáo.")

    def write(target: Path, progress: Progress, header: DocumentHeader, signature: Signature) -> None:
        if not progress(0, 1):
            raise Cancelled()
        branches = [(b.name, statistics_sections(b.sections)) for b in report.branches]
        export_office_statistics(
            target,
            statistics_sections(report.total),
            branch_table(report),
            branches,
            header,
            on_text=f"tính đến ngày {fmt(chosen.on)}",
            signature=signature,
        )

    return JobContent("Báo cáo thống kê đảng viên", "BC", write, on=chosen.on)


def _probation(options: ExportOptions) -> JobContent:
    today = options.today
    pairs = office_reminders(today).recognitions()
    if not pairs:
        raise NothingToExport("Không chi bộ nào có đảng viên đến hạn xét công nhận chính thức.")
    rows, branches = probation_rows([r for _, r in pairs]), [name for name, _ in pairs]

    def write(target: Path, progress: Progress, header: DocumentHeader, signature: Signature) -> None:
        if not progress(0, 1):
            raise Cancelled()
        export_probation_list(
            target, rows, header, as_of=today, signature=signature, branches=branches, recipients=COMMITTEE_RECIPIENTS
        )

    return JobContent("Đảng viên dự bị đến hạn xét chính thức", "DS", write)


def _badges(options: ExportOptions) -> JobContent:
    reminders = office_reminders(options.today)
    pairs, award = reminders.badges(), reminders.award_date
    if not pairs:
        raise NothingToExport(f"Không chi bộ nào có đảng viên đến mốc tặng Huy hiệu Đảng đợt {fmt(award)}.")
    rows, branches = badge_rows([c for _, c in pairs]), [name for name, _ in pairs]

    def write(target: Path, progress: Progress, header: DocumentHeader, signature: Signature) -> None:
        if not progress(0, 1):
            raise Cancelled()
        export_badge_list(
            target,
            rows,
            header,
            award_date=award,
            signature=signature,
            branches=branches,
            recipients=COMMITTEE_RECIPIENTS,
        )

    return JobContent(f"Huy hiệu Đảng đợt {fmt(award)}", "DS", write)


def _congress_round(options: ExportOptions) -> JobContent:
    today = options.today
    term = latest_term(today)
    rounds = congress_round(term[0], today)
    if not rounds:
        raise NothingToExport("Cơ sở dữ liệu chưa có chi bộ nào để lập báo cáo.")
    rows = round_rows(rounds)

    def write(target: Path, progress: Progress, header: DocumentHeader, signature: Signature) -> None:
        if not progress(0, 1):
            raise Cancelled()
        export_congress_round(target, rows, header, term=f"{term[0]}–{term[1]}", on=today, signature=signature)

    return JobContent("Báo cáo tình hình đại hội các chi bộ", "BC", write)


OFFICE_JOBS: tuple[OfficeExportJob, ...] = (
    OfficeExportJob(
        "thong-ke",
        "Báo cáo thống kê đảng viên toàn đảng bộ (từng chi bộ và cộng)",
        "Đang lập báo cáo thống kê các chi bộ…",
        "Đã xuất báo cáo thống kê toàn đảng bộ ra tệp Excel.",
        _statistics,
        asks_options=True,
    ),
    OfficeExportJob(
        "du-bi",
        "Đảng viên dự bị đến hạn xét chính thức ở các chi bộ",
        "Đang xuất danh sách…",
        "Đã xuất danh sách đảng viên dự bị đến hạn của các chi bộ ra tệp Excel.",
        _probation,
    ),
    OfficeExportJob(
        "huy-hieu",
        "Đề nghị tặng Huy hiệu Đảng đợt tới ở các chi bộ",
        "Đang xuất danh sách…",
        "Đã xuất danh sách đề nghị tặng Huy hiệu Đảng của các chi bộ ra tệp Excel.",
        _badges,
    ),
    OfficeExportJob(
        "dai-hoi",
        "Tình hình đại hội các chi bộ (và bảng nhập phần mềm theo dõi đại hội)",
        "Đang lập báo cáo đại hội các chi bộ…",
        "Đã xuất báo cáo đại hội các chi bộ ra tệp Excel.",
        _congress_round,
    ),
)
OFFICE_JOB_BY_KIND = {job.kind: job for job in OFFICE_JOBS}


def office_kinds_text() -> str:
    """The kinds `main.py export --all-branches` knows, one a line with its title."""
    return "\n".join(f"  {job.kind:<14} {job.title}" for job in OFFICE_JOBS)
