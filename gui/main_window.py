"""The main window: three tabs over the open data file, Vietnamese menus, remembered geometry and tab."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QTabWidget, QVBoxLayout, QWidget

from gui.core import dialogs, operations
from gui.core.collection import resume_collection
from gui.core.deferred_page import DeferredPage
from models.core import clock
from models.core.numerals import thousands

if TYPE_CHECKING:
    from gui.roster.members_tab import MembersTab

MAX_RECENT = 8
MEMBERS_TITLE = "Đảng viê&n"
# the main tabs in their order, as the «Xem» menu names them: Ctrl+1 … Ctrl+5 show them (not every tab title has a
# letter left for an Alt key: the pages' buttons take the others)
TAB_MENU_TEXTS = ("&1. Đảng viên", "&2. Đại hội", "&3. Bầu cử", "&4. Hội nghị chi bộ", "&5. Phát triển Đảng")


class MainWindow(QMainWindow):
    """Composition of the tabs; tabs never import each other, the window wires their signals."""

    data_file_changed = Signal(str)
    first_painted = Signal()  # the window has been painted once (start-up measurements)

    def __init__(
        self,
        data_path: Path | str | None,
        settings: QSettings,
        parent: QWidget | None = None,
        defer_load: bool = False,
        open_file: Callable[[], Path | str | None] | None = None,
        ahead_of_opening: Callable[[], None] | None = None,
    ) -> None:
        """`defer_load`: show the window first and load the roster after the first paint, on a worker thread
        (start-up). `open_file`: the data file is not open yet; the window's frame (menus, tab bar, status bar)
        paints first, then `open_file` is called to open a file, returning its path or server URL, or None to close
        the window (start-up), and the members tab is built while the roster is read. Otherwise `data_path` is the
        open data file or server URL (postgresql://…). `ahead_of_opening`: called after the first paint, before
        `open_file` (the file's integrity check then runs beside the opening's imports: models.core.early_check)."""
        super().__init__(parent)
        self._settings = settings
        self._open_file = open_file
        self._ahead_of_opening = ahead_of_opening
        self._set_target(data_path)
        self.setWindowTitle("ChiBo")
        self.tabs = QTabWidget()
        self.members_page: DeferredPage | None = (
            DeferredPage()
        )  # replaced by the members tab (its first rows at start-up)
        self.members_tab: MembersTab | None = None  # built after the first paint at start-up (`open_file`)
        self._members_tab_finished = False  # see _finish_members_tab
        self._placing: tuple | None = None  # the slots that place the members tab at its first rows (start-up)
        self.congress_page = DeferredPage()
        self.congress_tab = None  # gui.congress.congress_tab.CongressTab, built after the first paint
        self.ballots_page = DeferredPage()
        self.ballots_tab = None  # gui.live_count.ballots_tab.BallotsTab, built after the first paint
        self.meetings_page = DeferredPage()
        self.meetings_tab = None  # gui.meetings.meetings_tab.MeetingsTab, built after the first paint
        self.admission_page = DeferredPage()
        self.admission_tab = None  # gui.admission.admission_tab.AdmissionTab, built when first shown
        self.opening_backup = None  # gui.core.auto_backups.OpeningBackup, once a data file has been opened
        self._backup_pending = False  # the file opened at start-up is backed up once the roster is on screen
        self._roster_viewport = None  # the roster table's viewport until its first paint once filled
        self._first_rows_viewport = None  # the roster table's viewport until its first paint at start-up
        self.inactivity_lock = None  # gui.core.inactivity_lock.InactivityLock, after the first paint
        self._access = None  # models.office.accounts.SignedInAccess on a server: the account and its branches
        self._several_branches = False  # the open database shows more than one branch: transfers between them
        self.tabs.addTab(self.members_page, MEMBERS_TITLE)
        self.tabs.addTab(self.congress_page, "Đại &hội")
        self.tabs.addTab(self.ballots_page, "&Bầu cử")
        self.tabs.addTab(self.meetings_page, "Hội nghị chi bộ")
        self.tabs.addTab(self.admission_page, "Phát triển Đảng")
        self._show_tab_keys()
        self.read_only_banner = QLabel()
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(
            "background: #fff4ce; color: #4d3800; border-bottom: 1px solid #e6c34d; padding: 6px 10px;"
        )
        self.read_only_banner.hide()  # until a file found read-only is open (an empty yellow strip said nothing)
        self.practice_banner = QLabel()
        self.practice_banner.setWordWrap(True)
        self.practice_banner.setStyleSheet(
            "background: #fde7e9; color: #8a1c1c; font-weight: bold; border-bottom: 2px solid #c00000; "
            "padding: 6px 10px;"
        )
        self.practice_banner.hide()
        from gui.office.branch_bar import BranchBar

        self.branch_bar = BranchBar()  # on an office server: the branches the account has, the one worked in
        self.branch_bar.hide()
        self.branch_bar.branch_chosen.connect(self.choose_branch)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.practice_banner)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.branch_bar)
        layout.addWidget(self.tabs)
        self.setCentralWidget(central)
        self.file_label = QLabel()
        self.statusBar().addPermanentWidget(self.file_label)
        self.encryption_offer = None  # gui.core.encryption_offer.EncryptionOffer, with the members tab
        self._build_menus()
        self._restore_state()
        operations.announcer().changed.connect(self._on_operation_changed)
        if open_file is None:
            self._build_members_tab()
            self._show_data_file()
        if defer_load or open_file is not None:
            if self.members_tab is not None:
                self.members_tab.show_loading()
            self.installEventFilter(self)  # open and load once the window has been painted
        else:
            self.members_tab.refresh()
            self._build_deferred_tabs()

    def _build_members_tab(self, at_first_rows: bool = False) -> None:
        """The members tab, its menu's items and the status bar's encryption offer: at once, or after the window's
        first paint at start-up (their modules and PySide's types for them load here). The tab takes its page's
        place at once, or (`at_first_rows`) once its first rows are in: «Đang mở…» stays until then, and the tab's
        first paint is of the roster, not of an empty table painted again a moment later. Then what builds PySide's
        `Qt` namespace (the tab's header sorting, the menus' shortcuts, the encryption offer's links) waits until
        the roster is on screen (`_finish_members_tab`)."""
        from gui.core.encryption_offer import EncryptionOffer
        from gui.roster.members_tab import MembersTab

        tab = self.members_tab = MembersTab(self._settings, finish_later=at_first_rows)
        if at_first_rows:
            self._placing = (
                lambda *_: self._place_members_tab(True),  # a load's first rows, or its end (no rows, failed)
                lambda: self._place_members_tab(True) if tab.model.rowCount() else None,  # a file read at once
            )
            tab.load_progress.connect(self._placing[0])
            tab.model.modelReset.connect(self._placing[1])
        else:
            self._place_members_tab()
        self._build_members_menu()
        tab.load_progress.connect(self._on_members_tab_load_progress)
        self.encryption_offer = EncryptionOffer(self)
        self.statusBar().addWidget(self.encryption_offer)
        self.data_file_changed.connect(self.encryption_offer.refresh)
        if not at_first_rows:
            self._finish_members_tab()

    def _finish_members_tab(self) -> None:
        """Once: what the members tab and its menus leave until the roster is on screen at start-up; and the
        garbage collector, paused since start-up (main.start_window), runs again."""
        if self._members_tab_finished:
            return
        self._members_tab_finished = True
        resume_collection()
        self.members_tab.finish_setup()
        self._set_shortcuts()
        self.encryption_offer.reach_by_keyboard()

    def _place_members_tab(self, then_finish: bool = False) -> None:
        """The members tab in its page's place; `then_finish` (start-up): finished once its first rows are painted
        (a long load goes on meanwhile), or at once when another tab is shown."""
        tab = self.members_tab
        if self.members_page is None:
            return
        if self._placing is not None:
            tab.load_progress.disconnect(self._placing[0])
            tab.model.modelReset.disconnect(self._placing[1])
            self._placing = None
        index, current = self.tabs.indexOf(self.members_page), self.tabs.currentIndex()
        self.tabs.blockSignals(True)  # the tab shown stays the one shown
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, tab, MEMBERS_TITLE)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        self._show_tab_keys()
        self.members_page.deleteLater()
        self.members_page = None
        if not then_finish:
            return
        if self.tabs.currentWidget() is tab:
            self._first_rows_viewport = tab.table.viewport()
            self._first_rows_viewport.installEventFilter(self)
        else:
            self._finish_members_tab()

    # menus ---------------------------------------------------------------------------------
    def _action(self, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            self._shortcuts.append((action, shortcut))  # set with the members tab (_set_shortcuts)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _set_shortcuts(self) -> None:
        """The menus' shortcuts, set once the roster is on screen: setting one makes PySide build the Qt namespace's
        ninety enum types (some 15–30 ms), which the window's first paint and the roster's do without."""
        for action, shortcut in self._shortcuts:
            action.setShortcut(QKeySequence(shortcut))
        self._shortcuts.clear()

    def _build_menus(self) -> None:
        self._shortcuts: list[tuple[QAction, object]] = []
        bar = self.menuBar()
        file_menu = bar.addMenu("&Tệp")
        self.new_action = self._action(file_menu, "Tạo tệp &dữ liệu mới…", self.create_data_file)
        self.open_action = self._action(
            file_menu, "&Mở tệp dữ liệu…", self.choose_data_file, QKeySequence.StandardKey.Open
        )
        self.recent_menu = file_menu.addMenu("Tệp &gần đây")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.backup_action = self._action(file_menu, "&Sao lưu dữ liệu…", self.backup_data_file)
        self.restore_action = self._action(file_menu, "&Phục hồi từ bản sao lưu…", self.restore_data_file)
        self.practice_action = self._action(file_menu, "Dữ liệu mẫ&u để tập dượt…", self.create_practice_file)
        self.protect_action = self._action(file_menu, "&Bảo vệ bằng mật khẩu…", self.protect_data_file)
        self.lock_action = self._action(file_menu, "Khóa &lại ngay", self.lock_now, QKeySequence("Ctrl+L"))
        file_menu.addSeparator()
        self.server_action = self._action(file_menu, "&Kết nối máy chủ của văn phòng…", self.connect_to_server)
        file_menu.addSeparator()
        self.branch_action = self._action(file_menu, "Thông tin &chi bộ…", self.edit_branch)
        file_menu.addSeparator()
        self._action(file_menu, "&Thoát", self.close, QKeySequence("Ctrl+Q"))

        self.members_menu = bar.addMenu("Đảng &viên")  # its items come with the members tab
        self._build_view_and_help_menus(bar)

    def _build_members_menu(self) -> None:
        members_menu, tab = self.members_menu, self.members_tab
        self.write_actions = [self._action(members_menu, "&Thêm đảng viên…", tab.add_member, QKeySequence("Ctrl+N"))]
        self._action(members_menu, "&Sửa hồ sơ…", tab.edit_selected, QKeySequence("Ctrl+E"))
        self.write_actions.append(
            self._action(members_menu, "Ghi s&ự kiện…", tab.record_event_for_selected, QKeySequence("Ctrl+K"))
        )
        self.write_actions.append(self._action(members_menu, "&Xếp loại chất lượng năm…", tab.rate_year))
        self.transfer_action = self._action(members_menu, "Chuyển sinh hoạt sang chi &bộ khác…", self.transfer_selected)
        members_menu.addSeparator()
        self.export_menu = members_menu.addMenu("Xuất &Excel")
        for action in tab.exports.actions():
            if action is None:
                self.export_menu.addSeparator()
            else:
                self.export_menu.addAction(action)
        self.write_actions.append(self._action(members_menu, "&Nhập từ Excel…", self.import_members))
        self._action(members_menu, "Tải mẫ&u nhập Excel…", self.save_import_template)
        members_menu.addSeparator()
        self._action(members_menu, "Tì&m kiếm", self._find, QKeySequence.StandardKey.Find)

    def _show_tab_keys(self) -> None:
        """Each tab's tooltip names its Ctrl+digit (and its Alt key when its title has one)."""
        for index in range(self.tabs.count()):
            title = self.tabs.tabText(index)
            alt = f"Alt+{dialogs.access_key(title).upper()} hoặc " if dialogs.access_key(title) else ""
            self.tabs.setTabToolTip(index, f"{title.replace('&', '')} ({alt}Ctrl+{index + 1})")

    def _build_view_and_help_menus(self, bar) -> None:
        view_menu = bar.addMenu("&Xem")
        for index, text in enumerate(TAB_MENU_TEXTS):
            self._action(view_menu, text, lambda _checked=False, i=index: self.show_tab(i), f"Ctrl+{index + 1}")
        view_menu.addSeparator()
        for page, text in enumerate(("&Danh sách", "&Thống kê", "&Nhắc việc")):
            self._action(view_menu, text, lambda _checked=False, p=page: self._show_view(p))
        view_menu.addSeparator()
        self.office_action = self._action(view_menu, "Tổng hợp t&oàn đảng bộ…", self.show_office_totals)
        self.office_action.setEnabled(False)
        self.committee_action = self._action(view_menu, "Hồ &sơ đảng ủy…", self.show_committee_record)
        self.committee_action.setEnabled(False)

        help_menu = bar.addMenu("Trợ giú&p")
        self._action(help_menu, "&Giới thiệu ChiBo", self._about)

    def _find(self) -> None:
        if self.tabs.currentWidget() is self.congress_page and self.congress_tab and self.congress_tab.focus_search():
            return
        if self.members_page is not None:  # the instant between the first paint and the roster's first rows
            return
        self.tabs.setCurrentWidget(self.members_tab)
        self.members_tab.focus_search()

    def show_tab(self, index: int) -> None:
        """Ctrl+1 … Ctrl+5: the tab at `index`, with the keyboard's focus on its first control."""
        self.tabs.setCurrentIndex(index)
        self._focus_into(self.tabs, self.tabs.tabBar())

    def _show_view(self, page: int) -> None:
        """«Xem» › «Danh sách», «Thống kê», «Nhắc việc»: the roster's view, with the focus on its first control."""
        if self.members_page is not None:  # the instant between the first paint and the roster's first rows
            return
        self.tabs.setCurrentWidget(self.members_tab)
        self.members_tab.views.setCurrentIndex(page)
        self._focus_into(self.members_tab.views, self.members_tab.views.tabBar())

    def _focus_into(self, tabs: QTabWidget, fallback: QWidget) -> None:
        """The focus on the first control of the page `tabs` shows, once it is shown (a page built as it is first
        shown shows its controls a moment later); on `fallback` until then, and if the page has none. It was left on
        the page now hidden."""
        from PySide6.QtCore import Qt

        from gui.core.focus import first_focusable

        def focus_page() -> None:
            (first_focusable(tabs.currentWidget()) or fallback).setFocus(Qt.FocusReason.ShortcutFocusReason)

        fallback.setFocus(Qt.FocusReason.ShortcutFocusReason)
        QTimer.singleShot(0, self, focus_page)

    def _about(self) -> None:
        dialogs.show_info(
            self,
            "ChiBo — phần mềm giúp bí thư chi bộ quản lý đảng viên, tổ chức đại hội và kiểm phiếu bầu cử.",
            "Chạy hoàn toàn trên máy, không cần Internet. Dữ liệu nằm ở: "
            + _display_name(self.data_target)
            + "\n\nBàn phím: Ctrl+1 … Ctrl+5 mở các thẻ Đảng viên, Đại hội, Bầu cử, Hội nghị chi bộ, Phát triển Đảng "
            "(menu Xem); Alt + chữ gạch chân bấm nút; Esc đóng hộp thoại, hỏi trước nếu có thay đổi chưa lưu.",
            title="Giới thiệu ChiBo",
        )

    # data file -----------------------------------------------------------------------------
    def _set_target(self, target: Path | str | None) -> None:
        """The open database: `data_target` always ("" before one is open); `data_path` only for a data file (None
        on a server)."""
        self.data_target = "" if target is None else str(target)
        self.data_path = None if target is None or "://" in self.data_target else Path(target)

    def _start_folder(self) -> str:
        return str(self.data_path.parent) if self.data_path is not None else ""

    def _show_data_file(self) -> None:
        from models.core.branch import get_branch

        branch = get_branch()
        name = branch.name if branch else "Chưa thiết lập chi bộ"
        self._show_branches()
        read_only = self._is_read_only()
        self.setWindowTitle(f"ChiBo — {name}" + (" (chỉ đọc)" if read_only else ""))
        where = "Tệp dữ liệu" if self.data_path is not None else "Máy chủ dữ liệu"
        self.file_label.setText(f"{where}: {_display_name(self.data_target)}")
        self._show_read_only(read_only)
        from models.core.practice_flag import PRACTICE_BANNER, is_practice

        practice = is_practice()
        self.practice_banner.setText(f"TẬP DƯỢT — {PRACTICE_BANNER}")
        self.practice_banner.setVisible(practice)
        if practice:
            self.setWindowTitle(f"{self.windowTitle()} — TẬP DƯỢT")
        if self.data_path is not None:
            self._remember_recent(self.data_path)
        self.data_file_changed.emit(self.data_target)

    def _show_branches(self) -> None:
        """On a server (or a file holding several branches): the branches the signed-in account has, and the
        office's totals when there are several."""
        from models.core.branch import current_branch_id_or_none, list_branches

        branches = list_branches()
        on_server = self.data_path is None and bool(self.data_target)
        current = current_branch_id_or_none()
        self._access = None
        if on_server:
            from models.office.accounts import signed_in_access

            self._access = signed_in_access()
        self.branch_bar.set_branches(branches, current, self._access)
        self.branch_bar.setVisible(on_server or len(branches) > 1)
        self.office_action.setEnabled(len(branches) > 1)
        self.committee_action.setEnabled(len(branches) > 1)
        self._several_branches = len(branches) > 1

    def choose_branch(self, branch_id: int) -> None:
        """Work in another branch of the open database: the whole window reloads for it."""
        from models.core.branch import current_branch_id, use_branch

        if branch_id == current_branch_id():
            return
        self.members_tab.cancel_loading()  # its worker reads the branch being left

        def remember(_result) -> None:
            if self.data_path is None:  # the next connection to this server and account starts in it
                self._settings.setValue("office/last_branch", f"{self._account_key()}|{branch_id}")

        operations.run(self, lambda: use_branch(branch_id), remember)
        self._show_data_file()
        operations.announce(operations.OperationChanges(branch=True))  # every tab shows the branch now chosen

    def _account_key(self) -> str:
        """The server, database and account of the open server URL (no password)."""
        from models.core.server_connection import address_of

        found = address_of(self.data_target)
        return f"{found.host}:{found.port}/{found.database}/{found.user}"

    def _restore_branch(self) -> None:
        """Back on a server and account: work in the branch chosen there last time, if the account still has it."""
        from models.core.branch import list_branches, use_branch

        key, _, branch = str(self._settings.value("office/last_branch", "")).rpartition("|")
        if key == self._account_key() and branch.isdigit() and int(branch) in {i for i, _ in list_branches()}:
            use_branch(int(branch))

    def connect_to_server(self) -> None:
        """«Kết nối máy chủ của văn phòng»: the connection dialog; once the server accepts, the window works there."""
        from gui.office.connection_dialog import ConnectionDialog

        dialog = ConnectionDialog(self._settings, self)
        dialog.server_chosen.connect(self.switch_data_file)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.connection_dialog = dialog

    def show_office_totals(self) -> None:
        """«Tổng hợp toàn đảng bộ»: every branch's figures and the committee's total."""
        from gui.office.office_dialog import OfficeDialog

        dialog = OfficeDialog(self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        dialog.load()
        self.office_dialog = dialog

    def show_committee_record(self) -> None:
        """«Hồ sơ đảng ủy»: the committee's own record, its leadership and its branches' history."""
        from gui.office.committee_dialog import CommitteeDialog

        dialog = CommitteeDialog(self)
        dialog.set_read_only(self._is_read_only())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.committee_dialog = dialog

    def _is_read_only(self) -> bool:
        """The open file cannot be written, or the server account may only read the branch worked in."""
        from models.core.database import is_read_only

        if is_read_only():
            return True
        if self._access is None:
            return False
        from models.core.branch import current_branch_id_or_none

        current = current_branch_id_or_none()
        return current is not None and any(g.branch_id == current and not g.can_write for g in self._access.branches)

    def _show_read_only(self, read_only: bool) -> None:
        """A file that cannot be written (or a branch the server account may only read) is shown and browsed, never
        edited: a banner says so up front."""
        if self._access is not None:
            self.read_only_banner.setText(
                f"Tài khoản «{self._access.role}» chỉ được xem chi bộ này — mọi thay đổi sẽ không được lưu. Muốn sửa "
                "dữ liệu, hãy nhờ người quản trị máy chủ giao quyền sửa."
            )
        else:
            self.read_only_banner.setText(
                f"Tệp chỉ đọc: «{self.data_path}» — mọi thay đổi sẽ không được lưu. Muốn sửa dữ liệu, hãy chép tệp "
                "sang một thư mục có quyền ghi rồi mở tệp đó."
            )
        self.read_only_banner.setVisible(read_only)
        for action in self.write_actions:
            action.setEnabled(not read_only)
        self.transfer_action.setEnabled(not read_only and self._several_branches)
        self.members_tab.set_read_only(read_only)
        for tab in (self.congress_tab, self.ballots_tab, self.meetings_tab, self.admission_tab):
            if tab is not None:
                tab.set_read_only(read_only)

    def recent_files(self) -> list[str]:
        value = self._settings.value("files/recent", [], type=list)
        return [str(v) for v in value if v]

    def _remember_recent(self, path: Path) -> None:
        text = str(path)
        recent = [p for p in self.recent_files() if p != text]
        self._settings.setValue("files/recent", [text, *recent][:MAX_RECENT])
        self._settings.setValue("files/last", text)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for number, path in enumerate(self.recent_files(), start=1):
            action = self.recent_menu.addAction(f"&{number} {path.replace('&', '&&')}")
            action.triggered.connect(lambda _checked=False, p=path: self.switch_data_file(Path(p)))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(chưa có)").setEnabled(False)

    def choose_data_file(self) -> None:
        path = dialogs.ask_open_path(self, "Mở tệp dữ liệu ChiBo", dialogs.DATA_FILTER, "data")
        if path:
            self.switch_data_file(Path(path))

    def create_data_file(self) -> None:
        path = dialogs.ask_save_path(
            self, "Tạo tệp dữ liệu mới", dialogs.DATA_FILTER, "data", "Dữ liệu chi bộ.sqlite3", ask_overwrite=False
        )
        if not path:
            return
        target = Path(path)
        if target.suffix == "":
            target = target.with_suffix(".sqlite3")
        if target.exists():
            dialogs.show_error(self, f"Tệp «{target.name}» đã có. Hãy chọn tên khác hoặc dùng «Mở tệp dữ liệu».")
            return
        from gui.core.data_file_flow import create_interactively

        previous = self.data_target
        self.members_tab.cancel_loading()  # its worker reads through the same database proxy
        self.react_to(create_interactively(self, target), previous)

    def switch_data_file(self, path: Path | str) -> bool:
        """Open another data file (an encrypted one asks for its passphrase or recovery key) or an office server's
        URL; if it cannot be opened, the current one stays open."""
        from models.core.database import is_server_url

        if not is_server_url(path) and self.data_path is not None and Path(path).resolve() == self.data_path.resolve():
            return True
        from gui.core.data_file_flow import open_interactively

        previous = self.data_target
        self.members_tab.cancel_loading()  # its worker reads through the same database proxy
        return self.react_to(open_interactively(self, path), previous)

    def react_to(self, outcome, previous: Path | str | None) -> bool:
        """The one place the window reacts to what the data-file session (models.core.data_session) did: a file
        that did not open is said (the previous one stays open); an opened one is shown, its branch asked for when
        it has none, its opening backup taken."""
        from models.core.data_session import Opened, reopen_if_closed
        from models.core.database import is_server_url

        if not outcome.is_open:
            if outcome.message:
                dialogs.show_error(self, outcome.message)
            reopen_if_closed(previous)
            return False
        self._set_target(outcome.target)
        if is_server_url(outcome.target):
            self._restore_branch()
        if outcome.kind is Opened.NO_BRANCH:
            from models.office.accounts import NO_BRANCH_GIVEN, may_add_branch

            if may_add_branch():
                self.edit_branch(first_run=True)
            else:
                dialogs.show_info(self, NO_BRANCH_GIVEN)
        self._show_data_file()
        operations.announce(operations.OperationChanges(file=True))  # every tab shows the data file as it is now
        self._back_up_opened_file()
        return True

    def backup_data_file(self) -> None:
        """Copy the open data file to a chosen place, off the GUI thread, cancellable."""

        from models.core.database import backup_open_database

        if self.data_path is None:
            dialogs.show_info(
                self,
                "Dữ liệu đang nằm trên máy chủ PostgreSQL: máy chủ được sao lưu bằng công cụ của nó (pg_dump), "
                "do người quản trị máy chủ thực hiện.",
            )
            return
        suggested = f"{self.data_path.stem} - sao lưu {clock.now():%d-%m-%Y %H%M}.sqlite3"
        path = dialogs.ask_save_path(self, "Sao lưu dữ liệu", dialogs.DATA_FILTER, "backup", suggested)
        if not path:
            return
        target = Path(path)
        task = operations.run_in_background(
            self,
            "Sao lưu dữ liệu",
            "Đang sao lưu tệp dữ liệu…",
            lambda progress: backup_open_database(target, progress),
            lambda done: dialogs.show_info(self, f"Đã sao lưu dữ liệu vào tệp:\n{done}"),
            failure_text="Không sao lưu được dữ liệu.",
        )
        task.cancelled.connect(lambda: dialogs.show_info(self, "Đã hủy sao lưu; không có tệp nào được tạo."))
        self.backup_task = task

    def create_practice_file(self) -> None:
        """«Dữ liệu mẫu để tập dượt»: a new practice file with a realistic branch and a congress ready for check-in,
        opened in place of the current one (which stays as it is)."""
        from models.core import data_session
        from models.practice.sample_branch import fill_practice_data

        path = dialogs.ask_save_path(
            self,
            "Tạo tệp dữ liệu mẫu để tập dượt",
            dialogs.DATA_FILTER,
            "data",
            "Tập dượt ChiBo.sqlite3",
            ask_overwrite=False,
        )
        if not path:
            return
        target = Path(path) if Path(path).suffix else Path(path).with_suffix(".sqlite3")
        if target.exists():
            dialogs.show_error(self, f"Tệp «{target.name}» đã có. Hãy chọn tên khác cho tệp tập dượt.")
            return
        previous = self.data_target
        self.members_tab.cancel_loading()
        created = data_session.create_file(target, plain=True)  # sample people only: nothing to protect
        refusals = []
        if created.is_open and not operations.run(
            self, lambda: fill_practice_data(clock.today()), on_failure=refusals.append
        ):
            data_session.discard_new_file(target)
            created = replace(created, kind=data_session.Opened.REFUSED, message=refusals[0].message)
        if not created.is_open:
            self.react_to(replace(created, message=""), previous)
            dialogs.show_error(self, "Chưa tạo được tệp tập dượt.", created.message)
            return
        self._set_target(target)
        self._show_data_file()
        operations.announce(operations.OperationChanges(file=True))  # every tab shows the data file as it is now
        self.tabs.setCurrentWidget(self.congress_page)
        dialogs.show_info(
            self,
            "Đã tạo tệp dữ liệu mẫu để tập dượt: một chi bộ 32 đảng viên và một đại hội sẵn "
            "sàng điểm danh, đã thiết lập bầu Ban Chi ủy và đại biểu.",
            str(target),
        )

    def restore_data_file(self) -> None:
        """«Phục hồi từ bản sao lưu»: choose one of the open file's automatic backups; the file is closed, restored
        (its current state backed up first) and opened again."""
        from gui.core.restore_dialog import RestoreDialog

        if self.data_path is None:
            dialogs.show_info(
                self,
                "Dữ liệu đang nằm trên máy chủ PostgreSQL: máy chủ được phục hồi bằng công cụ "
                "của nó, do người quản trị máy chủ thực hiện.",
            )
            return
        dialog = RestoreDialog(self.data_path, self)
        dialog.backup_chosen.connect(self._on_restore_dialog_backup_chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.restore_dialog = dialog

    def _on_restore_dialog_backup_chosen(self, backup) -> None:
        from models.core.data_session import restore_open_file

        self._pause_background()
        restored = operations.run(
            self,
            lambda: restore_open_file(backup),  # the file's lock is held throughout
            heading="Chưa phục hồi được; tệp dữ liệu được giữ nguyên.",
        )
        self._show_data_file()
        operations.announce(operations.OperationChanges(file=True))  # every tab shows the data file as it is now
        if restored:
            self.statusBar().showMessage(f"Đã phục hồi dữ liệu về lúc {backup.taken_at:%H:%M ngày %d/%m/%Y}.", 10000)

    def protect_data_file(self) -> None:
        """«Bảo vệ bằng mật khẩu»: set, change or remove the open file's passphrase, and its lock minutes."""
        from gui.core.protection_dialog import ProtectionDialog
        from models.core.database import is_read_only

        if self.data_path is None:
            dialogs.show_info(
                self,
                "Dữ liệu đang nằm trên máy chủ PostgreSQL: máy chủ bảo vệ dữ liệu bằng tài khoản "
                "và quyền của từng người dùng, do người quản trị máy chủ đặt.",
            )
            return
        if is_read_only():
            dialogs.show_info(self, "Tệp đang mở chỉ cho phép đọc nên không đặt hay đổi mật khẩu được.")
            return
        dialog = ProtectionDialog(self.data_path, self)
        dialog.rewrite_requested.connect(self._rewrite_protection)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.protection_dialog = dialog

    def _rewrite_protection(self, passphrase: str) -> None:
        from PySide6.QtWidgets import QApplication

        from models.core.data_session import remove_passphrase
        from models.core.encryption import protect_open_file

        self._pause_background()
        from PySide6.QtCore import Qt

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

        def rewrite() -> tuple:
            try:
                return (protect_open_file(passphrase), "") if passphrase else remove_passphrase()
            finally:
                QApplication.restoreOverrideCursor()  # before any message

        rewritten = operations.result_of(self, rewrite, heading="Chưa đổi được mật khẩu; tệp dữ liệu vẫn như trước.")
        self._show_data_file()
        operations.announce(operations.OperationChanges(file=True))  # every tab shows the data file as it is now
        if rewritten is operations.REFUSED:
            return
        skipped, recovery = rewritten
        if passphrase:
            done = "Đã mã hóa tệp dữ liệu và các bản sao lưu của nó bằng mật khẩu mới."
        elif recovery:
            done = (
                "Đã bỏ mật khẩu: tệp dữ liệu và các bản sao lưu vẫn được mã hóa, bằng khóa mà hệ điều hành giữ "
                "cho tài khoản của bạn trên máy này."
            )
        else:
            done = "Đã bỏ mã hóa: tệp dữ liệu và các bản sao lưu không còn cần mật khẩu."
        dialogs.show_info(self, done)
        if recovery:
            from gui.core.recovery_key_dialog import show_recovery_key

            show_recovery_key(self, self.data_path, recovery)
        if passphrase or recovery:
            self._offer_removing_left_behind(skipped)

    def _offer_removing_left_behind(self, skipped: list[Path]) -> None:
        """Name every copy the protection could not rewrite, truthfully, and remove them if the user agrees."""
        from models.core.encryption import left_behind, remove_left_behind

        left = left_behind(self.data_path, skipped)
        if not left:
            return
        listed = "\n".join(f"• {item.path.name}: {item.why}." for item in left)
        if dialogs.confirm(
            self,
            f"{len(left)} bản sao của dữ liệu không được mã hóa lại:\n{listed}",
            "Xóa các tệp này? Chúng không dùng để phục hồi được bằng mật khẩu hiện nay.",
            title="Bản sao chưa được bảo vệ",
            yes="&Xóa các tệp này",
            no="&Giữ lại",
        ):
            failed = remove_left_behind(left)
            if failed:
                dialogs.show_error(self, "Không xóa được: " + ", ".join(f"«{p.name}»" for p in failed) + ".")

    def lock_now(self) -> None:
        """«Khóa lại ngay» (Ctrl+L): lock an encrypted file's window at once."""
        if self.inactivity_lock is None or not self._is_protected():
            dialogs.show_info(
                self, "Chỉ khóa được cửa sổ khi tệp dữ liệu được bảo vệ bằng mật khẩu (Tệp › Bảo vệ bằng mật khẩu)."
            )
            return
        self.inactivity_lock.lock()

    def _is_protected(self) -> bool:
        """A passphrase protects the open file (one encrypted with a key kept by the OS has none to ask for)."""
        from models.core.passphrases import has_passphrase

        return self.data_path is not None and has_passphrase(self.data_path)

    def _lock_minutes(self) -> int:
        from models.core.encryption import lock_minutes

        return lock_minutes()

    def _unlocks(self, passphrase: str) -> bool:
        from models.core.passphrases import matches

        return self.data_path is not None and matches(self.data_path, passphrase)

    def _pause_background(self) -> None:
        """Before the data file is closed and replaced: no worker may read it meanwhile."""
        if self.members_tab is not None:
            self.members_tab.cancel_loading()
        if self.opening_backup is not None:
            self.opening_backup.wait()

    def transfer_selected(self) -> None:
        """«Chuyển sinh hoạt sang chi bộ khác»: the selected member to another branch of the open database."""
        from gui.office.transfer_dialog import TransferDialog
        from models.core.branch import current_branch_id, list_branches
        from models.roster.members import get_member

        member_id = self.members_tab.selected_member_id()
        if member_id is None:
            dialogs.show_info(self, "Hãy chọn đảng viên cần chuyển sinh hoạt trong danh sách trước.")
            return
        name = get_member(member_id).full_name
        dialog = TransferDialog(member_id, name, list_branches(), current_branch_id(), self)
        dialog.transferred.connect(lambda _id: self._on_transfer_dialog_transferred(name))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.transfer_dialog = dialog

    def _on_transfer_dialog_transferred(self, name: str) -> None:
        operations.announce(operations.OperationChanges(members=True))
        self.statusBar().showMessage(f"Đã chuyển sinh hoạt của đảng viên {name} sang chi bộ mới.", 10000)

    def import_members(self) -> None:
        """«Nhập từ Excel»: the import dialog asks for the workbook; the roster refreshes after an import."""
        from gui.roster.import_dialog import ImportDialog

        dialog = ImportDialog(parent=self)
        dialog.open()
        self.import_dialog = dialog
        dialog.choose_file()

    def save_import_template(self) -> None:
        from gui.roster.import_dialog import save_import_template

        save_import_template(self)

    def edit_branch(self, first_run: bool = False) -> None:
        from gui.branch_dialog import BranchDialog

        dialog = BranchDialog(first_run=bool(first_run), parent=self)
        dialog.branch_saved.connect(self._show_data_file)
        dialog.open()
        self.branch_dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.Paint:
            self.removeEventFilter(self)
            self.first_painted.emit()
            QTimer.singleShot(0, self._after_first_paint)
        elif event.type() == QEvent.Type.Paint and (
            watched is self._first_rows_viewport or watched is self._roster_viewport
        ):  # the roster table's viewport, watched once for both (a roster read at once is filled at its first rows)
            watched.removeEventFilter(self)
            if watched is self._first_rows_viewport:
                self._first_rows_viewport = None
                QTimer.singleShot(0, self._finish_members_tab)  # once this paint of the first rows is done
            if watched is self._roster_viewport:
                self._roster_viewport = None
                QTimer.singleShot(0, self._build_tabs_after_roster)  # once this paint of the filled roster is done
        return super().eventFilter(watched, event)

    def _after_first_paint(self) -> None:
        """Open the file, then start reading its roster on a worker thread before the members tab is built: the
        worker reads and builds rows while this thread builds the tab, which takes them once it exists. The tab's
        modules load before the opening, beside the file's integrity check (`ahead_of_opening`)."""
        if self._ahead_of_opening is not None:
            self._ahead_of_opening()
        if self.members_tab is None:
            import gui.core.encryption_offer
            import gui.roster.members_tab  # noqa: F401
        opening = self._open_file is not None
        if opening:
            path, self._open_file = self._open_file(), None
            if path is None:
                self.close()
                return
            self._set_target(path)
        loader = None
        if self.members_tab is None:
            from gui.roster.roster_loader import FIRST_SORT, RosterLoader

            loader = RosterLoader(*FIRST_SORT, self, held=True)  # its rows wait for the tab
            loader.start()
            self._build_members_tab(at_first_rows=True)
        if opening:
            self._show_data_file()
        self.members_tab.load_progress.connect(self._on_first_roster_loaded)
        self.members_tab.load(loader)
        self._build_deferred_tabs(eager=False)

    def _on_first_roster_loaded(self, done: int, total: int) -> None:
        """The congress and ballots tabs not shown yet are built once the roster is on screen (start-up speed): after
        the table's next paint, or at once when the roster is not the tab shown."""
        if done == total:
            self.members_tab.load_progress.disconnect(self._on_first_roster_loaded)
            viewport = self.members_tab.table.viewport()
            if viewport.isVisible():
                self._roster_viewport = viewport
                viewport.installEventFilter(self)
                viewport.update()
            else:
                self._build_tabs_after_roster()

    def _build_tabs_after_roster(self) -> None:
        self._finish_members_tab()
        self._build_tab(self.congress_page)
        self._build_tab(self.ballots_page)
        self._start_file_guards()

    def _build_deferred_tabs(self, eager: bool = True) -> None:
        """Once a data file is open and the window has been painted: the congress and ballots tabs (`eager`, or
        the one shown; the other when it is first shown or the roster is on screen) and the file's guards (`eager`,
        or once the roster is on screen)."""
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        for page in (self.congress_page, self.ballots_page):
            if eager or self.tabs.currentWidget() is page:
                self._build_tab(page)
        self._show_read_only(self._is_read_only())
        self._backup_pending = True
        if eager:
            self._start_file_guards()

    def _start_file_guards(self) -> None:
        """The automatic backup of the file opened (unless one was started since) and the inactivity lock. At
        start-up they wait until the roster is on screen: the backup's copy and check, and the lock's watch over
        every event of the application, would slow its load; nothing is written meanwhile but by the user, and the
        backup, taken on its own connection, holds the file as it is when it is taken, as before."""
        if self._backup_pending:
            self._back_up_opened_file()
        if self.inactivity_lock is None:
            from gui.core.inactivity_lock import InactivityLock

            self.inactivity_lock = InactivityLock(self, self._is_protected, self._lock_minutes, self._unlocks)

    def _back_up_opened_file(self) -> None:
        """An automatic backup of the file just opened, off the GUI thread (models.core.auto_backup)."""
        from gui.core.auto_backups import OpeningBackup

        self._backup_pending = False
        from models.core.database import is_read_only

        if self.data_path is None or is_read_only():
            return
        if self.opening_backup is None:
            self.opening_backup = OpeningBackup(self)
            self.opening_backup.failed.connect(self._on_opening_backup_failed)
        self.opening_backup.start(self.data_path)

    def _on_opening_backup_failed(self, message: str) -> None:
        self.statusBar().showMessage(f"Chưa sao lưu tự động được: {message}", 15000)

    def _build_tab(self, page: DeferredPage) -> None:
        """The congress or ballots tab of `page`, unless built already; its modules load here."""
        if page.content is not None:
            return
        if page is self.congress_page:
            from gui.congress.congress_tab import CongressTab

            self.congress_tab = CongressTab(self._settings)
            tab = self.congress_tab
        elif page is self.meetings_page:
            from gui.meetings.meetings_tab import MeetingsTab

            self.meetings_tab = MeetingsTab(self._settings)
            self.meetings_tab.count_requested.connect(self.count_in_ballots_tab)
            tab = self.meetings_tab
        elif page is self.admission_page:
            from gui.admission.admission_tab import AdmissionTab

            self.admission_tab = AdmissionTab()
            self.admission_tab.count_requested.connect(self.count_in_ballots_tab)
            tab = self.admission_tab
        else:
            from gui.live_count.ballots_tab import BallotsTab

            self.ballots_tab = BallotsTab(self._settings)
            tab = self.ballots_tab
        page.set_content(tab)
        tab.refresh()
        tab.set_read_only(self._is_read_only())

    def count_in_ballots_tab(self, round_id: int) -> None:
        """A meeting's secret ballot (from «Hội nghị chi bộ» or «Phát triển Đảng») is counted in the «Bầu cử» tab:
        turn to it with that round chosen."""
        self._build_tab(self.ballots_page)
        self.tabs.setCurrentWidget(self.ballots_page)
        if self.ballots_tab is not None:
            self.ballots_tab.refresh(round_id)

    def _on_tabs_current_changed(self, index: int) -> None:
        """A round started on the congress tab is there when the counters turn to «Bầu cử»; members added to the
        roster are there for the congress. A tab not built yet is built as it is first shown."""
        page = self.tabs.widget(index)
        if isinstance(page, DeferredPage) and page.content is None:
            self._build_tab(page)
            return
        if page is self.ballots_page and self.ballots_tab is not None:
            self.ballots_tab.refresh()
        elif page is self.congress_page and self.congress_tab is not None:
            self.congress_tab.refresh()
        elif page is self.meetings_page and self.meetings_tab is not None:
            self.meetings_tab.refresh()
        elif page is self.admission_page and self.admission_tab is not None:
            self.admission_tab.refresh()

    def _on_operation_changed(self, changes: operations.OperationChanges) -> None:
        """What a write changed reaches every tab (each listens to gui.core.operations itself); the roster's writes
        are said in the status bar."""
        if not changes.members:
            return
        member_ids = changes.member_ids
        which = f"{len(member_ids)} đảng viên" if member_ids else "danh sách đảng viên"
        self.statusBar().showMessage(f"Đã lưu thay đổi của {which}.", 5000)

    def _on_members_tab_load_progress(self, done: int, total: int) -> None:
        if done < total:
            self.statusBar().showMessage(f"Đang tải danh sách đảng viên: {done}/{total}…")
        else:
            self.statusBar().showMessage(f"Đã tải {thousands(total)} đảng viên.", 3000)

    # state ---------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self._settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            dialogs.fit_to_screen(self, 1200, 760)
        self.tabs.setCurrentIndex(int(self._settings.value("window/tab", 0)))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/tab", self.tabs.currentIndex())
        self._settings.sync()
        self._pause_background()
        if self.inactivity_lock is not None:
            self.inactivity_lock.stop()
        from gui.core.auto_backups import backup_before
        from models.core.database import close_database

        if self.data_path is not None:
            backup_before(self, "exit")
        close_database()
        resume_collection()  # closed before its roster was on screen (no file opened): see _finish_members_tab
        super().closeEvent(event)


def _display_name(target: str) -> str:
    from models.core.database import display_name  # peewee loads after the first paint (start-up)

    return display_name(target)
