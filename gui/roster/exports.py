"""«Xuất Excel» from the members tab: member list, statistics report, reminder lists; written off the GUI thread.

Each export asks for a file name, then runs a plain `job(progress)` on a BackgroundTask. The workbook is written to
a hidden file beside the target and moved into place only if the user did not cancel, so a cancelled export leaves
nothing behind (and an existing file untouched).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from gui.core import dialogs
from models.core.errors import Cancelled, DomainError

if TYPE_CHECKING:
    from models.roster.records import MemberRecord

Progress = Callable[[int, int], bool]
Writer = Callable[[Path, Progress], object]
PROGRESS_STEP = 250


def _report_data():
    """report_data pulls in reports/ and the reminder rules: imported on first export, not at start-up."""
    from reports.roster import report_data

    return report_data


def _member_list_row(member: MemberRecord, today: date) -> dict:
    from models.roster.member_list_rows import member_list_row

    return member_list_row(member, today)


class MemberExports(QObject):
    """The export actions of the members tab; `exported(path)` after a file was written."""

    exported = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        shown: Callable[[], list[MemberRecord]],
        everyone: Callable[[], list[MemberRecord]],
        screen_columns: Callable[[], list[tuple[str, str]]],
        age_bounds: Callable[[], tuple[int, ...]],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._shown = shown
        self._everyone = everyone
        self._screen_columns = screen_columns
        self._age_bounds = age_bounds
        self.task = None  # gui.core.background.BackgroundTask of the export under way
        self.options_dialog = None
        self.roster_book_action = self._action("Danh sách đảng viên theo mẫu sổ 7-HSĐV…", self.export_roster_book)
        self.screen_list_action = self._action("Danh sách đảng viên theo các cột đang hiện…", self.export_screen_list)
        self.statistics_action = self._action("Báo cáo thống kê đảng viên…", self.export_statistics)
        self.probation_action = self._action("Danh sách đảng viên dự bị đến hạn xét chính thức…", self.export_probation)
        self.badge_action = self._action("Danh sách đề nghị tặng Huy hiệu Đảng đợt tới…", self.export_badges)

    def _action(self, text: str, slot) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def actions(self) -> list[QAction | None]:
        """In menu order; None is a separator."""
        return [self.roster_book_action, self.screen_list_action, None, self.statistics_action, None,
                self.probation_action, self.badge_action]  # fmt: skip

    # member list ---------------------------------------------------------------------------
    def export_roster_book(self) -> None:
        self._export_member_list(screen=False)

    def export_screen_list(self) -> None:
        self._export_member_list(screen=True)

    def _export_member_list(self, screen: bool) -> None:
        members = self._shown()
        if not members:
            dialogs.show_info(self._parent, "Danh sách đang hiển thị không có đảng viên nào để xuất.")
            return
        today, branch = date.today(), _branch()
        path = self._ask_path("Xuất danh sách đảng viên", _report_data().suggested_file_name(
            "Danh sách đảng viên", branch, today))  # fmt: skip
        if not path:
            return
        header, signature = _report_data().document_header(branch, today, "DS"), _report_data().signature(branch)
        pairs = self._screen_columns() if screen else None

        def write(target: Path, progress: Progress) -> None:
            from reports.roster.member_list import ROSTER_BOOK_COLUMNS, columns_for, export_member_list

            rows = []
            for index, member in enumerate(members):
                if index % PROGRESS_STEP == 0 and not progress(index, len(members)):
                    raise Cancelled()
                rows.append(_member_list_row(member, today))
            columns = columns_for(pairs) if pairs is not None else ROSTER_BOOK_COLUMNS
            summary = f"(Tính đến ngày {fmt(today)}: {len(rows)} đảng viên)"
            export_member_list(target, rows, header, columns=columns, summary=summary, signature=signature)

        self._run(path, "Đang xuất danh sách đảng viên…", write, "Đã xuất danh sách đảng viên ra tệp Excel.")

    # statistics report ---------------------------------------------------------------------
    def export_statistics(self) -> None:
        from gui.roster.statistics_options_dialog import StatisticsOptionsDialog

        dialog = StatisticsOptionsDialog(date.today(), self._age_bounds(), self._parent)
        dialog.options_chosen.connect(self._on_options_dialog_options_chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.options_dialog = dialog

    def _on_options_dialog_options_chosen(self, options) -> None:
        from models.roster.rating_book import ratings_for_year
        from models.roster.statistics import branch_statistics

        today, branch = date.today(), _branch()
        path = self._ask_path("Xuất báo cáo thống kê", _report_data().suggested_file_name(
            "Báo cáo thống kê đảng viên", branch, options.on))  # fmt: skip
        if not path:
            return
        members, ratings = self._everyone(), ratings_for_year(options.year)  # read here: one connection per thread
        header, signature = _report_data().document_header(branch, today, "BC"), _report_data().signature(branch)

        def write(target: Path, progress: Progress) -> None:
            from reports.roster.statistics_report import export_statistics

            if not progress(0, 2):
                raise Cancelled()
            sections = branch_statistics(members, ratings, options.on, options.period, options.year,
                                         options.age_bounds)  # fmt: skip
            if not progress(1, 2):
                raise Cancelled()
            period = f"(Tính đến ngày {fmt(options.on)})"
            export_statistics(target, _report_data().statistics_sections(sections), header, period=period,
                              signature=signature)  # fmt: skip

        self._run(path, "Đang lập báo cáo thống kê…", write, "Đã xuất báo cáo thống kê đảng viên ra tệp Excel.")

    # reminder lists ------------------------------------------------------------------------
    def export_probation(self) -> None:
        from models.roster.reminders import recognition_reminders

        today, branch = date.today(), _branch()
        reminders = recognition_reminders(self._everyone(), today)
        if not reminders:
            dialogs.show_info(self._parent, "Không có đảng viên nào đến hạn xét công nhận chính thức.")
            return
        path = self._ask_path("Xuất danh sách đảng viên dự bị đến hạn", _report_data().suggested_file_name(
            "Đảng viên dự bị đến hạn xét chính thức", branch, today))  # fmt: skip
        if not path:
            return
        rows = _report_data().probation_rows(reminders)
        header, signature = _report_data().document_header(branch, today, "DS"), _report_data().signature(branch)

        def write(target: Path, progress: Progress) -> None:
            from reports.roster.reminder_lists import export_probation_list

            if not progress(0, 1):
                raise Cancelled()
            export_probation_list(target, rows, header, as_of=today, signature=signature)

        self._run(path, "Đang xuất danh sách…", write, "Đã xuất danh sách đảng viên dự bị đến hạn ra tệp Excel.")

    def export_badges(self) -> None:
        from models.roster.badges import next_award_date
        from models.roster.reminders import badge_due_for_award_date

        today, branch = date.today(), _branch()
        award = next_award_date(today)
        candidates = badge_due_for_award_date(self._everyone(), award)
        if not candidates:
            dialogs.show_info(self._parent, f"Không có đảng viên nào đến mốc tặng Huy hiệu Đảng đợt {fmt(award)}.")
            return
        path = self._ask_path("Xuất danh sách đề nghị tặng Huy hiệu Đảng", _report_data().suggested_file_name(
            f"Huy hiệu Đảng đợt {fmt(award)}", branch, today))  # fmt: skip
        if not path:
            return
        rows = _report_data().badge_rows(candidates)
        header, signature = _report_data().document_header(branch, today, "DS"), _report_data().signature(branch)

        def write(target: Path, progress: Progress) -> None:
            from reports.roster.reminder_lists import export_badge_list

            if not progress(0, 1):
                raise Cancelled()
            export_badge_list(target, rows, header, award_date=award, signature=signature)

        self._run(path, "Đang xuất danh sách…", write, "Đã xuất danh sách đề nghị tặng Huy hiệu Đảng ra tệp Excel.")

    # running -------------------------------------------------------------------------------
    def _ask_path(self, title: str, suggested: str) -> str:
        path = dialogs.ask_save_path(self._parent, title, dialogs.EXCEL_FILTER, suggested)
        if path and not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        return path

    def _run(self, path: str, label: str, write: Writer, done_text: str) -> None:
        target = Path(path)

        def job(progress: Progress) -> Path:
            import uuid  # 5 ms to import: not before the first paint

            partial = target.with_name(f".chibo-{uuid.uuid4().hex}.xlsx")
            try:
                write(partial, progress)
                if not progress(1, 1):
                    raise Cancelled()
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)
            return target

        from gui.core.background import BackgroundTask

        task = BackgroundTask(self._parent, "Xuất Excel", label, job)
        task.finished.connect(lambda result: self._on_task_finished(result, done_text))
        task.failed.connect(self._on_task_failed)
        task.cancelled.connect(self._on_task_cancelled)
        self.task = task
        task.start()

    def _on_task_finished(self, result: object, done_text: str) -> None:
        self.task = None
        dialogs.show_info(self._parent, done_text, str(result))
        self.exported.emit(str(result))

    def _on_task_cancelled(self) -> None:
        self.task = None

    def _on_task_failed(self, error: object) -> None:
        self.task = None
        if isinstance(error, DomainError):
            dialogs.show_error(self._parent, error.message)
        elif isinstance(error, PermissionError):
            dialogs.show_error(
                self._parent,
                "Không ghi được tệp: tệp đang được mở (ví dụ trong Excel) hoặc thư mục không cho phép ghi.",
                "Hãy đóng tệp hoặc chọn thư mục khác rồi thử lại.",
            )
        else:
            dialogs.show_error(self._parent, "Không xuất được tệp Excel.", str(error))


def _branch():
    from models.core.branch import get_branch  # peewee: not needed before the window's first paint

    return get_branch()


def fmt(value: date | None) -> str:
    from models.roster.member_rules import fmt as rules_fmt  # the rules: not needed before the first paint

    return rules_fmt(value)
