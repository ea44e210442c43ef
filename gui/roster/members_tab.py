"""The "Đảng viên" tab: filters over three views (roster table, statistics, reminders), member actions, exports.

The statistics and reminders views are built when first shown (QtCharts loads then) and recomputed only while
visible: after a filter change the statistics wait for typing to pause (debounce).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.core import operations
from gui.core.tables import own_viewport
from gui.roster.exports import MemberExports
from gui.roster.member_table_model import COLUMN_INDEX, COLUMNS, ID_ROLE, MemberFilterProxyModel, MemberTableModel
from gui.roster.members_data import LIST_PAGE, REMINDERS_PAGE, STATISTICS_PAGE, MembersData
from gui.roster.roster_columns import RosterColumns
from gui.roster.roster_loader import FIRST_SORT
from models.core import clock
from models.core.numerals import thousands
from models.roster.roster import RosterFilter

if TYPE_CHECKING:
    from models.roster.records import MemberRecord

_SCOPES = (("Đảng viên đang sinh hoạt", True), ("Tất cả (kể cả đã chuyển đi, từ trần…)", False))
_KINDS = (("Chính thức và dự bị", "all"), ("Chính thức", "official"), ("Dự bị", "probationary"))
_GENDERS = (("Nam và nữ", ""), ("Nam", "Nam"), ("Nữ", "Nữ"))
STATISTICS_DEBOUNCE_MS = 300
_SHOW_LEADERSHIP = QEvent.Type(QEvent.registerEventType())


def _open_deleted_on_close(dialog: QWidget) -> None:
    from PySide6.QtCore import Qt  # a dialog asked for: the roster is on screen (see MembersTab.finish_setup)

    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


class MembersTab(QWidget, MembersData):
    """Roster of the branch. Announces every write made from here through gui.core.operations (the members whose
    record, events or ratings changed; no ids: many, as after a yearly rating), and shows the roster afresh when
    members changed elsewhere (an import, a transfer)."""

    load_progress = Signal(int, int)  # members loaded so far, members in the file (equal when done)

    def __init__(self, settings: QSettings, parent: QWidget | None = None, finish_later: bool = False) -> None:
        """`finish_later`: what needs PySide's `Qt` namespace (header sorting, the header's menu) waits for
        `finish_setup()`, which the window calls once the roster is on screen (start-up)."""
        super().__init__(parent)
        self._settings = settings
        self._read_only = False
        self._by_id: dict[int, MemberRecord] | None = {}  # the records, see MembersData.records
        self.statistics_view = None  # gui.roster.statistics_view.StatisticsView, built when first shown
        self.reminders_panel = None  # gui.roster.reminders_panel.RemindersPanel, built when first shown
        self._stale = {STATISTICS_PAGE: True, REMINDERS_PAGE: True}
        self._statistics_timer = QTimer(self)
        self._statistics_timer.setSingleShot(True)
        operations.announcer().changed.connect(self._on_operation_changed)
        self._statistics_timer.setInterval(STATISTICS_DEBOUNCE_MS)
        self._statistics_timer.timeout.connect(self._on_statistics_timer_timeout)
        self._loader = None  # gui.roster.roster_loader.RosterLoader of the load under way
        self._saved_while_loading: set[int] = set()
        self.exports = MemberExports(
            self, self.shown_records, lambda: self.records, self.screen_columns, self._age_bounds
        )
        self.model = MemberTableModel(self)
        self.proxy = MemberFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self.columns = RosterColumns(self.table, settings)
        self.proxy.modelReset.connect(self._update_count)
        self.load_progress.connect(self._on_load_progress)
        self.proxy.rowsInserted.connect(self._update_count)  # the later pieces of a long search
        self.proxy.filtered.connect(self._on_proxy_filtered)
        self._select_when_filtered: int | None = None
        if not finish_later:
            self.finish_setup()

    def finish_setup(self) -> None:
        """What touches PySide's `Qt`, whose first use builds ninety-odd enum types (some 15–30 ms): the header
        sorts when clicked, A-B-C by name with its arrow, and its right-click menu. At start-up the
        window calls this once the roster is on screen, a moment after its first paint (the rows come already in
        this order)."""
        from PySide6.QtCore import Qt

        self.table.setSortingEnabled(True)
        column, descending = FIRST_SORT  # the sort a load started before this tab was built reads in
        self.table.sortByColumn(
            COLUMN_INDEX[column], Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        )
        self.columns.offer_menu()

    # building ------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Tìm theo họ tên, số thẻ, chức vụ, quê quán… (không cần gõ dấu)")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._on_filters_changed)
        search_label = QLabel("Tì&m:")
        search_label.setBuddy(self.search_edit)
        filters.addWidget(search_label)
        filters.addWidget(self.search_edit, 3)
        self.scope_combo = self._combo(_SCOPES)
        self.kind_combo = self._combo(_KINDS)
        self.gender_combo = self._combo(_GENDERS)
        self.status_combo = QComboBox()
        self.status_combo.addItem("Mọi tình trạng", "")
        self.status_combo.currentIndexChanged.connect(self._on_filters_changed)
        for combo in (self.scope_combo, self.kind_combo, self.gender_combo, self.status_combo):
            filters.addWidget(combo, 1)
        layout.addLayout(filters)

        actions = QHBoxLayout()
        self.add_button = QPushButton("Thêm đản&g viên…")
        self.edit_button = QPushButton("&Sửa hồ sơ…")
        self.event_button = QPushButton("Ghi sự &kiện…")
        self.ratings_button = QPushButton("Xếp &loại năm…")
        self.add_button.clicked.connect(self.add_member)
        self.edit_button.clicked.connect(self.edit_selected)
        self.event_button.clicked.connect(self.record_event_for_selected)
        self.ratings_button.clicked.connect(self.rate_year)
        for button in (self.add_button, self.edit_button, self.event_button, self.ratings_button):
            actions.addWidget(button)
        self.export_button = QToolButton()
        self.export_button.setText("Xuất &Excel")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self.export_button)
        for action in self.exports.actions():
            if action is None:
                self.export_menu.addSeparator()
            else:
                self.export_menu.addAction(action)
        self.export_button.setMenu(self.export_menu)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        self.count_label = QLabel()
        actions.addWidget(self.count_label)
        layout.addLayout(actions)
        self.leadership_label = QLabel()  # the branch's current leadership (models.meetings.leadership)
        self.leadership_label.setWordWrap(True)
        layout.addWidget(self.leadership_label)

        self.views = QTabWidget()
        self.views.setDocumentMode(True)

        self.table = QTableView()
        own_viewport(self.table)  # the window and its probes reach it from the first paint on
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the next control
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setToolTip("Nhấp để sắp xếp; nhấp chuột phải để chọn cột hiển thị.")
        # The titles from a model of Qt's own: a header painted calls no Python (see member_table_model.DISPLAY_ROLE).
        self.titles = QStandardItemModel(0, len(COLUMNS), self)
        self.titles.setHorizontalHeaderLabels([column.title for column in COLUMNS])
        header.setModel(self.titles)
        self.table.doubleClicked.connect(self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.views.addTab(self.table, "Danh sách")
        self.views.addTab(QWidget(), "Thống kê")
        self.views.addTab(QWidget(), "Nhắc việc")
        self.views.setTabToolTip(LIST_PAGE, "Danh sách đảng viên đang lọc (menu Xem › Danh sách; Ctrl+Tab: trang sau)")
        self.views.setTabToolTip(
            STATISTICS_PAGE,
            "Số liệu và biểu đồ của các đảng viên đang lọc ở danh sách (menu Xem › Thống kê; Ctrl+Tab: trang sau)",
        )
        self.views.setTabToolTip(
            REMINDERS_PAGE,
            "Xét công nhận chính thức, Huy hiệu Đảng, xếp loại còn thiếu (menu Xem › Nhắc việc; Ctrl+Tab: trang sau)",
        )
        self.views.currentChanged.connect(self._on_views_current_changed)
        layout.addWidget(self.views, 1)

        self._leadership_after_paint: QWidget | None = None  # the table's viewport, watched for its next paint
        self.search_edit.installEventFilter(self)
        self.table.installEventFilter(self)
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keyboard flow: Down or Enter in the search box goes to the table; Enter in the table edits. And the
        loaded roster's paint, after which the leadership line is read (`_on_load_progress`)."""
        if watched is self._leadership_after_paint and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self._leadership_after_paint = None
            QCoreApplication.postEvent(self, QEvent(_SHOW_LEADERSHIP))  # handled once this paint is done
        elif event.type() == QEvent.Type.KeyPress:
            from PySide6.QtCore import Qt  # a key pressed: the roster is on screen (see `finish_setup`)

            key = event.key()
            if watched is self.search_edit and key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._focus_table()
                return True
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_selected()
                return True
        return super().eventFilter(watched, event)

    def _combo(self, items: tuple[tuple[str, object], ...]) -> QComboBox:
        combo = QComboBox()
        for text, value in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self._on_filters_changed)
        return combo

    # data ----------------------------------------------------------------------------------
    def criteria(self) -> RosterFilter:
        return RosterFilter(
            text=self.search_edit.text(),
            current_only=bool(self.scope_combo.currentData()),
            kind=str(self.kind_combo.currentData()),
            gender=str(self.gender_combo.currentData()),
            status_code=str(self.status_combo.currentData() or ""),
        )

    def _on_filters_changed(self, *_args) -> None:
        selected = self.selected_member_id() or self._select_when_filtered
        self._select_when_filtered = None
        self.proxy.set_criteria(self.criteria())
        if selected is not None and not self.select_member(selected):
            self._select_when_filtered = selected  # perhaps in a later piece of the search
        self._update_buttons()
        self._stale[STATISTICS_PAGE] = True
        if self.views.currentIndex() == STATISTICS_PAGE:
            self._statistics_timer.start()

    def _on_proxy_filtered(self) -> None:
        selected, self._select_when_filtered = self._select_when_filtered, None
        if selected is not None and self.selected_member_id() is None:
            self.select_member(selected)
            self._update_buttons()

    def show_loading(self) -> None:
        self.count_label.setText("Đang tải danh sách đảng viên…")

    def _update_count(self) -> None:
        shown = self.proxy.rowCount()
        total = self.model.current_count
        self.count_label.setText(
            f"Đang hiển thị {thousands(shown)} — chi bộ có {thousands(total)} đảng viên đang sinh hoạt"
        )

    # views ---------------------------------------------------------------------------------
    def shown_records(self) -> list[MemberRecord]:
        """The members the table shows, in its order (filter and sort)."""
        if self._by_id is None and self.is_loading():
            return []  # asked again when the load is over
        self.records  # noqa: B018 - every record read at once when the load brought rows only
        self.proxy.finish()  # every shown row, not only the first pieces of a long search
        return [self.record(member_id) for member_id in self.proxy.shown_ids()]

    def screen_columns(self) -> list[tuple[str, str]]:
        return self.columns.screen_columns()

    def show_view(self, page: int) -> None:
        self.views.setCurrentIndex(page)

    def _age_bounds(self) -> tuple[int, ...]:
        from models.roster.age_bands import DEFAULT_AGE_BOUNDS

        return self.statistics_view.age_bounds if self.statistics_view is not None else DEFAULT_AGE_BOUNDS

    def _on_views_current_changed(self, _index: int) -> None:
        self._update_current_view()

    def _update_current_view(self) -> None:
        page = self.views.currentIndex()
        if page == STATISTICS_PAGE and self._stale[STATISTICS_PAGE]:
            self._update_statistics()
        elif page == REMINDERS_PAGE and self._stale[REMINDERS_PAGE]:
            self._update_reminders()

    def _replace_page(self, page: int, widget: QWidget, title: str) -> None:
        self.views.blockSignals(True)
        old, tip = self.views.widget(page), self.views.tabToolTip(page)
        self.views.removeTab(page)
        self.views.insertTab(page, widget, title)
        self.views.setTabToolTip(page, tip)
        self.views.setCurrentIndex(page)
        self.views.blockSignals(False)
        old.deleteLater()

    def _on_statistics_timer_timeout(self) -> None:
        if self.views.currentIndex() == STATISTICS_PAGE:
            self._update_statistics()

    def _update_statistics(self) -> None:
        self._statistics_timer.stop()
        if self.statistics_view is None:
            from gui.roster.statistics_view import StatisticsView  # loads QtCharts: only when first shown

            self.statistics_view = StatisticsView()
            self._replace_page(STATISTICS_PAGE, self.statistics_view, "Thống kê")
        shown = self.shown_records()
        scope = f"Tính trên {len(shown)} đảng viên đang hiển thị ở danh sách (theo bộ lọc ở trên)."
        self.statistics_view.set_members(shown, scope)
        self._stale[STATISTICS_PAGE] = False

    def _update_reminders(self) -> None:
        from models.roster.badges import next_award_date
        from models.roster.rating_book import ratings_for_year
        from models.roster.ratings import last_rated_year
        from models.roster.reminders import (
            PROBATION_NOTICE_DAYS,
            badge_reminders,
            missing_ratings,
            recognition_reminders,
        )

        if self.reminders_panel is None:
            from gui.roster.reminders_panel import RemindersPanel

            self.reminders_panel = RemindersPanel()
            self.reminders_panel.member_activated.connect(self._on_reminders_panel_member_activated)
            self.reminders_panel.badge_record_requested.connect(self._on_reminders_panel_badge_record_requested)
            self._replace_page(REMINDERS_PAGE, self.reminders_panel, "Nhắc việc")
        today = clock.today()
        year = last_rated_year(today)
        self.reminders_panel.set_reminders(
            recognition_reminders(self.records, today, within_days=PROBATION_NOTICE_DAYS[0]),
            badge_reminders(self.records, today),
            next_award_date(today),
            missing_ratings(self.records, ratings_for_year(year), year),
            year,
        )
        self._stale[REMINDERS_PAGE] = False

    def _on_reminders_panel_member_activated(self, member_id: int) -> None:
        self._open_member_dialog(member_id)

    def _on_reminders_panel_badge_record_requested(self, member_id: int, years: int) -> None:
        from gui.roster.event_dialog import EventDialog
        from models.roster.badges import badge_note
        from models.roster.event_kinds import EventKind

        dialog = EventDialog(member_id, parent=self, kind=EventKind.BADGE_AWARDED, note=badge_note(years))
        dialog.event_saved.connect(self._on_member_dialog_saved)
        _open_deleted_on_close(dialog)
        self.event_dialog = dialog

    # selection -----------------------------------------------------------------------------
    def selected_member_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.proxy.data(rows[0], ID_ROLE)

    def select_member(self, member_id: int) -> bool:
        proxy_row = self.proxy.proxy_row_of(member_id)
        if proxy_row is None:
            return False
        index = self.proxy.index(proxy_row, COLUMN_INDEX["full_name"])
        self.table.setCurrentIndex(index)
        self.table.selectRow(proxy_row)
        self.table.scrollTo(index)
        return True

    def set_read_only(self, read_only: bool) -> None:
        """A read-only data file: the buttons that only write are off; «Sửa hồ sơ» still shows a record."""
        self._read_only = read_only
        self.add_button.setEnabled(not read_only)
        self.ratings_button.setEnabled(not read_only)
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        has = self.selected_member_id() is not None
        self.edit_button.setEnabled(has)
        self.event_button.setEnabled(has and not self._read_only)

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _focus_table(self) -> None:
        self.table.setFocus()
        if self.selected_member_id() is None and self.proxy.rowCount():
            self.table.selectRow(0)

    # actions -------------------------------------------------------------------------------
    def add_member(self) -> None:
        self._open_member_dialog(None)

    def edit_selected(self, *_args) -> None:
        member_id = self.selected_member_id()
        if member_id is not None:
            self._open_member_dialog(member_id)

    def _open_member_dialog(self, member_id: int | None) -> None:
        from gui.roster.member_dialog import MemberDialog

        dialog = MemberDialog(member_id=member_id, parent=self)
        dialog.member_saved.connect(self._on_member_dialog_saved)
        _open_deleted_on_close(dialog)
        self.member_dialog = dialog

    def _on_member_dialog_saved(self, member_id: int) -> None:
        self.update_member(member_id)
        self.select_member(member_id)
        operations.announce(operations.OperationChanges(members=True, member_ids=(member_id,), source=self))

    def record_event_for_selected(self) -> None:
        member_id = self.selected_member_id()
        if member_id is None:
            return
        from gui.roster.event_dialog import EventDialog

        dialog = EventDialog(member_id=member_id, parent=self)
        dialog.event_saved.connect(lambda *_: self._on_member_dialog_saved(member_id))
        _open_deleted_on_close(dialog)
        self.event_dialog = dialog

    def rate_year(self) -> None:
        from gui.roster.ratings_dialog import RatingsDialog

        dialog = RatingsDialog(parent=self)
        dialog.ratings_saved.connect(self._on_ratings_dialog_saved)
        _open_deleted_on_close(dialog)
        self.ratings_dialog = dialog

    def _on_ratings_dialog_saved(self, *_args) -> None:
        self._stale[REMINDERS_PAGE] = True
        self._update_current_view()
        operations.announce(operations.OperationChanges(members=True, ratings=True, source=self))

    def _on_operation_changed(self, changes: operations.OperationChanges) -> None:
        if (changes.members or changes.branch or changes.file) and changes.source is not self:
            self.refresh()
        if changes.congress:
            self.show_leadership()

    def _on_load_progress(self, done: int, total: int) -> None:
        """Once loaded, the leadership line is read after the roster's next paint: the roster is on screen before
        the line's module and query (some tens of milliseconds); a tab not shown reads it when it is first painted."""
        if done != total:
            return
        viewport = self.table.viewport()
        if self._leadership_after_paint is None:
            self._leadership_after_paint = viewport
            viewport.installEventFilter(self)
        viewport.update()

    def customEvent(self, event: QEvent) -> None:
        if event.type() == _SHOW_LEADERSHIP:
            self.show_leadership()
        else:
            super().customEvent(event)

    def show_leadership(self) -> None:
        from models.meetings.leadership import current_leadership, leadership_line  # after the first paint

        self.leadership_label.setText(leadership_line(current_leadership()))

    # columns -------------------------------------------------------------------------------
    def set_column_visible(self, index: int, visible: bool) -> None:
        self.columns.set_visible(index, visible)

    def visible_columns(self) -> list[str]:
        return self.columns.visible_keys()
