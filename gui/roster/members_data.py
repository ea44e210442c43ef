"""How the members tab gets its rows: everything now, everything on a worker thread, or one member after a save.

A mixin of gui.roster.members_tab.MembersTab, which owns the widgets and models named here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.roster.records import MemberRecord

LIST_PAGE, STATISTICS_PAGE, REMINDERS_PAGE = range(3)  # the tab's views


class MembersData:
    """Loading for MembersTab: refresh() now, load() on a worker thread, update_member() after one save."""

    def refresh(self) -> None:
        """Reload every member from the data file now, keeping the selection."""
        from models.core import clock
        from models.roster.members import all_members
        from models.roster.roster import roster_rows

        self.cancel_loading()
        selected = self.selected_member_id()
        self.records = all_members()
        self._by_id = {m.id: m for m in self.records}
        self.model.set_rows(roster_rows(self.records, clock.today()))
        self._loaded(selected)

    def load(self) -> None:
        """Reload every member on a worker thread: the first rows show at once, the table stays usable, and
        `load_progress` tells how far it is."""
        from gui.roster.roster_loader import RosterLoader

        self.cancel_loading()
        self._reselect = self.selected_member_id()
        self.records, self._by_id = [], {}
        self.model.set_rows([])
        self.show_loading()
        loader = self._loader = RosterLoader(self.proxy.sort_column_key, self.proxy.descending, self)

        def mine(slot):
            # A chunk already queued when its load was cancelled (closing, another file) arrives all the same:
            # only the load under way may touch the table.
            return lambda *args: slot(*args) if loader is self._loader else None

        self._loader_slots = (mine(self._on_loader_loaded), mine(self._on_loader_done), mine(self._on_loader_failed))
        loader.loaded.connect(self._loader_slots[0])
        loader.done.connect(self._loader_slots[1])
        loader.failed.connect(self._loader_slots[2])
        loader.start()

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

    def _on_loader_loaded(self, records: list[MemberRecord], rows, total: int, order: list[int]) -> None:
        selected, scrolled = self.selected_member_id(), self.table.verticalScrollBar().value()
        if any(m.id in self._by_id for m in records):  # saved meanwhile (update_member): the saved row stays
            kept = [i for i, m in enumerate(records) if m.id not in self._by_id]
            records, rows = [records[i] for i in kept], [rows[i] for i in kept]
        else:
            self.proxy.expect_order(order, self._loader.sort)
        self.records.extend(records)
        self._by_id.update((m.id, m) for m in records)
        self.model.add_rows(rows)
        if selected is None or not self.select_member(selected):
            self.table.verticalScrollBar().setValue(scrolled)
        if len(self.records) == len(rows):  # the first chunk
            self._fill_status_combo(self.model.rows)
        if len(self.records) < total:
            self.count_label.setText(f"Đang tải danh sách: {len(self.records)}/{total} đảng viên…")
            self.load_progress.emit(len(self.records), total)

    def _on_loader_done(self, complete: bool) -> None:
        self._loader.deleteLater()
        self._loader = None
        self._loaded(self.selected_member_id() or self._reselect)
        self.load_progress.emit(len(self.records), len(self.records))

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

    def _fill_status_combo(self, rows) -> None:
        current = self.status_combo.currentData()
        labels = sorted({(r.status_label, r.status_code) for r in rows})
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
        source = self.model.row_of(member_id)
        if source is None:
            self.records.append(record)
        else:
            self.records[source] = record
        self._by_id[member_id] = record
        row = roster_row(record, clock.today())
        self.model.put_row(row)
        if self.status_combo.findData(row.status_code) < 0:
            self._fill_status_combo(self.model.rows)
        self._update_count()
        self._stale = {STATISTICS_PAGE: True, REMINDERS_PAGE: True}
        self._update_current_view()
