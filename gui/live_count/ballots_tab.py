"""The «Bầu cử» tab: the counting committee enters every paper ballot from the keyboard, durable on Enter, with the
running tally beside it, the entry log below, double entry, bundles, and the count's close / reopen / publish.

Each act is one call of the round's CountSession (models.live_count), which writes one log entry in one transaction
and returns the new result; the widgets only show what it returns.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from gui.core.auto_backups import backup_before
from gui.core.shortcuts import local_shortcut
from gui.core.tables import fill_table, read_only_table
from gui.live_count.entry_view import NOT_COUNTING, BallotEntryView
from gui.live_count.log_model import EntryLogTableModel
from gui.live_count.tally_panel import TallyPanel
from models.congress.round_state import CountMode
from models.core.errors import DomainError
from models.counting import NextAction
from models.counting.compare import describe
from models.live_count import count
from models.live_count.passes import PassInfo, round_passes
from models.live_count.scan_pass import page_image
from models.live_count.session import CountSession

STATUS_TEXT = {"counting": "đang kiểm phiếu", "closed": "đã khóa kết quả", "published": "đã công bố"}


def _data_identity() -> str:
    """The open data file (or server database) and branch: what the entry operator's name belongs to."""
    from models.core.branch import current_branch_id_or_none
    from models.core.tables import db

    branch = current_branch_id_or_none()
    return f"{getattr(db.obj, 'database', '')}#{'' if branch is None else branch}"


class BallotsTab(QWidget):
    """A count closed, reopened or published, or a round started, is announced through gui.core.operations (the
    congress tab shows the result)."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.session: CountSession | None = None
        operations.announcer().changed.connect(self._on_operation_changed)
        self._log_holds = True  # the shown round's chain, seal and stored result hold
        self.rounds: list[count.CountRound] = []
        self.projector = None
        self.task = None
        self._bundle: int | None = None  # the bundle being entered, once one is declared
        self._read_only = False
        self._data = ""  # which data file (and branch) the rounds, the known rounds and the entry operator belong to
        self._known: set[int] = set()  # the started rounds seen at the last refresh
        self._pass_sources: dict[int, str] = {}  # the shown round's passes and where their ballots come from
        self._passes: dict[int, PassInfo] = {}  # the shown round's passes by number
        self._diffs: list = []  # the differences shown in «Đối chiếu hai lượt»
        self._build()

    # building ---------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("Lần bầu:"))
        self.round_combo = QComboBox()
        self.round_combo.setMinimumWidth(260)
        self.round_combo.currentIndexChanged.connect(self._on_round_combo_current_index_changed)
        top.addWidget(self.round_combo, 1)
        # the round's database id: what `main.py scan|compare|ballots-pdf --round N` takes
        self.round_id_label = QLabel()
        self.round_id_label.setToolTip("Số dùng trong các lệnh chạy không cửa sổ: --round N")
        self.round_id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.round_id_label)
        self.pass_combo = QComboBox()  # the round's passes (models.live_count.passes), filled per round
        self.pass_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.pass_combo.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)  # never cut
        self.pass_combo.currentIndexChanged.connect(lambda _i: self._open_session())
        top.addWidget(self.pass_combo)
        self.aside_button = QPushButton("Gác lại lượ&t này…")
        self.aside_button.setToolTip(
            "Lượt bắt đầu nhầm: giữ các phiếu đã có, không nhận thêm phiếu, không cần khớp với lượt 1 nữa."
        )
        self.aside_button.clicked.connect(lambda: self.set_pass_aside())
        top.addWidget(self.aside_button)
        self.double_check = QCheckBox("Nhập 2 &lượt")
        self.double_check.setToolTip(
            "Hai lượt nhập cùng các phiếu đã đánh số, trên một hay hai máy; chỉ khóa được "
            "kết quả khi hai lượt khớp nhau."
        )
        self.double_check.toggled.connect(self._on_double_check_toggled)
        top.addWidget(self.double_check)
        top.addWidget(QLabel("Người nhập:"))
        self.entered_by_edit = QLineEdit()
        self.entered_by_edit.setPlaceholderText("Họ tên thành viên Ban kiểm phiếu")
        self.entered_by_edit.editingFinished.connect(self._on_entered_by_edit_editing_finished)
        top.addWidget(self.entered_by_edit)
        layout.addLayout(top)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)

        actions = QHBoxLayout()
        self.undo_button = self._button(actions, "Hoàn tá&c (Ctrl+Z)", self.undo)
        self.find_button = self._button(actions, "Tìm, sửa phiế&u… (Ctrl+G)", self.find_ballot)
        self.collected_button = self._button(actions, "Phiếu thu và&o…", self.declare_collected)
        self.bundle_button = self._button(actions, "&Ghi tệp phiếu…", self.add_bundle)
        self.void_button = self._button(actions, "Hủy phiếu nhập nhầm (&D)…", self.void_ballot)
        actions.addStretch(1)
        layout.addLayout(actions)
        life = QHBoxLayout()
        self.close_button = self._button(life, "Khóa &kết quả", self.close_count)
        self.reopen_button = self._button(life, "Mở lạ&i…", self.reopen)
        self.publish_button = self._button(life, "Công bố lên &màn hình", self.publish)
        self.projector_button = self._button(life, "Màn hình t&rình chiếu", self.show_projector)
        self.next_button = self._button(life, "Lần bầu tiếp th&eo…", self.next_round)
        from gui.live_count.record_actions import RecordActions
        from gui.live_count.scan_actions import ScanActions

        self.scans = ScanActions(self)
        actions.insertWidget(actions.count() - 1, self.scans.scan_button)
        actions.insertWidget(actions.count() - 1, self.scans.review_button)
        top.insertWidget(top.indexOf(self.double_check) + 1, self.scans.pass_button)

        self.records = RecordActions(self)
        self.files_button = QPushButton("Biên bản, hồ &sơ")
        self.files_menu = QMenu(self.files_button)
        self.minutes_action = self.files_menu.addAction("&Biên bản kiểm phiếu (Excel)…", self.records.export_minutes)
        self.log_action = self.files_menu.addAction("&Nhật ký nhập phiếu (Excel)…", self.records.export_log)
        self.record_action = self.files_menu.addAction("&Xuất hồ sơ bầu cử (JSON)…", self.records.export_record)
        self.import_pass_action = self.files_menu.addAction(
            "Nhận &lượt nhập từ tệp hồ sơ (máy khác)…", self.records.import_pass
        )
        self.files_menu.addSeparator()
        self.check_action = self.files_menu.addAction("&Kiểm tra lại hồ sơ…", self.records.check_record)
        self.verify_action = self.files_menu.addAction("Đối chiếu với biên bản đã &ký…", self.records.verify_signed)
        self.files_button.setMenu(self.files_menu)
        life.addWidget(self.files_button)
        life.addStretch(1)
        layout.addLayout(life)

        splitter = QSplitter(Qt.Orientation.Vertical)
        upper = QSplitter()
        self.entry = BallotEntryView()
        self.entry.ballot_ready.connect(self._on_entry_ballot_ready)
        self.panel = TallyPanel()
        upper.addWidget(self.entry)
        upper.addWidget(self.panel)
        upper.setSizes([560, 700])
        splitter.addWidget(upper)
        self.lower = QTabWidget()
        self.log_model = EntryLogTableModel(self)
        self.log_view = QTableView()
        self.log_view.setModel(self.log_model)
        self.log_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.log_view.verticalHeader().setVisible(False)
        self.log_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.log_view.horizontalHeader().setStretchLastSection(True)
        self.lower.addTab(self.log_view, "Nhật ký nhập phiếu")
        self.diff_table = read_only_table(("Phiếu số", "Lượt 1", "Lượt 2"), focus=False)
        self.diff_table.itemSelectionChanged.connect(self._show_diff_image)
        self.diff_image = QLabel()  # the scanned image of the difference chosen
        self.diff_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.diff_image.setMinimumWidth(240)
        differ = QSplitter()
        differ.addWidget(self.diff_table)
        differ.addWidget(self.diff_image)
        differ.setSizes([800, 300])
        self.lower.addTab(differ, "Đối chiếu hai lượt")
        self.bundle_table = read_only_table(("Tệp", "Số phiếu ghi trên tệp", "Đã nhập", "Kiểm tra"), focus=False)
        self.lower.addTab(self.bundle_table, "Tệp phiếu")
        splitter.addWidget(self.lower)
        splitter.setSizes([470, 170])
        layout.addWidget(splitter, 1)
        local_shortcut("Ctrl+Z", self, self.undo)
        local_shortcut("Ctrl+G", self, self.find_ballot)

    def _button(self, row: QHBoxLayout, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: slot())
        row.addWidget(button)
        return button

    # rounds -----------------------------------------------------------------------------------------------------
    def _on_operation_changed(self, changes: operations.OperationChanges) -> None:
        """A round started or a congress changed elsewhere (the congress tab), another branch or data file: show it."""
        if (changes.congress or changes.round or changes.branch or changes.file) and changes.source is not self:
            self.refresh()

    def refresh(self, select: int | None = None) -> None:
        """Re-read the rounds (after the data file opened or the congress tab started a round); show round `select`
        if given, else a round whose ballots were issued since (the congress tab's «Phát phiếu»), else the one shown
        before. Another data file starts afresh: its latest round, and no entry operator carried over."""
        data = _data_identity()
        if data != self._data:
            self._data, self._known, self.rounds = data, set(), []
            self.round_combo.blockSignals(True)
            self.round_combo.clear()
            self.round_combo.blockSignals(False)
            same = self._settings.value("ballots/entered_by_file", "", type=str) == data
            self.entered_by_edit.setText(self._settings.value("ballots/entered_by", "", type=str) if same else "")
        chosen = self.current_round()
        self.rounds = count.count_rounds()
        issued = [r.round_id for r in self.rounds if r.round_id not in self._known and r.state().being_counted]
        self._known = {r.round_id for r in self.rounds}
        if select is None and issued:
            select = issued[0]
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for item in self.rounds:
            self.round_combo.addItem(f"{item.label} ({STATUS_TEXT.get(item.status, item.status)})", item.round_id)
        ids = [r.round_id for r in self.rounds]
        wanted = select if select in ids else (chosen.round_id if chosen and chosen.round_id in ids else None)
        wanted = wanted if wanted is not None else (ids[0] if ids else None)
        self.round_combo.setCurrentIndex(ids.index(wanted) if wanted is not None else -1)
        self.round_combo.blockSignals(False)
        self._open_session()

    def current_round(self) -> count.CountRound | None:
        index = self.round_combo.currentIndex()
        return self.rounds[index] if 0 <= index < len(self.rounds) else None

    def _on_round_combo_current_index_changed(self, _index: int) -> None:
        self._open_session()

    def _on_entered_by_edit_editing_finished(self) -> None:
        self._settings.setValue("ballots/entered_by", self.entered_by_edit.text().strip())
        self._settings.setValue("ballots/entered_by_file", self._data)
        if self.session is not None:
            self.session.entered_by = self.entered_by_edit.text().strip()

    def _fill_passes(self, chosen: count.CountRound | None) -> None:
        """The pass combo: the round's passes, the one chosen before kept when the round still has it."""
        before = self.pass_combo.currentData()
        passes = [] if chosen is None else round_passes(chosen.round_id)
        self.pass_combo.blockSignals(True)
        self.pass_combo.clear()
        for p in passes:
            self.pass_combo.addItem(p.label, p.number)
        found = self.pass_combo.findData(before)
        self.pass_combo.setCurrentIndex(found if found >= 0 else 0)
        self.pass_combo.blockSignals(False)
        self._pass_sources = {p.number: p.source for p in passes}
        self._passes = {p.number: p for p in passes}

    def _sample_pass(self) -> bool:
        chosen = self.current_round()
        shown = self.session.pass_no if self.session else None
        return bool(chosen) and any(p.sample for p in round_passes(chosen.round_id) if p.number == shown)

    def show_pass(self, number: int) -> None:
        """Show pass `number` of the round shown (a pass just started)."""
        self.refresh()
        self.pass_combo.setCurrentIndex(max(self.pass_combo.findData(number), 0))
        self._open_session()

    def _open_session(self) -> None:
        chosen = self.current_round()
        self.session = None
        self._fill_passes(chosen)
        if chosen is not None:
            pass_no = self.pass_combo.currentData() or 1
            opened = operations.result_of(
                self, lambda: CountSession(chosen.round_id, pass_no, self.entered_by_edit.text())
            )
            self.session = None if opened is operations.REFUSED else opened
        self._show_session()

    def set_read_only(self, read_only: bool) -> None:
        """A data file that cannot be written: the counts are shown, nothing is entered or changed."""
        self._read_only = read_only
        self.refresh()  # also after another data file opened: the rounds are re-read

    def _show_session(self) -> None:
        session, chosen = self.session, self.current_round()
        state = chosen.state(not self._read_only) if chosen is not None else None
        counting = session is not None and state.can_enter
        shown = self._passes.get(session.pass_no) if session is not None else None
        aside = bool(shown and shown.set_aside)
        # a scanned pass is not typed into; a pass set aside takes nothing more
        scanned = session is not None and self._pass_sources.get(session.pass_no) == "scanned"
        typed = counting and not scanned and not aside
        self.entry.closed_text = (
            "Lượt này đã được gác lại: không nhập thêm phiếu."
            if counting and aside
            else "Lượt quét phiếu: phiếu vào từ ảnh quét, không gõ tay."
            if counting and scanned
            else NOT_COUNTING
        )
        for widget in (
            self.entry,
            self.undo_button,
            self.find_button,
            self.collected_button,
            self.bundle_button,
            self.void_button,
        ):
            widget.setEnabled(typed)
        self.close_button.setEnabled(counting and state.can_close)
        self.reopen_button.setEnabled(bool(state and state.can_reopen))
        self.publish_button.setEnabled(bool(state and state.can_publish))
        self.double_check.blockSignals(True)
        self.double_check.setChecked(bool(chosen and chosen.double_entry))
        self.double_check.setEnabled(counting and session.pass_no == 1)
        self.double_check.blockSignals(False)
        self.pass_combo.setVisible(self.pass_combo.count() > 1)
        self.aside_button.setVisible(self.pass_combo.count() > 1)
        self.aside_button.setEnabled(counting and session.pass_no != 1 and not aside)
        self.round_id_label.setText(f"Mã lần bầu: {chosen.round_id}" if chosen is not None else "")
        scan_lines = self.scans.update(counting)
        self.verify_action.setEnabled(bool(state and state.can_print))
        for action in (self.minutes_action, self.log_action, self.record_action):
            action.setEnabled(session is not None)
        self.import_pass_action.setEnabled(counting)
        if session is None:
            self.status_label.setText(
                "Chưa có lần bầu nào đã phát phiếu. Phát phiếu ở thẻ «Đại hội», mục bầu cử." if not self.rounds else ""
            )
            self.entry.draft = None
            self.entry.start_ballot(1)
            self.panel.show_result(None, None)
            self.log_model.reset([], None)
            self.next_button.setEnabled(False)
            self.projector_button.setEnabled(False)
            self.records.update_projector()  # another data file: nothing of the previous one stays on the wall
            return
        self.projector_button.setEnabled(True)
        info = session.info
        form = "gạch tên" if info.form == "strike" else "đồng ý / không đồng ý"
        mode = " — kết quả nhập bằng số tổng hợp" if state.mode == CountMode.TOTALS else ""
        self.status_label.setText(
            f"<b>{session.election_title}</b>, lần {info.number}: {info.seats} cần bầu, "
            f"{len(info.candidates)} người, phiếu {form}; "
            f"{STATUS_TEXT[chosen.status]}{mode}."
        )
        for p in self._passes.values():
            if p.set_aside:
                by = f" (người gác lại: {p.aside_by})" if p.aside_by else ""
                self.status_label.setText(
                    self.status_label.text() + f"<br>{escape(p.label)}: {escape(p.aside_reason)}{escape(by)}; "
                    "không nhận thêm phiếu, không cần khớp với lượt 1."
                )
        problems = count.log_problems(chosen.round_id, info)  # closed: its chain, its seal and its stored result
        self._log_holds = not problems
        if scan_lines:
            self.status_label.setText(self.status_label.text() + "<br>" + "<br>".join(escape(x) for x in scan_lines))
        if problems:
            lines = "<br>".join(escape(p) for p in problems)
            self.status_label.setText(
                self.status_label.text() + "<br><span style='color:#a4262c; font-weight:bold'>"
                f"KHÔNG DÙNG KẾT QUẢ NÀY. {lines}</span>"
            )
        names = tuple(p.full_name for p in info.candidates)
        self.entry.set_round(session.election.candidate_ids, names, info.form, session.tally.judge)
        self.entry.start_ballot(session.next_number())
        self.log_model.reset(session.log(), session.election)
        self.log_view.scrollToBottom()
        self._show_result()
        self._fill_checks()
        self.focus_entry()

    def focus_entry(self) -> None:
        """The entry takes the keyboard only while this tab is shown and the round is being counted."""
        if self.entry.isEnabled() and self.isVisible():
            self.entry.setFocus()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.focus_entry()

    def _show_result(self, result=None) -> None:
        """The tally beside the entry (and the room's screen); `result`: the one an act just returned."""
        result = result or self.session.result()
        collected = self.current_round().collected
        final = self.current_round().state().has_result
        self.panel.show_result(result, collected, final, self._log_holds, self.session.election_title)
        action = result.next_action if final and self._log_holds else None
        self.next_button.setEnabled(action in (NextAction.RUNOFF, NextAction.NEXT_ROUND))
        self.records.update_projector()

    def compared_passes(self) -> tuple[int, int] | None:
        """Pass 1 and the pass shown (when pass 1 is shown, the next pass not set aside), or None with a single
        pass."""
        numbers = [self.pass_combo.itemData(i) for i in range(self.pass_combo.count())]
        if len(numbers) < 2 or self.session is None:
            return None
        counted = [n for n in numbers[1:] if not self._passes[n].set_aside] or numbers[1:]
        other = self.session.pass_no if self.session.pass_no != numbers[0] else counted[0]
        return numbers[0], other

    def _fill_checks(self) -> None:
        chosen = self.current_round()
        pair = self.compared_passes()
        diffs = count.differences(chosen.round_id, *pair) if chosen and pair else []
        self._diffs = diffs
        election = self.session.election
        labels = [self.pass_combo.itemText(self.pass_combo.findData(n)) for n in pair] if pair else ["Lượt 1", "Lượt 2"]
        self.diff_table.setHorizontalHeaderLabels(["Phiếu số", *labels])
        fill_table(
            self.diff_table, ((str(d.no), describe(d.first, election), describe(d.second, election)) for d in diffs)
        )
        self._show_diff_image()
        checks = count.bundle_checks(chosen.round_id, self.session.pass_no) if chosen else []
        fill_table(
            self.bundle_table,
            ((str(c.number), str(c.papers), str(c.entered), "Khớp" if c.ok else "Chưa khớp") for c in checks),
        )

    def _show_diff_image(self) -> None:
        """Beside a difference, the page image of that ballot in the scanned pass compared, when one is."""
        row, pair, chosen = self.diff_table.currentRow(), self.compared_passes(), self.current_round()
        diffs = self._diffs
        image = None
        if pair and chosen and 0 <= row < len(diffs):
            scanned = [n for n in pair if self._pass_sources.get(n) == "scanned"]
            image = page_image(chosen.round_id, scanned[0], diffs[row].no) if scanned else None
        pixmap = QPixmap()
        if image is not None and pixmap.loadFromData(image):
            width, height = max(self.diff_image.width(), 240), max(self.diff_image.height(), 160)
            self.diff_image.setPixmap(pixmap.scaled(width, height, Qt.AspectRatioMode.KeepAspectRatio))
        else:
            self.diff_image.setPixmap(QPixmap())
            self.diff_image.setText("Chọn một phiếu khác nhau để xem ảnh quét." if pair else "")

    # entering ---------------------------------------------------------------------------------------------------
    def _on_entry_ballot_ready(self, ballot) -> None:
        session = self.session
        operation = (
            (lambda: session.replace(ballot))
            if self.entry.correcting
            else (lambda: session.enter(ballot, self._bundle))
        )
        operations.run(self, operation, self._after_entry)

    def _after_entry(self, change) -> None:
        self._after(change, checks=self.current_round().double_entry or self.bundle_table.rowCount() > 0)

    def _after(self, change, checks: bool = True) -> None:
        """Show what one act did: its log line, the next ballot to type, the tally it returned, and the double-entry
        and bundle checks when they can have changed."""
        self.log_model.append(change.entry)
        self.log_view.scrollToBottom()
        self.entry.start_ballot(self.session.next_number())
        self._show_result(change.result)
        if checks:
            self._fill_checks()

    def _saved_ballot(self, title: str, label: str):
        """Ask for a ballot number; (number, ballot) when that ballot has been entered, else None (the user told)."""
        if self.session is None or not self.entry.isEnabled():
            return None
        number = dialogs.ask_number(self, title, label, 1, 1, 100000)
        if number is None:
            return None
        ballot = self.session.ballot(number)
        if ballot is None:
            dialogs.show_info(self, f"Chưa nhập phiếu số {number}.")
            return None
        return number, ballot

    def undo(self) -> None:
        if self.session is None or not self.entry.isEnabled():
            return
        operations.run(self, self.session.undo, self._after, notice=True)

    def find_ballot(self) -> None:
        """Load a saved ballot by its number to correct it (Enter replaces it; the log keeps the old one); in a sample
        pass, a number not typed yet starts that ballot (the sample's papers are picked from the stack)."""
        if self.session is not None and self.entry.isEnabled() and self._sample_pass():
            number = dialogs.ask_number(self, "Gõ phiếu kiểm tra", "Số thứ tự của phiếu trong xấp:", 1, 1, 100000)
            if number is not None:
                self.entry.start_ballot(number, self.session.ballot(number))
                self.focus_entry()
            return
        found = self._saved_ballot("Tìm, sửa phiếu", "Số phiếu cần sửa:")
        if found is None:
            return
        number, ballot = found
        self.entry.start_ballot(number, ballot)
        self.focus_entry()

    def void_ballot(self) -> None:
        """Take a ballot entered by mistake (a number typed twice, a paper not of this round) out of the count; the
        log keeps it."""
        found = self._saved_ballot("Hủy phiếu nhập nhầm", "Số phiếu cần bỏ khỏi kết quả:")
        if found is None:
            self.focus_entry()
            return
        number, ballot = found
        text = f"Bỏ phiếu số {number} ({describe(ballot, self.session.election)}) khỏi kết quả? Nhật ký vẫn giữ phiếu."
        if dialogs.confirm(self, text, yes="Bỏ phiếu"):
            backup_before(self, "void")
            operations.run(self, lambda: self.session.void(number), self._after)
        self.focus_entry()  # back to typing ballots, whatever the answer

    def declare_collected(self) -> None:
        chosen = self.current_round()
        issued = self.session.info.ballots_issued or 0
        now = chosen.collected if chosen.collected is not None else issued
        label = "Số phiếu Ban kiểm phiếu thu được trong hòm phiếu:"
        number = dialogs.ask_number(self, "Số phiếu thu vào", label, now, 0, issued)
        if number is None:
            return
        self._act(lambda: count.declare_collected(chosen.round_id, number))

    def add_bundle(self) -> None:
        chosen = self.current_round()
        number = dialogs.ask_number(
            self, "Tệp phiếu", "Số thứ tự của tệp phiếu sắp nhập:", (self._bundle or 0) + 1, 1, 999
        )
        if number is None:
            return
        papers = dialogs.ask_number(self, "Tệp phiếu", f"Số phiếu trong tệp {number}:", 50, 0, 5000)
        if papers is None:
            return
        self._act(lambda: count.set_bundle(chosen.round_id, self.session.pass_no, number, papers))
        self._bundle = number

    def set_pass_aside(self) -> None:
        """Set the pass shown aside (started by mistake), with its reason, after a confirmation."""
        from models.live_count.pass_aside import set_pass_aside

        chosen, session = self.current_round(), self.session
        if chosen is None or session is None or session.pass_no == 1:
            return
        shown = self._passes[session.pass_no]
        reason = dialogs.ask_text(self, "Gác lại lượt nhập", f"Lý do gác lại {shown.label} (được ghi vào nhật ký):")
        if reason is None:
            return
        text = (
            f"Gác lại {shown.label}? Các phiếu đã có của lượt này vẫn giữ trong nhật ký, nhưng lượt này không nhận "
            "thêm phiếu và không cần khớp với lượt 1 để khóa kết quả. Việc gác lại không hoàn tác được."
        )
        if dialogs.confirm(self, text, yes="Gác lại lượt này"):
            who, number = self.entered_by_edit.text(), session.pass_no
            self._act(lambda: set_pass_aside(chosen.round_id, number, reason, who), True)

    def _on_double_check_toggled(self, on: bool) -> None:
        self._act(lambda: count.set_double_entry(self.current_round().round_id, on))

    # the count's life -------------------------------------------------------------------------------------------
    def _act(self, operation, changed: bool = False, select: int | None = None) -> bool:
        def failed(exc: DomainError) -> None:
            operations.show_refusal(self, exc)
            self.refresh()

        announced = operations.OperationChanges(round=True, source=self) if changed else None
        return operations.run(self, operation, lambda _r: self.refresh(select), changes=announced, on_failure=failed)

    def close_count(self) -> None:
        problems = count.close_problems(self.current_round().round_id)
        if problems:
            dialogs.show_warning(self, "Chưa khóa kết quả được.", "\n".join(problems))
            return
        if dialogs.confirm(
            self, "Khóa kết quả kiểm phiếu? Sau khi khóa, muốn sửa phải mở lại và ghi lý do.", yes="Khóa kết quả"
        ):
            backup_before(self, "count")
            self._act(lambda: count.close_count(self.current_round().round_id, self.entered_by_edit.text()), True)

    def reopen(self) -> None:
        reason = dialogs.ask_text(self, "Mở lại kiểm phiếu", "Lý do mở lại (được ghi vào hồ sơ lần bầu):")
        if reason is not None:
            self._act(
                lambda: count.reopen_count(self.current_round().round_id, reason, self.entered_by_edit.text()), True
            )

    def publish(self) -> None:
        if not dialogs.confirm(self, "Trưởng Ban kiểm phiếu công bố kết quả lên màn hình trình chiếu?", yes="Công bố"):
            return
        self._act(lambda: count.publish(self.current_round().round_id, self.entered_by_edit.text()), True)

    def next_round(self) -> None:
        """The next round in one step (the tied, or the not elected, for the seats left open), and its ballots
        issued when the congress is ready."""
        from models.congress.rounds import next_round

        chosen = self.current_round()
        operations.run(self, lambda: next_round(chosen.election_id), self._offer_next_round)

    def _offer_next_round(self, new) -> None:
        from models.congress.rounds import start_round

        names = ", ".join(p.full_name for p in new.candidates)
        text = (
            f"Đã tạo lần bầu thứ {new.number}: {new.seats} cần bầu trong số {names}.\n\nTrước khi phát phiếu:\n"
            f"1. Đại hội biểu quyết (giơ tay) danh sách lần bầu thứ {new.number} này; nếu đại hội quyết định thêm "
            "người, hãy sửa danh sách ở thẻ «Đại hội» › «4. Bầu cử» rồi phát phiếu ở đó.\n"
            f"2. In phiếu bầu mới cho lần bầu thứ {new.number} (thẻ «Đại hội» › «4. Bầu cử» › «In phiếu bầu»): "
            "không dùng lại phiếu của lần trước.\n\nĐại hội đã biểu quyết danh sách và đã có phiếu mới?"
        )
        if dialogs.confirm(self, text, yes="Đã biểu quyết, phát phiếu"):
            self._act(lambda: start_round(new.id), True, new.id)
        else:
            self.refresh(new.id)
            operations.announce(operations.OperationChanges(round=True, source=self))

    def show_projector(self) -> None:
        self.records.open_projector()
