"""«Xuất Excel» from the members tab: every export of services.roster.jobs, asked for a path and written off the GUI
thread.

The job reads its data on the GUI thread (one connection per thread), then writes on a BackgroundTask; the workbook
goes to a hidden file beside the target and is moved into place only if the user did not cancel, so a cancelled
export leaves nothing behind (and an existing file untouched).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from gui.core import operations
from gui.core.export_runner import write_export
from models.core import clock
from models.roster.records import MemberRecord
from services.roster.jobs import EXPORT_JOBS, JOB_BY_KIND, ExportJob, ExportOptions, NothingToExport

# Menu order; None is a separator.
MENU: tuple[str | None, ...] = ("danh-sach", "danh-sach-cot", None, "thong-ke", None, "du-bi", "huy-hieu")
# The access key of each export in the menu (unique within «Xuất Excel»).
ACCESS_KEYS = {"danh-sach": "sổ", "danh-sach-cot": "cột", "thong-ke": "thống", "du-bi": "dự", "huy-hieu": "Huy"}


def menu_text(kind: str, title: str) -> str:
    """The job's title with its access key: «Danh sách đảng viên theo mẫu &sổ 7-HSĐV…»."""
    word = ACCESS_KEYS[kind]
    return f"{title.replace(word, '&' + word, 1)}…"


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
        self.task = None  # the BackgroundTask of the export under way
        self.options_dialog = None
        self.action_by_kind = {job.kind: self._action(job) for job in EXPORT_JOBS}

    def _action(self, job: ExportJob) -> QAction:
        action = QAction(menu_text(job.kind, job.title), self)
        action.triggered.connect(lambda _checked=False, kind=job.kind: self.start(kind))
        return action

    def actions(self) -> list[QAction | None]:
        """In menu order; None is a separator."""
        return [self.action_by_kind[kind] if kind else None for kind in MENU]

    def start(self, kind: str) -> None:
        """Run the export `kind` ("danh-sach", "thong-ke", …): its options first when it has any."""
        if JOB_BY_KIND[kind].asks_options:
            self._ask_statistics_options(kind)
        else:
            self._export(kind, None)

    def _ask_statistics_options(self, kind: str) -> None:
        from gui.roster.statistics_options_dialog import StatisticsOptionsDialog

        dialog = StatisticsOptionsDialog(clock.today(), self._age_bounds(), self._parent)
        dialog.options_chosen.connect(lambda options: self._export(kind, options))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.options_dialog = dialog

    def _export(self, kind: str, statistics) -> None:
        job = JOB_BY_KIND[kind]
        options = ExportOptions(
            clock.today(),
            everyone=self._everyone(),
            listed=self._shown(),
            columns=self._screen_columns(),
            statistics=statistics,
        )
        title = f"Xuất {job.title[0].lower()}{job.title[1:]}"

        def write(prepared) -> None:
            self.task = write_export(self._parent, title, prepared, job.working, job.done, self.exported.emit)

        operations.run(self._parent, lambda: job.prepare(options), write, notice=(NothingToExport,))
