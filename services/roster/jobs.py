"""The roster's exports as jobs: what each is called, how it reads its data, lays out and writes its workbook.

One description per export serves the members tab (gui/roster/exports.py), the headless `python main.py export`
and the self-test. `prepare` reads what the export needs (on the caller's thread: one connection per thread) and
says when there is nothing to export; the returned writer runs anywhere, reporting `progress(done, total)` and
stopping with Cancelled when it returns False. Reports and openpyxl are imported on first use, not at start-up.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from models.core import clock
from models.core.dates import fmt
from models.core.errors import Cancelled
from models.roster.age_bands import DEFAULT_AGE_BOUNDS
from models.roster.ratings import last_rated_year
from reports.core.export_files import NothingToExport, PreparedExport, Progress, write_atomically
from services.roster.export_titles import EXPORT_TITLES

if TYPE_CHECKING:
    from models.roster.member_status import MemberStatus
    from models.roster.records import MemberRecord
    from reports.core.party_document import DocumentHeader, Signature

PROGRESS_STEP = 250
# The roster table's columns shown by default (STT left out: exports number their rows).
DEFAULT_SCREEN_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Họ và tên", "full_name"),
    ("Giới tính", "gender"),
    ("Ngày sinh", "birth_date"),
    ("Ngày vào Đảng", "admission_date"),
    ("Chính thức/Dự bị", "kind"),
    ("Tình trạng", "status"),
    ("Số thẻ", "card_number"),
    ("Chức vụ, nghề nghiệp", "job"),
)


@dataclass(frozen=True)
class StatisticsOptions:
    """What the statistics report covers: counts and ages on `on`, movements over `period`, ratings of `year`."""

    on: date
    period: tuple[date, date]
    year: int
    age_bounds: tuple[int, ...] = DEFAULT_AGE_BOUNDS

    @classmethod
    def default(cls, on: date) -> StatisticsOptions:
        """As of `on`, movements since 1 January of that year, ratings of the year before."""
        return cls(on, (date(on.year, 1, 1), on), last_rated_year(on))


@dataclass(frozen=True)
class ExportOptions:
    today: date = field(default_factory=lambda: clock.today())
    everyone: Sequence[MemberRecord] | None = None  # the whole roster (None: read from the data file)
    listed: Sequence[MemberRecord] | None = None  # member lists: who, in order (None: current members, A-B-C)
    columns: Sequence[tuple[str, str]] | None = None  # the on-screen list: (title, key) (None: the default columns)
    statistics: StatisticsOptions | None = None  # None: StatisticsOptions.default(today)


@dataclass(frozen=True)
class JobContent:
    """What a job's `content` returns: the file's title, the document type code, the writer."""

    file_title: str
    type_code: str
    write: Callable[[Path, Progress, DocumentHeader, Signature], None]
    on: date | None = None  # the date in the file name (default: today)


@dataclass(frozen=True)
class ExportJob:
    kind: str  # command-line key: "danh-sach"
    title: str  # menu text and --help, Vietnamese
    working: str  # progress dialog text
    done: str  # message once written
    content: Callable[[ExportOptions], JobContent] = field(repr=False)
    asks_options: bool = False  # the statistics report asks what it covers first

    def prepare(self, options: ExportOptions | None = None) -> PreparedExport:
        """Read the data now; NothingToExport when the export would be empty."""
        options = options or ExportOptions()
        content = self.content(options)
        header, signature, name = self.papers(content, options.today)

        def write(path: str | os.PathLike[str], progress: Progress | None = None) -> Path:
            return write_atomically(
                Path(path), lambda target, step: content.write(target, step, header, signature), progress
            )

        return PreparedExport(name, write)

    def papers(self, content: JobContent, today: date) -> tuple[DocumentHeader, Signature, str]:
        """The header, signature and suggested file name: the current branch's (the office's jobs: the committee's)."""
        from models.core.branch import get_branch  # peewee: not before the window's first paint
        from services.roster import report_data

        branch = get_branch()
        header = report_data.document_header(branch, today, content.type_code)
        name = report_data.suggested_file_name(content.file_title, branch, content.on or today)
        return header, report_data.signature(branch), name

    def run(
        self, path: str | os.PathLike[str], options: ExportOptions | None = None, progress: Progress | None = None
    ) -> Path:
        """Read, lay out and write the workbook to `path`."""
        return self.prepare(options).write(path, progress)


def _everyone(options: ExportOptions) -> list[MemberRecord]:
    if options.everyone is not None:
        return list(options.everyone)
    from models.roster.members import all_members

    return all_members()


def _listed(options: ExportOptions) -> list[tuple[MemberRecord, MemberStatus | None]]:
    """The members a list prints, each with its status on the day when it is known: as given, else the roster tab's
    default view (current members, A-B-C), each status worked out once (once per distinct input of the rules)."""
    if options.listed is not None:
        return [(member, None) for member in options.listed]
    from models.roster.member_status import statuses_on
    from models.roster.roster import RosterFilter, filter_rows, roster_rows, sort_indices

    members = _everyone(options)
    statuses = statuses_on(members, options.today)
    rows = roster_rows(members, options.today, statuses)
    order = sort_indices(rows, list(range(len(rows))), "full_name")
    return [(members[i], statuses[i]) for i in filter_rows(rows, RosterFilter(), order)]


def _member_list(screen: bool) -> Callable[[ExportOptions], JobContent]:
    def content(options: ExportOptions) -> JobContent:
        members, today = _listed(options), options.today
        if not members:
            raise NothingToExport("Danh sách không có đảng viên nào để xuất.")
        pairs = tuple(options.columns or DEFAULT_SCREEN_COLUMNS) if screen else None

        def write(target: Path, progress: Progress, header: DocumentHeader, signature: Signature) -> None:
            from models.roster.member_list_rows import member_list_row
            from reports.roster.member_list import ROSTER_BOOK_COLUMNS, columns_for, export_member_list

            rows = []
            for index, (member, status) in enumerate(members):
                if index % PROGRESS_STEP == 0 and not progress(index, len(members)):
                    raise Cancelled()
                rows.append(member_list_row(member, today, status))
            columns = columns_for(pairs) if pairs is not None else ROSTER_BOOK_COLUMNS
            summary = f"(Tính đến ngày {fmt(today)}: {len(rows)} đảng viên)"
            export_member_list(target, rows, header, columns=columns, summary=summary, signature=signature)

        title = "Danh sách đảng viên theo các cột đang hiện" if screen else "Danh sách đảng viên"
        return JobContent(title, "DS", write)

    return content


def _statistics(options: ExportOptions) -> JobContent:
    from models.roster.rating_book import ratings_for_year
    from models.roster.statistics import branch_statistics

    chosen = options.statistics or StatisticsOptions.default(options.today)
    members, ratings = _everyone(options), ratings_for_year(chosen.year)

    def write(target: Path, progress: Progress, header: DocumentHeader, signature: Signature) -> None:
        from reports.roster.statistics_report import export_statistics
        from services.roster.report_data import statistics_sections

        if not progress(0, 2):
            raise Cancelled()
        sections = branch_statistics(members, ratings, chosen.on, chosen.period, chosen.year, chosen.age_bounds)
        if not progress(1, 2):
            raise Cancelled()
        period = f"(Tính đến ngày {fmt(chosen.on)})"
        export_statistics(target, statistics_sections(sections), header, period=period, signature=signature)

    return JobContent("Báo cáo thống kê đảng viên", "BC", write, on=chosen.on)


def _probation(options: ExportOptions) -> JobContent:
    from models.roster.reminders import recognition_reminders
    from services.roster.report_data import probation_rows

    today = options.today
    reminders = recognition_reminders(_everyone(options), today)
    if not reminders:
        raise NothingToExport("Không có đảng viên nào đến hạn xét công nhận chính thức.")
    rows = probation_rows(reminders)

    def write(target: Path, progress: Progress, header: DocumentHeader, signature: Signature) -> None:
        from reports.roster.reminder_lists import export_probation_list

        if not progress(0, 1):
            raise Cancelled()
        export_probation_list(target, rows, header, as_of=today, signature=signature)

    return JobContent("Đảng viên dự bị đến hạn xét chính thức", "DS", write)


def _badges(options: ExportOptions) -> JobContent:
    from models.roster.badges import next_award_date
    from models.roster.reminders import badge_due_for_award_date
    from services.roster.report_data import badge_rows

    award = next_award_date(options.today)
    candidates = badge_due_for_award_date(_everyone(options), award)
    if not candidates:
        raise NothingToExport(f"Không có đảng viên nào đến mốc tặng Huy hiệu Đảng đợt {fmt(award)}.")
    rows = badge_rows(candidates)

    def write(target: Path, progress: Progress, header: DocumentHeader, signature: Signature) -> None:
        from reports.roster.reminder_lists import export_badge_list

        if not progress(0, 1):
            raise Cancelled()
        export_badge_list(target, rows, header, award_date=award, signature=signature)

    return JobContent(f"Huy hiệu Đảng đợt {fmt(award)}", "DS", write)


EXPORT_JOBS: tuple[ExportJob, ...] = (
    ExportJob(
        "danh-sach",
        EXPORT_TITLES["danh-sach"],
        "Đang xuất danh sách đảng viên…",
        "Đã xuất danh sách đảng viên ra tệp Excel.",
        _member_list(screen=False),
    ),
    ExportJob(
        "danh-sach-cot",
        EXPORT_TITLES["danh-sach-cot"],
        "Đang xuất danh sách đảng viên…",
        "Đã xuất danh sách đảng viên ra tệp Excel.",
        _member_list(screen=True),
    ),
    ExportJob(
        "thong-ke",
        EXPORT_TITLES["thong-ke"],
        "Đang lập báo cáo thống kê…",
        "Đã xuất báo cáo thống kê đảng viên ra tệp Excel.",
        _statistics,
        asks_options=True,
    ),
    ExportJob(
        "du-bi",
        EXPORT_TITLES["du-bi"],
        "Đang xuất danh sách…",
        "Đã xuất danh sách đảng viên dự bị đến hạn ra tệp Excel.",
        _probation,
    ),
    ExportJob(
        "huy-hieu",
        EXPORT_TITLES["huy-hieu"],
        "Đang xuất danh sách…",
        "Đã xuất danh sách đề nghị tặng Huy hiệu Đảng ra tệp Excel.",
        _badges,
    ),
)
JOB_BY_KIND = {job.kind: job for job in EXPORT_JOBS}


def export_kinds_text() -> str:
    """The kinds of `main.py export`, one a line with its title, for the help and for an unknown kind."""
    return "\n".join(f"  {job.kind:<14} {job.title}" for job in EXPORT_JOBS)
