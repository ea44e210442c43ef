"""«Phục hồi từ bản sao lưu»: the backups of the open data file with what each holds; and the offer, when a data
file is found damaged on opening, to restore its newest good backup (models.core.restore)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from gui.core.tables import fill_table, read_only_table

if TYPE_CHECKING:
    from models.core.data_session import Outcome


def offer_restore(parent: QWidget | None, damaged: Outcome) -> Outcome:
    """A damaged data file: offer its newest good backup (models.core.data_session.restore_damaged). Restored and
    opened, or DAMAGED again (no message when the user declined: the offer said what is wrong); the damaged file is
    set aside, never overwritten."""
    from models.core.data_session import restore_damaged
    from models.core.restore import preview

    backup, path = damaged.backups[0], Path(damaged.target)
    seen = preview(backup)
    question = (
        f"{damaged.message}\n\nPhục hồi từ bản sao lưu tự động lúc {backup.taken_at:%H:%M ngày %d/%m/%Y} "
        f"({seen.summary})? Tệp hỏng được cất riêng bên cạnh, không bị xóa."
    )
    if not dialogs.confirm(parent, question, title="Tệp dữ liệu bị hỏng", yes="&Phục hồi", no="&Không"):
        return replace(damaged, message="")
    done = operations.result_of(parent, lambda: restore_damaged(path, backup), heading="Chưa phục hồi được.")
    if done is operations.REFUSED:
        return replace(damaged, message="")
    aside, opened = done
    dialogs.show_info(parent, "Đã phục hồi dữ liệu từ bản sao lưu.", f"Tệp hỏng được cất ở: {aside}")
    return opened


class RestoreDialog(QDialog):
    """`backup_chosen(BackupFile)` once the user confirmed; the window closes the file, restores and reopens."""

    backup_chosen = Signal(object)

    def __init__(self, data_path: Path, parent: QWidget | None = None) -> None:
        from models.core.restore import previews

        super().__init__(parent)
        self.setWindowTitle("Phục hồi từ bản sao lưu")
        layout = QVBoxLayout(self)
        note = QLabel(
            "ChiBo tự sao lưu khi mở tệp, trước khi khóa kết quả kiểm phiếu, hủy phiếu, nhập Excel và khi "
            "đóng. Chọn một bản để phục hồi; trạng thái hiện tại được sao lưu trước."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.previews = previews(data_path)
        self.table = read_only_table(("Thời điểm", "Lúc sao lưu", "Nội dung"))
        fill_table(
            self.table,
            (
                (f"{seen.backup.taken_at:%H:%M:%S %d/%m/%Y}", seen.backup.reason_label, seen.summary)
                for seen in self.previews
            ),
        )
        if self.previews:
            self.table.selectRow(0)
        layout.addWidget(self.table, 1)
        if not self.previews:
            layout.addWidget(QLabel("Tệp dữ liệu này chưa có bản sao lưu tự động nào."))
        self.buttons = dialogs.ok_cancel(self, self._choose, "&Phục hồi bản đã chọn")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.previews))
        layout.addWidget(self.buttons)
        dialogs.fit_to_screen(self, 760, 460)

    def _choose(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.previews):
            return
        seen = self.previews[row]
        if not seen.ok:
            dialogs.show_error(self, "Bản sao lưu này bị hỏng, không phục hồi từ đó được; hãy chọn bản khác.")
            return
        when = f"{seen.backup.taken_at:%H:%M ngày %d/%m/%Y}"
        if dialogs.confirm(
            self,
            f"Phục hồi dữ liệu về lúc {when} ({seen.summary})? Những gì ghi sau lúc đó sẽ "
            "không còn trong tệp, nhưng trạng thái hiện tại được sao lưu trước.",
            yes="&Phục hồi",
        ):
            self.backup_chosen.emit(seen.backup)
            self.accept()
