"""Rate every member of the branch for one year in one table (Quy định 366-QĐ/TW), saved in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from gui.core.number_field import number_field
from gui.core.unsaved import GuardsUnsaved
from gui.roster.member_form import WARNING_COLOR
from models.core import clock
from models.core.dates import fmt as format_date
from models.core.errors import DomainError, EditConflictError
from models.core.vnname import name_key
from models.roster.fields import RATING_LEVELS
from models.roster.member_status import member_status
from models.roster.members import all_members
from models.roster.rating_book import ratings_for_year, save_ratings
from models.roster.ratings import excellent_quota_warning, rateable, rating_reference_date, rating_summary, year_to_rate
from models.roster.records import RatingRecord

NO_RATING = "— Chưa xếp loại —"
LEVEL_KEYS = {Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4, Qt.Key.Key_0: 0}
COLUMNS = ("STT", "Họ và tên", "Ngày sinh", "Xếp loại chất lượng", "Ghi chú")
LEVEL_COLUMN = 3


class _LevelCombo(QComboBox):
    """A rating box that lets the mouse wheel scroll the table unless the box has the focus."""

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


@dataclass
class _Row:
    member_id: int
    full_name: str
    birth_date: date | None
    rateable: bool
    note: str
    saved: str | None
    combo: QComboBox | None = None
    read: RatingRecord | None = None  # the saved rating as loaded, which a save must still find


def _level_text(level: str | None) -> str:
    return f"«{RATING_LEVELS[level]}»" if level else "(chưa xếp loại)"


class RatingsDialog(GuardsUnsaved, QDialog):
    """One year's ratings of the current members; exempted members are listed, greyed, and not rated.

    Emits `ratings_saved(year)` after saving.
    """

    ratings_saved = Signal(int)

    def __init__(self, year: int | None = None, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.today = today or clock.today()
        self.rows: list[_Row] = []
        self.setWindowTitle("Xếp loại chất lượng đảng viên")
        default_year = year_to_rate(self.today)
        self.year_spin = number_field(1930, self.today.year + 1, year or default_year)
        self.year_spin.setGroupSeparatorShown(False)
        self.year_spin.setKeyboardTracking(False)  # load the year once it is typed in full
        year_label = QLabel("&Năm xếp loại:")
        year_label.setBuddy(self.year_spin)
        self.reference_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year_spin)
        top.addWidget(self.reference_label, 1)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from one rating box to the next …
        self.table.setTabKeyNavigation(False)  # … not from a box through the row's other cells
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        hint = QLabel("Chọn mức xếp loại cho từng đảng viên; có thể gõ phím 1–4 (0 để bỏ chọn) trong ô xếp loại.")
        hint.setWordWrap(True)
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.quota_label = QLabel()
        self.quota_label.setWordWrap(True)
        self.quota_label.setStyleSheet(f"color: {WARNING_COLOR};")
        self.buttons = dialogs.localize_buttons(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.quota_label)
        layout.addWidget(self.buttons)
        dialogs.fit_to_screen(self, 860, 600)

        self._shown_year = self.year_spin.value()
        self.year_spin.valueChanged.connect(self._on_year_spin_value_changed)
        self.load(self._shown_year)

    # loading -----------------------------------------------------------------------------------
    def year(self) -> int:
        return self._shown_year

    def load(self, year: int) -> None:
        self._shown_year = year
        on = rating_reference_date(year)
        self.reference_label.setText(f"(danh sách đảng viên của chi bộ ngày {format_date(on)})")
        read = {r.member_id: r for r in ratings_for_year(year)}
        saved = {member_id: r.level for member_id, r in read.items()}
        rows = []
        for member in all_members():
            status = member_status(member, on)
            if not status.is_current_member and member.id not in saved:
                continue
            can_rate = rateable(member, year)
            note = "" if can_rate else f"{status.label}: không xếp loại"
            row = _Row(member.id, member.full_name, member.birth_date, can_rate, note, saved.get(member.id))
            row.read = read.get(member.id)
            rows.append(row)
        rows.sort(key=lambda r: name_key(r.full_name, r.birth_date))
        self.rows = rows
        self.table.clearContents()
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            self._fill_row(index, row)
        if rows and rows[0].combo is not None:
            self.table.horizontalHeader().setSectionResizeMode(LEVEL_COLUMN, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(LEVEL_COLUMN, rows[0].combo.sizeHint().width() + 8)
        self._set_tab_order()
        self._update_counts()

    def _set_tab_order(self) -> None:
        """The year, each member's rating box down the list, then «Lưu» and «Hủy» (the boxes are made after the
        buttons, so Tab went to the buttons first)."""
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        chain = [self.year_spin, *(row.combo for row in self.rows if row.combo), self.save_button, cancel]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _fill_row(self, index: int, row: _Row) -> None:
        texts = (str(index + 1), row.full_name, format_date(row.birth_date), "", row.note)
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if not row.rateable:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            if column == 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(index, column, item)
        combo = _LevelCombo()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.addItem(NO_RATING, None)
        for code, label in RATING_LEVELS.items():
            combo.addItem(label, code)
        combo.setCurrentIndex(max(combo.findData(row.saved), 0) if row.saved else 0)
        combo.setEnabled(row.rateable)
        combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        combo.setAccessibleName(f"Xếp loại {row.full_name}")
        combo.installEventFilter(self)
        combo.currentIndexChanged.connect(self._on_level_combo_current_index_changed)
        row.combo = combo
        self.table.setCellWidget(index, LEVEL_COLUMN, combo)

    # state -------------------------------------------------------------------------------------
    def levels(self) -> dict[int, str | None]:
        """What will be saved: the chosen level (None = not rated) of every rateable member."""
        return {row.member_id: row.combo.currentData() for row in self.rows if row.rateable and row.combo}

    def unsaved_state(self) -> dict:
        return self.levels()

    def has_unsaved_changes(self) -> bool:
        """Against the levels saved for the year shown (another year loaded starts afresh)."""
        return any(level != self._saved_level(member_id) for member_id, level in self.levels().items())

    def _saved_level(self, member_id: int) -> str | None:
        return next((row.saved for row in self.rows if row.member_id == member_id), None)

    def _update_counts(self) -> None:
        chosen = [level for level in self.levels().values() if level]
        counts = rating_summary(chosen)
        unrated = sum(1 for level in self.levels().values() if level is None)
        cells = "".join(
            f"<td style='padding-right:16px'>{escape(RATING_LEVELS[code])}: <b>{counts[code]}</b></td>"
            for code in RATING_LEVELS
        )
        rateable_count = len(self.levels())
        self.counts_label.setText(
            f"<table><tr>{cells}</tr></table>Chưa xếp loại: <b>{unrated}</b> trong số {rateable_count} đảng viên "
            f"phải xếp loại; {len(self.rows) - rateable_count} đảng viên không xếp loại."
        )
        warning = excellent_quota_warning(chosen)
        self.quota_label.setText(warning or "")
        self.quota_label.setVisible(bool(warning))

    # slots -------------------------------------------------------------------------------------
    def _on_level_combo_current_index_changed(self, *_args) -> None:
        self._update_counts()

    def _on_year_spin_value_changed(self, year: int) -> None:
        if year == self._shown_year:
            return
        if self.has_unsaved_changes() and not dialogs.confirm(
            self,
            f"Kết quả xếp loại năm {self._shown_year} chưa được lưu. Bỏ các thay đổi để xem năm {year}?",
            yes="Bỏ thay đổi",
            no="Quay lại",
        ):
            self.year_spin.blockSignals(True)
            self.year_spin.setValue(self._shown_year)
            self.year_spin.blockSignals(False)
            return
        self.load(year)

    def _on_buttons_accepted(self) -> None:
        levels = self.levels()
        notes = []
        unrated = sum(1 for level in levels.values() if level is None)
        if unrated:
            notes.append(f"Còn {unrated} đảng viên chưa được xếp loại.")
        warning = excellent_quota_warning([level for level in levels.values() if level])
        if warning:
            notes.append(warning)
        if notes and not dialogs.confirm(
            self, f"Lưu kết quả xếp loại năm {self._shown_year}?", "\n".join(notes), yes="Vẫn lưu"
        ):
            return
        read = {r.member_id: r.read for r in self.rows if r.member_id in levels}
        operations.run(
            self,
            lambda: save_ratings(self._shown_year, levels, read=read),
            lambda _result: self._on_saved(levels),
            on_failure=self._refused,
        )

    def _refused(self, exc: DomainError) -> None:
        if not isinstance(exc, EditConflictError):
            dialogs.show_error(self, "Chưa lưu được kết quả xếp loại.", exc.message)
        elif dialogs.confirm(
            self,
            f"Kết quả xếp loại năm {self._shown_year} vừa được sửa trên máy khác; chưa lưu được.",
            exc.message,
            yes="Tải lại bảng",
            no="Giữ bảng đang sửa",
        ):
            self.reload_saved()

    def _on_saved(self, levels: dict) -> None:
        for row in self.rows:
            if row.member_id in levels:
                row.saved = levels[row.member_id]
        self.ratings_saved.emit(self._shown_year)
        self.accept()

    def reload_saved(self) -> None:
        """Show the year as saved now, keeping this user's choices where the other client left the rating alone;
        choices both made differently are replaced by theirs and listed to choose again."""
        mine = self.levels()
        before = {row.member_id: row.saved for row in self.rows}
        self.load(self._shown_year)
        replaced = []
        for row in self.rows:
            if row.member_id not in mine or row.combo is None or mine[row.member_id] == before.get(row.member_id):
                continue
            wanted = mine[row.member_id]
            if row.saved == before.get(row.member_id):
                row.combo.setCurrentIndex(max(row.combo.findData(wanted), 0) if wanted else 0)
            elif row.saved != wanted:
                replaced.append(
                    f"• {row.full_name}: bạn đã chọn {_level_text(wanted)}, nay là {_level_text(row.saved)}"
                )
        self._update_counts()
        if replaced:
            dialogs.show_info(
                self,
                "Đã tải lại bảng xếp loại. Những đảng viên bạn đã chọn mà máy kia cũng xếp loại lại nay theo bản "
                "của họ; hãy chọn lại nếu vẫn cần rồi lưu:",
                "\n".join(replaced),
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if isinstance(watched, QComboBox):
            if event.type() == QEvent.Type.FocusIn:
                row = next((i for i, r in enumerate(self.rows) if r.combo is watched), -1)
                if row >= 0:
                    self.table.scrollToItem(self.table.item(row, 1))
            if event.type() == QEvent.Type.KeyPress and event.key() in LEVEL_KEYS:
                watched.setCurrentIndex(LEVEL_KEYS[event.key()])
                return True
        return super().eventFilter(watched, event)
