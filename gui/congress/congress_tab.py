"""The «Đại hội» tab: the branch's congresses, one chosen; its pages (check-in, working bodies, show-of-hands
votes, elections, papers) over it. Any write made from here is announced through gui.core.operations."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.congress.bodies_page import BodiesPage
from gui.congress.checkin_page import CheckinPage
from gui.congress.elections_page import ElectionsPage
from gui.congress.hand_votes_page import HandVotesPage
from gui.congress.papers_page import PapersPage
from gui.core import dialogs, operations
from gui.core.focus import first_focusable, keep_focus_later
from models.congress.congresses import (
    CongressInfo,
    Status,
    close_congress,
    get_congress,
    list_congresses,
    open_session,
)


class CongressTab(QWidget):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.congresses: list[CongressInfo] = []
        operations.announcer().changed.connect(self._on_operation_changed)
        self.dialog = None
        self._read_only = False
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Đại hội:"))
        self.combo = QComboBox()
        self.combo.setMinimumWidth(260)
        self.combo.currentIndexChanged.connect(self._on_combo_current_index_changed)
        bar.addWidget(self.combo, 1)
        self.new_button = self._button(bar, "Đại hội &mới…", self.new_congress)
        self.edit_button = self._button(bar, "&Sửa thông tin…", self.edit_congress)
        self.open_button = self._button(bar, "&Khai mạc", self.open_session)
        self.close_button = self._button(bar, "Bế mạ&c", self.close_congress)
        layout.addLayout(bar)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)
        self.stack = QStackedWidget()
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        note = QLabel(
            "<h3>Chi bộ chưa có đại hội nào trong ChiBo</h3><p>Tạo đại hội: danh sách triệu tập được lấy "
            "từ danh sách đảng viên theo ngày khai mạc; sau đó điểm danh, chọn Đoàn Chủ tịch, Thư ký, Ban "
            "kiểm phiếu, thiết lập các cuộc bầu cử và lập văn bản của đại hội.</p>"
        )
        note.setWordWrap(True)
        empty_layout.addWidget(note)
        self.first_button = QPushButton("Tạo đại hội đầu t&iên…")
        self.first_button.clicked.connect(self.new_congress)
        empty_layout.addWidget(self.first_button)
        empty_layout.addStretch(1)
        self.stack.addWidget(empty)
        self.pages = QTabWidget()
        self.stack.addWidget(self.pages)
        layout.addWidget(self.stack, 1)
        self.checkin_page = CheckinPage()
        self.bodies_page = BodiesPage()
        self.votes_page = HandVotesPage()
        self.elections_page = ElectionsPage()
        self.papers_page = PapersPage()
        pages = (
            (self.checkin_page, "&1. Triệu tập, điểm danh"),
            (self.bodies_page, "&2. Đoàn Chủ tịch, Thư ký, Ban kiểm phiếu"),
            (self.votes_page, "&3. Biểu quyết"),
            (self.elections_page, "&4. Bầu cử"),
            (self.papers_page, "&5. Văn bản"),
        )
        for page, title in pages:
            self.add_page(page, title)
        self.pages.currentChanged.connect(lambda _i: self._show_current_page())
        self.pages.currentChanged.connect(lambda _i: self._enter_page())

    def _button(self, row: QHBoxLayout, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: slot())
        row.addWidget(button)
        return button

    def add_page(self, widget: QWidget, title: str) -> None:
        self.pages.addTab(widget, title)
        widget.congress_changed.connect(self._on_page_congress_changed)

    # showing ----------------------------------------------------------------------------------------------------
    def refresh(self, select: int | None = None) -> None:
        current = select or (self.current().id if self.current() else self._settings.value("congress/id", 0, int))
        self.congresses = list_congresses()
        self.combo.blockSignals(True)
        self.combo.clear()
        for info in self.congresses:
            self.combo.addItem(f"{info.title} — {info.status_label}", info.id)
        index = self.combo.findData(current)
        self.combo.setCurrentIndex(index if index >= 0 else (0 if self.congresses else -1))
        self.combo.blockSignals(False)
        self._show()

    def current(self) -> CongressInfo | None:
        index = self.combo.currentIndex()
        info = self.congresses[index] if 0 <= index < len(self.congresses) else None
        return replace(info, locked=True) if info is not None and self._read_only else info

    def set_read_only(self, read_only: bool) -> None:
        """A data file that cannot be written: every congress is shown read-only."""
        self._read_only = read_only
        self.refresh()  # also after another data file opened: the list is re-read

    def _on_combo_current_index_changed(self, _index: int) -> None:
        if self.current() is not None:
            self._settings.setValue("congress/id", self.current().id)
        self._show()

    def _show(self) -> None:
        info = self.current()
        self.stack.setCurrentIndex(1 if info else 0)
        self.combo.setEnabled(bool(self.congresses))
        self.edit_button.setEnabled(info is not None and not info.read_only)
        self.new_button.setEnabled(not self._read_only)
        self.first_button.setEnabled(not self._read_only)
        self.open_button.setEnabled(info is not None and not info.read_only and info.status == Status.PREPARING)
        self.close_button.setEnabled(info is not None and not info.read_only and info.status == Status.IN_SESSION)
        if info is None:
            self.state_label.setText("")
        else:
            where = f", tại {info.place}" if info.place else ""
            when = f"khai mạc {info.opens_on:%d/%m/%Y}{where}"
            extra = ""
            if info.status == Status.CLOSED:
                extra = " Đại hội đã bế mạc: mọi trang chỉ để xem."
            elif info.read_only:
                extra = " Tệp dữ liệu chỉ đọc: mọi trang chỉ để xem."
            self.state_label.setText(f"{info.title}: {when}; {info.status_label.lower()}.{extra}")
        self._show_current_page()

    def _show_current_page(self) -> None:
        page = self.pages.currentWidget()
        if page is not None:
            page.show_congress(self.current())

    def _enter_page(self) -> None:
        """A page chosen with its key (Alt+3) from outside it: the focus goes into the page, to what Tab reaches
        first there (it stayed on the congress list above). Arrows on the page tabs themselves keep it there."""
        focus = QApplication.focusWidget()
        page = self.pages.currentWidget()
        if focus is not None and (focus is self.pages.tabBar() or page.isAncestorOf(focus)):
            return
        target = first_focusable(page)
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_page_congress_changed(self) -> None:
        self._announce()

    def _on_operation_changed(self, changes: operations.OperationChanges) -> None:
        """A round counted or a congress changed elsewhere (the ballots tab), another branch or data file: show it."""
        if (changes.congress or changes.round or changes.branch or changes.file) and changes.source is not self:
            self.refresh()

    def _announce(self) -> None:
        operations.announce(operations.OperationChanges(congress=True, source=self))

    # actions ----------------------------------------------------------------------------------------------------
    def new_congress(self) -> None:
        self._dialog(None)

    def edit_congress(self) -> None:
        if self.current() is not None:
            self._dialog(self.current())

    def _dialog(self, info: CongressInfo | None) -> None:
        from gui.congress.congress_dialog import CongressDialog

        dialog = CongressDialog(info, self)
        dialog.congress_saved.connect(self._on_dialog_congress_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _result: self._land_focus())
        dialog.open()
        self.dialog = dialog

    def _land_focus(self) -> None:
        """After the dialog: the button that opened it may be gone (the first congress made shows the pages), so
        the focus goes to the list of the check-in page, or the page shown, never nowhere."""
        shown = self.pages.currentWidget() if self.stack.currentIndex() == 1 else self.stack.currentWidget()
        keep_focus_later(shown, self.checkin_page.table if shown is self.checkin_page else None)

    def _on_dialog_congress_saved(self, saved: CongressInfo) -> None:
        self.refresh(saved.id)
        self._announce()

    def open_session(self) -> None:
        info = self.current()
        if dialogs.confirm(
            self, f"Khai mạc {info.title}? Danh sách triệu tập được giữ nguyên từ lúc này.", yes="Khai mạc"
        ):
            self._act(lambda: open_session(info.id))

    def close_congress(self) -> None:
        from models.congress.elections import unfinished_elections

        info = self.current()
        left = "\n".join(f"• {line}" for line in unfinished_elections(info.id))
        text = f"Bế mạc {info.title}? Sau khi bế mạc, đại hội chỉ để xem, không sửa được nữa."
        if left:
            text = f"{text}\n\nLưu ý, các cuộc bầu:\n{left}"
        if dialogs.confirm(self, text, yes="Bế mạc"):
            self._act(lambda: close_congress(info.id))

    def _act(self, operation) -> None:
        """Open or close the congress; the tab is shown afresh and the change announced, whether it was done or
        refused (another client may have got there first)."""
        operations.run(self, operation)
        self.refresh()
        self._announce()

    def focus_search(self) -> bool:
        """Ctrl+F on the check-in page searches the summoned list (True); elsewhere it is the roster's search."""
        if self.stack.currentIndex() == 1 and self.pages.currentWidget() is self.checkin_page:
            self.checkin_page.focus_search()
            return True
        return False

    def shown_congress(self) -> CongressInfo | None:
        """The chosen congress as saved now (tests and the window's status bar)."""
        info = self.current()
        return get_congress(info.id) if info else None
