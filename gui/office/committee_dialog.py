"""«Hồ sơ đảng ủy»: the committee's own record in the window (models.office.committee_record) — its name and the
header of its papers, its names and addresses before 1 July 2025, its term, its own leadership (elected or appointed
with the decision) and the history of the branches under it (founded, renamed, merged, split, dissolved, a committee
appointed). Every save is one domain operation run through gui.core.operations; a refusal leaves the dialog as typed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.core import dialogs, operations
from gui.core.date_field import DateField
from gui.core.number_field import number_field
from gui.core.tables import fill_table, read_only_table
from gui.core.unsaved import GuardsUnsaved
from models.core.dates import fmt
from models.office.committee_record import (
    BRANCH_EVENTS,
    LEADER_HOW,
    CommitteeRecord,
    HistoryEntry,
    Leader,
    add_leader,
    branch_history,
    get_committee,
    leaders,
    record_branch_event,
    save_committee,
)

POSTS = ("Bí thư", "Phó Bí thư", "Ủy viên Ban Thường vụ", "Ủy viên Ban Chấp hành", "Chủ nhiệm Ủy ban Kiểm tra")
NO_YEAR = 1929  # the term's spin boxes show «—» (no term entered) at this value, below any real term
NO_ORDINAL = 0


def _label(text: str, buddy: QWidget) -> QLabel:
    """A label whose access key moves to `buddy` (a form row holding several fields)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def _year_box() -> QSpinBox:
    box = number_field(NO_YEAR, 2200, NO_YEAR)
    box.setSpecialValueText("—")
    return box


class CommitteeDialog(GuardsUnsaved, QDialog):
    """Emits `saved()` after each write (the committee, a leader, a branch event)."""

    saved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Hồ sơ đảng ủy")
        self.record: CommitteeRecord | None = None
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._committee_page(), "&Thông tin đảng ủy")
        self.tabs.addTab(self._leaders_page(), "&Lãnh đạo đảng ủy")
        self.tabs.addTab(self._history_page(), "Lịch sử các &chi bộ")
        layout.addWidget(self.tabs, 1)
        box = dialogs.localize_buttons(QDialogButtonBox(QDialogButtonBox.StandardButton.Close))
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        dialogs.fit_to_screen(self, 1100, 620)
        self.reload()

    # pages -------------------------------------------------------------------------------------
    def _committee_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("ĐẢNG ỦY XÃ SÓC SƠN")
        self.higher_edit = QPlainTextEdit()
        self.higher_edit.setPlaceholderText("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI (mỗi dòng tiêu đề một dòng)")
        self.higher_edit.setTabChangesFocus(True)
        self.higher_edit.setFixedHeight(self.higher_edit.fontMetrics().height() * 3 + 14)
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText("Sóc Sơn (địa danh ghi trước ngày tháng của văn bản)")
        self.abbr_edit = QLineEdit()
        self.abbr_edit.setPlaceholderText("ĐU")
        self.secretary_edit = QLineEdit()
        self.address_edit = QLineEdit()
        self.name_before_edit = QLineEdit()
        self.address_before_edit = QLineEdit()
        self.term_start_box, self.term_end_box = _year_box(), _year_box()
        term = QHBoxLayout()
        term.addWidget(self.term_start_box)
        term.addWidget(QLabel("đến năm"))
        term.addWidget(self.term_end_box)
        term.addStretch(1)
        self.ordinal_box = number_field(NO_ORDINAL, 99, NO_ORDINAL)
        self.ordinal_box.setSpecialValueText("—")
        self.ordinal_box.setMaximumWidth(self.term_start_box.sizeHint().width())
        rows = (
            ("Tên đảng ủ&y:", self.name_edit),
            ("Cấp ủy cấp t&rên (tiêu đề):", self.higher_edit),
            ("Địa &danh:", self.place_edit),
            ("&Ký hiệu văn bản:", self.abbr_edit),
            ("&Bí thư ký văn bản:", self.secretary_edit),
            ("Địa chỉ &hiện nay:", self.address_edit),
            ("Tên trước &1/7/2025:", self.name_before_edit),
            ("Địa chỉ trước 1/7/&2025:", self.address_before_edit),
        )
        for label, field in rows:
            form.addRow(label, field)
        form.addRow(_label("Nhiệm kỳ từ nă&m:", self.term_start_box), term)
        form.addRow("Đại hội lần thứ (nh&iệm kỳ này):", self.ordinal_box)
        self.save_button = QPushButton("Lư&u thông tin đảng ủy")
        self.save_button.clicked.connect(self.save_committee)
        form.addRow("", self.save_button)
        return page

    def _leaders_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        headings = ["Chức vụ", "Họ và tên", "Cách giữ chức vụ", "Quyết định", "Từ ngày", "Đến ngày"]
        self.leaders_table = read_only_table(headings, stretch=3)
        layout.addWidget(self.leaders_table, 1)
        form = QFormLayout()
        self.post_edit = QComboBox()
        self.post_edit.setEditable(True)
        self.post_edit.addItems(POSTS)
        self.leader_name_edit = QLineEdit()
        self.how_combo = QComboBox()
        for key, text in LEADER_HOW.items():
            self.how_combo.addItem(text, key)
        self.leader_decision_edit = QLineEdit()
        self.leader_decision_edit.setPlaceholderText("Quyết định số …-QĐ/… ngày …")
        self.since_field, self.until_field = DateField(), DateField()
        dates = QHBoxLayout()
        dates.addWidget(self.since_field)
        dates.addWidget(_label("đến ngà&y", self.until_field))
        dates.addWidget(self.until_field)
        dates.addStretch(1)
        form.addRow("Chức &vụ:", self.post_edit)
        form.addRow("&Họ và tên:", self.leader_name_edit)
        form.addRow("Cách g&iữ chức vụ:", self.how_combo)
        form.addRow("&Quyết định:", self.leader_decision_edit)
        form.addRow(_label("Từ n&gày:", self.since_field), dates)
        self.add_leader_button = QPushButton("Thê&m vào lãnh đạo đảng ủy")
        self.add_leader_button.clicked.connect(self.add_leader)
        form.addRow("", self.add_leader_button)
        layout.addLayout(form)
        return page

    def _history_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        headings = ["Ngày", "Chi bộ", "Sự kiện", "Chi bộ liên quan", "Tên cũ", "Chức vụ, người", "Quyết định"]
        headings.append("Ghi chú")
        self.history_table = read_only_table(headings, stretch=6)
        layout.addWidget(self.history_table, 1)
        form = QFormLayout()
        self.branch_combo, self.other_combo = QComboBox(), QComboBox()
        self.kind_combo = QComboBox()
        for key, text in BRANCH_EVENTS.items():
            self.kind_combo.addItem(text, key)
        self.event_date_field = DateField()
        self.old_name_edit = QLineEdit()
        self.event_post_edit, self.event_person_edit = QLineEdit(), QLineEdit()
        self.event_post_edit.setPlaceholderText("Bí thư")
        self.event_person_edit.setPlaceholderText("Họ và tên")
        appointed = QHBoxLayout()
        appointed.addWidget(self.event_post_edit)
        appointed.addWidget(self.event_person_edit)
        self.event_decision_edit = QLineEdit()
        self.event_decision_edit.setPlaceholderText("Quyết định số …-QĐ/ĐU ngày …")
        self.note_edit = QLineEdit()
        two = QHBoxLayout()
        two.addWidget(self.branch_combo, 1)
        two.addWidget(_label("Sự &kiện:", self.kind_combo))
        two.addWidget(self.kind_combo, 1)
        two.addWidget(_label("Ngà&y:", self.event_date_field))
        two.addWidget(self.event_date_field)
        form.addRow(_label("Chi &bộ:", self.branch_combo), two)
        form.addRow("Chi bộ liên qu&an:", self.other_combo)
        form.addRow("Tên cũ (k&hi đổi tên):", self.old_name_edit)
        form.addRow(_label("Cấ&p ủy được chỉ định:", self.event_post_edit), appointed)
        form.addRow("&Quyết định:", self.event_decision_edit)
        form.addRow("&Ghi chú:", self.note_edit)
        self.add_event_button = QPushButton("Ghi &sự kiện vào lịch sử chi bộ")
        self.add_event_button.clicked.connect(self.add_event)
        form.addRow("", self.add_event_button)
        layout.addLayout(form)
        return page

    # reading -----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Show what the database holds now."""
        from models.core.branch import list_branches

        self._show_record(get_committee())
        fill_table(
            self.leaders_table,
            ([x.post, x.full_name, LEADER_HOW[x.how], x.decision, fmt(x.since), fmt(x.until)] for x in leaders()),
        )
        branches = list_branches()
        names = dict(branches)
        fill_table(
            self.history_table,
            (
                [
                    fmt(e.date),
                    names.get(e.branch_id, ""),
                    e.label,
                    e.other_name,
                    e.old_name,
                    ", ".join(x for x in (e.post, e.person) if x),
                    e.decision,
                    e.note,
                ]
                for e in branch_history()
            ),
        )
        for combo, blank in ((self.branch_combo, None), (self.other_combo, "— (không có)")):
            chosen = combo.currentData()
            combo.clear()
            if blank:
                combo.addItem(blank, None)
            for branch_id, name in branches:
                combo.addItem(name, branch_id)
            if chosen is not None:
                combo.setCurrentIndex(max(combo.findData(chosen), 0))
        self.mark_unchanged()  # what is shown now is saved; Escape asks only about what is typed after

    def _show_record(self, record: CommitteeRecord | None) -> None:
        self.record = record
        record = record or CommitteeRecord("")
        for edit, text in (
            (self.name_edit, record.name),
            (self.place_edit, record.place),
            (self.abbr_edit, record.issuer_abbr),
            (self.secretary_edit, record.secretary_name),
            (self.address_edit, record.address),
            (self.name_before_edit, record.name_before),
            (self.address_before_edit, record.address_before),
        ):
            edit.setText(text)
        self.higher_edit.setPlainText("\n".join(record.higher_lines))
        self.term_start_box.setValue(record.term_start or NO_YEAR)
        self.term_end_box.setValue(record.term_end or NO_YEAR)
        self.ordinal_box.setValue(record.congress_ordinal or NO_ORDINAL)

    def set_read_only(self, read_only: bool) -> None:
        """A data file that cannot be written, or an account that may only read: the record is shown, not saved."""
        for button in (self.save_button, self.add_leader_button, self.add_event_button):
            button.setEnabled(not read_only)
            button.setToolTip("Tệp dữ liệu hoặc tài khoản này chỉ được xem, không được sửa." if read_only else "")

    # writing -----------------------------------------------------------------------------------
    def save_committee(self) -> None:
        def year(box: QSpinBox) -> int | None:
            return None if box.value() == NO_YEAR else box.value()

        record = CommitteeRecord(
            self.name_edit.text(),
            tuple(self.higher_edit.toPlainText().splitlines()),
            self.place_edit.text(),
            self.abbr_edit.text(),
            self.secretary_edit.text(),
            self.address_edit.text(),
            self.name_before_edit.text(),
            self.address_before_edit.text(),
            year(self.term_start_box),
            year(self.term_end_box),
            self.ordinal_box.value() or None,
            self.record.version if self.record else 0,
        )
        operations.run(
            self, lambda: save_committee(record), self._written, changes=operations.OperationChanges(branch=True)
        )

    def add_leader(self) -> None:
        if not self._dates_readable(self.since_field, self.until_field):
            return
        leader = Leader(
            self.post_edit.currentText(),
            self.leader_name_edit.text(),
            self.how_combo.currentData(),
            self.leader_decision_edit.text(),
            self.since_field.date(),
            self.until_field.date(),
        )
        operations.run(
            self,
            lambda: add_leader(leader),
            lambda r: self._written(r, self.leader_name_edit, self.leader_decision_edit),
        )

    def add_event(self) -> None:
        if not self._dates_readable(self.event_date_field):
            return
        entry = HistoryEntry(
            self.branch_combo.currentData(),
            self.kind_combo.currentData(),
            self.event_date_field.date(),  # type: ignore[arg-type]  # empty: refused by the domain with its message
            self.event_decision_edit.text(),
            self.other_combo.currentData(),
            old_name=self.old_name_edit.text(),
            post=self.event_post_edit.text(),
            person=self.event_person_edit.text(),
            note=self.note_edit.text(),
        )
        changes = operations.OperationChanges(congress=True)  # a merger or split changes a congress's ordinal
        written = (self.old_name_edit, self.event_post_edit, self.event_person_edit, self.note_edit)
        operations.run(self, lambda: record_branch_event(entry), lambda r: self._written(r, *written), changes=changes)

    def _dates_readable(self, *fields: DateField) -> bool:
        """A date typed but not a real day is named before anything is saved."""
        for field in fields:
            if not field.has_valid_text():
                dialogs.show_error(self, f"Ngày «{field.text()}» không đúng: hãy gõ ngày/tháng/năm, ví dụ 01/07/2025.")
                field.setFocus()
                return False
        return True

    def _written(self, _result, *entered: QLineEdit) -> None:
        """After a write: the `entered` fields of the row just added cleared, and what the database holds shown."""
        for edit in entered:
            edit.clear()
        self.reload()
        self.saved.emit()
