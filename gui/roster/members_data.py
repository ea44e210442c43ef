"""How the members tab gets its rows: everything now, everything on a worker thread, or one member after a save.

A mixin of gui.roster.members_tab.MembersTab, which owns the widgets and models named here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.core.numerals import thousands

if TYPE_CHECKING:
    from gui.roster.roster_loader import RosterLoader
    from models.roster.records import MemberRecord
    from models.roster.roster import RosterRows

LIST_PAGE, STATISTICS_PAGE, REMINDERS_PAGE = range(3)  # the tab's views


class MembersData:
    """Loading for MembersTab: refresh() now, load() on a worker thread, update_member() after one save.

    Only the rows come (models.roster.roster_pages; half a million records would not fit twice), and the member
    records (statistics, reminders, exports read them) are read the first time they are asked for (`records`),
    once the load is over; a database where some member lacks its sort key is read with its records instead."""

    _by_id: dict[int, MemberRecord] | None  # None: not read yet

    @property
    def records(self) -> list[MemberRecord]:
        """Every member of the branch with events, in the order read; read now if the load did not bring them."""
        if self._by_id is None:
            if self.is_loading():
                return []  # read once the load is over (the views waiting for them are marked stale then)
            from models.roster.members import all_members

            self._by_id = {m.id: m for m in all_members()}
        return list(self._by_id.values())

    def record(self, member_id: int) -> MemberRecord:
        """One member's record (read alone if the load did not bring the records)."""
        if self._by_id is None:
            from models.roster.members import get_member

            return get_member(member_id)
        return self._by_id[member_id]

    def refresh(self) -> None:
        """Reload every member from the data file now, keeping the selection; from a server on a worker thread
        (`load`), as half a million members take a while. Both read rows only, in pages (the records are read
        when asked for), unless some member lacks its sort key."""
        from models.core import clock
        from models.roster.members import all_members
        from models.roster.roster import RosterRows, roster_rows
        from models.roster.roster_pages import building_roster, is_server, loads_in_pages, roster_pages

        paged = loads_in_pages()
        if paged and is_server():
            self.load()
            return
        self.cancel_loading()
        selected = self.selected_member_id()
        with building_roster():
            if paged:
                self._by_id = None
                rows = RosterRows()
                for page in roster_pages(clock.today()):
                    rows += page
            else:
                records = all_members()
                self._by_id = {m.id: m for m in records}
                rows = roster_rows(records, clock.today())
        if paged:
            self.proxy.expect_order(list(range(len(rows))), ("full_name", False))  # the pages' order
        self.model.set_rows(rows)
        self._loaded(selected)
        self.load_progress.emit(len(rows), len(rows))  # loaded, as a worker's load ends (the leadership line follows)

    def load(self, started: RosterLoader | None = None) -> None:
        """Reload every member on a worker thread: the first rows show at once, the table stays usable, and
        `load_progress` tells how far it is. `started`: a held loader started before this tab was built (start-up),
        taken over if it sorts as the table does (else cancelled and a new one started)."""
        from gui.roster.roster_loader import RosterLoader

        self.cancel_loading()
        self._reselect = self.selected_member_id()
        self._saved_while_loading: set[int] = set()  # by update_member: their rows are in the table already
        self._by_id = {}
        self.show_loading()
        sort = self.proxy.sort_column_key, self.proxy.descending
        if started is not None and started.sort != sort:
            started.cancel()
            started.deleteLater()
            started = None
        loader = self._loader = started or RosterLoader(*sort, self)
        loader.setParent(self)

        def mine(slot):
            # A chunk already queued when its load was cancelled (closing, another file) arrives all the same:
            # only the load under way may touch the table.
            return lambda *args: slot(*args) if loader is self._loader else None

        self._loader_slots = (mine(self._on_loader_loaded), mine(self._on_loader_done), mine(self._on_loader_failed))
        loader.loaded.connect(self._loader_slots[0])
        loader.done.connect(self._loader_slots[1])
        loader.failed.connect(self._loader_slots[2])
        if started is None:
            loader.start()
        else:
            loader.release()
        # The old rows go before the new ones come (their first page is handed over from the event loop, after
        # this): one roster in memory. Freed here while the worker waits for the server's first answer.
        self.model.set_rows([])

    def cancel_loading(self) -> None:
        """Stop a load under way (closing the window, another data file)."""
        if self._loader is not None:
            loaded, done, failed = self._loader_slots
            self._loader.loaded.disconnect(loaded)
            self._loader.done.disconnect(done)
            self._loader.failed.disconnect(failed)
            self._loader.cancel()
            self._loader.deleteLater()
            self._loader = None

    def is_loading(self) -> bool:
        return self._loader is not None

    def _on_loader_loaded(self, records: list[MemberRecord] | None, rows, total: int, order: list[int]) -> None:
        selected, scrolled = self.selected_member_id(), self.table.verticalScrollBar().value()
        first = self.model.rowCount() == 0
        saved = self._saved_while_loading
        ids = rows.field("id") if saved else ()
        if saved and not saved.isdisjoint(ids):  # saved meanwhile: the saved row stays
            kept = [i for i, member_id in enumerate(ids) if member_id not in saved]
            rows = rows.select(kept)
            records = None if records is None else [records[i] for i in kept]
        else:
            self.proxy.expect_order(order, self._loader.sort)
        if records is None:
            self._by_id = None  # read when asked for, once the load is over
        elif self._by_id is not None:
            self._by_id.update((m.id, m) for m in records)
        self.model.add_rows(rows)
        if selected is None or not self.select_member(selected):
            self.table.verticalScrollBar().setValue(scrolled)
        if first:
            self._fill_status_combo(self.model.rows)
        loaded = self.model.rowCount()
        if loaded < total:
            self.count_label.setText(f"Đang tải danh sách: {thousands(loaded)}/{thousands(total)} đảng viên…")
            self.load_progress.emit(loaded, total)

    def _on_loader_done(self, complete: bool) -> None:
        self._loader.deleteLater()
        self._loader = None
        self._loaded(self.selected_member_id() or self._reselect)
        self.load_progress.emit(self.model.rowCount(), self.model.rowCount())

    def _on_loader_failed(self, error: Exception) -> None:
        from gui.core import dialogs
        from models.core.errors import DomainError

        detail = error.message if isinstance(error, DomainError) else "Hãy đóng ChiBo rồi mở lại tệp dữ liệu."
        dialogs.show_error(self, "Không đọc được hết danh sách đảng viên từ tệp dữ liệu.", detail)

    def _loaded(self, selected: int | None) -> None:
        self._fill_status_combo(self.model.rows)
        if selected is not None:
            self.select_member(selected)
        self._update_count()
        self._update_buttons()
        self._stale = {STATISTICS_PAGE: True, REMINDERS_PAGE: True}
        self._update_current_view()

    def _fill_status_combo(self, rows: RosterRows) -> None:
        current = self.status_combo.currentData()
        labels = sorted((label, code) for code, label in rows.status_labels().items())
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        self.status_combo.addItem("Mọi tình trạng", "")
        for label, code in labels:
            self.status_combo.addItem(label, code)
        index = self.status_combo.findData(current)
        self.status_combo.setCurrentIndex(max(index, 0))
        self.status_combo.blockSignals(False)

    def update_member(self, member_id: int) -> None:
        """After one member was saved: read that member again and update (or add) its row only."""
        from models.core import clock
        from models.roster.members import get_member
        from models.roster.roster import roster_row

        record = get_member(member_id)
        if self.is_loading():
            self._saved_while_loading.add(member_id)
        if self._by_id is not None:
            self._by_id[member_id] = record  # in place when known, else last, as the row
        row = roster_row(record, clock.today())
        self.model.put_row(row)
        if self.status_combo.findData(row.status_code) < 0:
            self._fill_status_combo(self.model.rows)
        self._update_count()
        self._stale = {STATISTICS_PAGE: True, REMINDERS_PAGE: True}
        self._update_current_view()
