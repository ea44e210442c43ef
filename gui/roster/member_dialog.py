"""Add or edit a member: the record checked as it is typed, the life events and the yearly ratings."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from gui.core import dialogs, operations
from gui.core.unsaved import GuardsUnsaved
from gui.roster.member_form import ERROR_COLOR, WARNING_COLOR, MemberForm
from gui.roster.member_history import RatingsList, TimelineWidget, status_lines
from models.core import clock
from models.core.conflicts import shown
from models.core.errors import DomainError, EditConflictError, ValidationError
from models.roster.edit_conflicts import last_saved_text
from models.roster.event_kinds import EVENT_LABELS, EventKind
from models.roster.fields import FIELD_BY_KEY
from models.roster.member_rules import fmt as format_date
from models.roster.member_validation import Issue
from models.roster.members import check_member, get_member, save_member, void_event
from models.roster.rating_book import member_ratings
from models.roster.records import MemberRecord

VALIDATION_DELAY_MS = 150


class MemberDialog(GuardsUnsaved, QDialog):
    """The phiếu đảng viên of one member (or a new one when `member_id` is None).

    Emits `member_saved(id)` after the record is saved, and after an event of the member is recorded here
    (both change what the roster shows).
    """

    member_saved = Signal(int)

    def __init__(self, member_id: int | None = None, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.member_id = member_id
        self.today = today
        self.member: MemberRecord | None = get_member(member_id) if member_id is not None else None
        self.errors: list[Issue] = []
        self.warnings: list[Issue] = []
        self._touched: set[str] = set()
        self._loading = False
        self.setWindowTitle(f"Đảng viên {self.member.full_name}" if self.member else "Thêm đảng viên")
        self.setMinimumHeight(520)

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.form = MemberForm(self)
        self.form.connect_edits(self._on_form_field_edited)
        self.tabs = QTabWidget()
        self.tabs.setUsesScrollButtons(False)
        for title, page in self.form.pages:
            self.tabs.addTab(page, title)
        self.timeline: TimelineWidget | None = None
        self.ratings: RatingsList | None = None
        if self.member is not None:
            self.timeline = TimelineWidget()
            self.timeline.add_requested.connect(self._on_timeline_add_requested)
            self.timeline.correction_requested.connect(self._on_timeline_correction_requested)
            self.timeline.void_requested.connect(self._on_timeline_void_requested)
            self.tabs.addTab(self.timeline, "Quá trình sinh hoạt")
            self.ratings = RatingsList()
            self.tabs.addTab(self.ratings, "Xếp loại chất lượng")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.buttons = dialogs.localize_buttons(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip("Lưu phiếu đảng viên (Ctrl+S)")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.activated.connect(self._on_buttons_accepted)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        dialogs.fit_to_screen(self, max(900, self.tabs.tabBar().sizeHint().width() + 48), 620)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(VALIDATION_DELAY_MS)
        self.timer.timeout.connect(self.validate)
        self._load(self.member)
        self.form.focus_target("full_name").setFocus()

    # loading -----------------------------------------------------------------------------------
    def _load(self, member: MemberRecord | None) -> None:
        self._loading = True
        # A new member starts with the record's defaults (dân tộc Kinh, tôn giáo Không).
        self.form.set_record(member or MemberRecord(full_name="", gender="", birth_date=None, admission_date=None))
        self._loading = False
        self._saved_values = self.form.values()
        self._show_history()
        self.validate()

    def _show_history(self) -> None:
        if self.member is None:
            self.header.setText("Nhập phiếu đảng viên mới. Các mục có dấu <b>*</b> là bắt buộc.")
            return
        lines = status_lines(self.member, self.today or clock.today())
        saved = last_saved_text(self.member.id)
        if saved:
            lines.append(escape(saved))
        self.header.setText("<br>".join(lines))
        self.header.setVisible(bool(lines))
        if self.timeline is not None:
            self.timeline.show_member(self.member)
        if self.ratings is not None:
            self.ratings.show_ratings(member_ratings(self.member.id))

    def unsaved_state(self) -> dict:
        return self.form.values()

    def has_unsaved_changes(self) -> bool:
        """Against the record as last read or saved (a reload after another PC's save keeps what was typed)."""
        return self.form.values() != self._saved_values

    # validation --------------------------------------------------------------------------------
    def _on_form_field_edited(self, key: str) -> None:
        if self._loading:
            return
        self._touched.add(key)
        self.timer.start()

    def validate(self) -> None:
        """Check the record now (normally run ~150 ms after the last keystroke)."""
        self.timer.stop()
        shape = self.form.shape_errors()
        bad_dates = {i.field for i in shape}
        report = check_member(self.form.record(self.member_id), self.today)
        self.errors = shape + [i for i in report.errors if i.field not in bad_dates]
        self.warnings = [i for i in report.warnings if i.field not in bad_dates]
        # A new, untouched form is not shouted at: its empty required fields are only listed in the summary.
        shown = None if self.member is not None else self._touched
        self.form.show_issues(self.errors, self.warnings, shown)
        self._mark_tabs(shown)
        self.summary.setText(self._summary_html(shown))
        self.save_button.setEnabled(not self.errors)

    def _mark_tabs(self, shown: set[str] | None) -> None:
        bar = self.tabs.tabBar()
        for index, (title, _page) in enumerate(self.form.pages):
            keys = {k for k, page in self.form.page_of.items() if page == index}
            if shown is not None:
                keys &= shown
            has_error = any(i.field in keys for i in self.errors)
            has_warning = any(i.field in keys for i in self.warnings)
            self.tabs.setTabText(index, f"{title} (!)" if has_error or has_warning else title)
            color = ERROR_COLOR if has_error else WARNING_COLOR if has_warning else None
            bar.setTabTextColor(index, QColor(color) if color else bar.palette().windowText().color())

    def _summary_html(self, shown: set[str] | None) -> str:
        def names(issues: list[Issue]) -> str:
            return ", ".join(dict.fromkeys(f"«{i.label}»" if i.label else i.message for i in issues))

        visible = [i for i in self.errors if shown is None or i.field in shown or not i.field]
        pending = [i for i in self.errors if i not in visible]
        parts = []
        if visible:
            parts.append(f'<span style="color:{ERROR_COLOR}">Cần sửa: {names(visible)}.</span>')
        if pending:
            parts.append(f"Cần nhập: {names(pending)}.")
        if self.warnings:
            parts.append(f'<span style="color:{WARNING_COLOR}">Lưu ý: {names(self.warnings)}.</span>')
        return " ".join(parts) or "Các thông tin đã nhập hợp lệ."

    def focus_field(self, key: str) -> None:
        if key in self.form.page_of:
            self.tabs.setCurrentIndex(self.form.page_of[key])
            self.form.focus_target(key).setFocus()

    # saving ------------------------------------------------------------------------------------
    def _on_buttons_accepted(self) -> None:
        self.validate()
        if self.errors:
            self._touched.update(self.form.editors)
            self.validate()
            self.focus_field(self.errors[0].field)
            return
        if self.warnings:
            detail = "\n".join(f"• {i.label}: {i.message}" if i.label else f"• {i.message}" for i in self.warnings)
            if not dialogs.confirm(self, "Phiếu đảng viên còn các điểm cần lưu ý. Vẫn lưu?", detail, yes="Vẫn lưu"):
                return
        record = self.form.record(self.member_id)
        record.version = self.member.version if self.member is not None else None
        operations.run(
            self, lambda: save_member(record, self.today, read=self.member), self._on_saved, on_failure=self._refused
        )

    def _refused(self, exc: DomainError) -> None:
        if isinstance(exc, EditConflictError):
            self._on_save_conflict(exc)
        elif isinstance(exc, ValidationError):
            label = FIELD_BY_KEY[exc.field].label if exc.field in FIELD_BY_KEY else ""
            dialogs.show_error(self, f"Chưa lưu được «{label}»." if label else "Chưa lưu được.", exc.message)
            self.validate()
            self.focus_field(exc.field)
        else:
            dialogs.show_error(self, "Chưa lưu được phiếu đảng viên.", exc.message)

    def _on_saved(self, saved) -> None:
        self.member_id = saved.member.id
        self._saved_values = self.form.values()
        self.member_saved.emit(saved.member.id)
        self.accept()

    def _on_save_conflict(self, error: EditConflictError) -> None:
        """Another client saved (or deleted) this member after it was opened here: nothing was saved. Say what
        they changed and offer their version; what the user typed stays on the form unless they take it."""
        if error.deleted:
            dialogs.show_error(self, "Chưa lưu được phiếu đảng viên.", error.message)
            return
        if dialogs.confirm(
            self,
            "Phiếu đảng viên vừa được sửa trên máy khác; chưa lưu được.",
            error.message,
            yes="Tải lại bản mới",
            no="Giữ phiếu đang sửa",
        ):
            self.reload_saved()

    def reload_saved(self) -> None:
        """Show the member as saved now: the other client's values, with this user's own edits kept where the
        other client left the field alone; edits both made are replaced by theirs and listed to type again."""
        replaced = self._take_saved()
        if replaced:
            dialogs.show_info(
                self,
                "Đã tải lại bản mới. Những mục bạn đã sửa mà máy kia cũng sửa nay theo bản của họ; "
                "hãy nhập lại nếu vẫn cần rồi lưu:",
                "\n".join(replaced),
            )

    def _take_saved(self) -> list[str]:
        """Load the member as saved now (and its version, for the next save), keeping the user's edits of fields
        the saved record did not change since it was read; returns the edits replaced by a saved change."""
        mine, read = self.form.values(), self._saved_values
        self.member = get_member(self.member_id)
        self._loading = True
        self.form.set_record(self.member)
        theirs = self.form.values()
        replaced = []
        for key, value in mine.items():
            if value == read[key]:
                continue
            if theirs[key] == read[key]:
                self.form.set_value(key, value)  # only this user changed it: keep what they typed
            elif theirs[key] != value:
                replaced.append(f"• {FIELD_BY_KEY[key].label}: bạn đã nhập {shown(value)}, nay là {shown(theirs[key])}")
        self._loading = False
        self._saved_values = theirs
        self._show_history()
        self.validate()
        return replaced

    # events ------------------------------------------------------------------------------------
    def _on_timeline_add_requested(self) -> None:
        self._open_event_dialog(None)

    def _on_timeline_correction_requested(self, event_id: int) -> None:
        self._open_event_dialog(event_id)

    def _on_timeline_void_requested(self, event_id: int) -> None:
        event = next(e for e in self.member.events if e.id == event_id)
        what = f"«{EVENT_LABELS[event.kind]}» ngày {format_date(event.date)}"
        reason = dialogs.ask_text(self, "Hủy mục này", f"Lý do hủy sự kiện {what} (dòng vẫn được giữ lại):", "Hủy mục")
        if reason is None:
            return
        if operations.run(self, lambda: void_event(event_id, reason, self.today), heading="Chưa hủy được mục này."):
            self._on_event_dialog_saved(self.member_id)

    def _open_event_dialog(self, event_id: int | None, kind: EventKind | None = None, note: str = "") -> None:
        from gui.roster.event_dialog import EventDialog

        dialog = EventDialog(self.member_id, event_id, self, self.today, kind=kind, note=note)
        dialog.event_saved.connect(self._on_event_dialog_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.event_dialog = dialog

    def _on_event_dialog_saved(self, member_id: int) -> None:
        # An event may fill a record date (a recognition sets the official date), and another client may have
        # saved the record meanwhile: take the saved record and version, so a later «Lưu» neither writes an old
        # value back nor is refused, keeping what the user typed where the saved record did not change.
        replaced = self._take_saved()
        if replaced:
            dialogs.show_info(
                self,
                "Đã ghi sự kiện. Những mục bạn đang sửa nay đã được lưu khác (theo sự kiện vừa ghi hoặc từ máy "
                "khác) nên lấy theo bản đã lưu; hãy nhập lại nếu vẫn cần rồi lưu:",
                "\n".join(replaced),
            )
        self.member_saved.emit(member_id)
