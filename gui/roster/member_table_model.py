"""The roster table: a model over the roster's rows (RosterRows: a row made when shown) and a fast filtering and
sorting proxy (50,000 rows per keystroke)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractProxyModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, QTimer, Signal

from models.roster.roster import RosterFilter, RosterRow, RosterRows, RosterSearch, insert_position, sort_indices

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

_Index = QModelIndex | QPersistentModelIndex
# The item data roles and the centre alignment as Qt's plain numbers (Qt::ItemDataRole, Qt::AlignCenter; a test
# holds them to PySide's enums): touching PySide's `Qt` builds its ninety-odd enum types, which the roster's first
# paint at start-up does without (the view passes roles as ints; the header's titles come from the members tab).
DISPLAY_ROLE, TOOLTIP_ROLE, TEXT_ALIGNMENT_ROLE = 0, 3, 7
ID_ROLE = 0x0100 + 1  # Qt::UserRole + 1
_CENTER = 0x0004 | 0x0080  # Qt::AlignHCenter | Qt::AlignVCenter
SEARCH_PIECE = 25_000  # rows a search looks at before the view shows what it found (a few milliseconds)
TEXTS_KEPT = 20_000  # rows whose display texts are kept


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    visible_by_default: bool = True
    align_center: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("no", "STT", align_center=True),
    Column("full_name", "Họ và tên"),
    Column("gender", "Giới tính", align_center=True),
    Column("birth_date", "Ngày sinh", align_center=True),
    Column("admission_date", "Ngày vào Đảng", align_center=True),
    Column("kind", "Chính thức/Dự bị", align_center=True),
    Column("status", "Tình trạng"),
    Column("card_number", "Số thẻ", align_center=True),
    Column("job", "Chức vụ, nghề nghiệp"),
    Column("official_date", "Ngày chính thức", visible_by_default=False, align_center=True),
    Column("hometown", "Quê quán", visible_by_default=False),
    Column("ethnicity", "Dân tộc", visible_by_default=False),
    Column("workplace", "Nơi làm việc", visible_by_default=False),
    Column("phone", "Điện thoại", visible_by_default=False),
)
COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}


def _text(row: RosterRow, key: str) -> str:
    if key == "kind":
        return "Chính thức" if row.is_official else "Dự bị"
    if key == "status":
        return row.status_label
    value = getattr(row, key)
    if isinstance(value, date):
        from models.roster.member_rules import fmt  # the rules: not needed before the first rows

        return fmt(value)
    return value or ""


_ROLES = frozenset((DISPLAY_ROLE, ID_ROLE, TEXT_ALIGNMENT_ROLE, TOOLTIP_ROLE))


def row_texts(row: RosterRow) -> tuple[str, ...]:
    """The display text of every column of a row but the STT, in COLUMNS order."""
    return tuple(_text(row, column.key) for column in COLUMNS[1:])


def cell(row: RosterRow, number: int, column: Column, role: int, texts: tuple[str, ...] | None = None):
    """What a cell shows for `role` (one of _ROLES); `number` is its STT (the row shown, counted from 1); `texts`:
    the row's row_texts when known."""
    if role == DISPLAY_ROLE:
        if column.key == "no":
            return str(number)
        return _text(row, column.key) if texts is None else texts[COLUMN_INDEX[column.key] - 1]
    if role == ID_ROLE:
        return row.id
    if role == TEXT_ALIGNMENT_ROLE:
        return _CENTER if column.align_center else None
    return row.status_label if column.key == "status" else None  # the tooltip


class MemberTableModel(QAbstractTableModel):
    """All roster rows as loaded (kept as read: a row is made when it is shown); the proxy decides what is shown and
    in which order."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows = RosterRows()
        self._rows_of_ids: dict[int, int] | None = {}  # member id -> row; None: made when first asked
        self._texts: dict[int, tuple[str, ...]] = {}  # row -> row_texts, of the rows shown so far
        self.current_count = 0  # members belonging to the branch now

    @property
    def rows(self) -> RosterRows:
        return self._rows

    def set_rows(self, rows: RosterRows | list[RosterRow]) -> None:
        self.beginResetModel()
        self._rows = rows if isinstance(rows, RosterRows) else RosterRows.of(rows)
        self._texts = {}
        self._rows_of_ids = None
        self.current_count = sum(self._rows.field("is_current"))
        self.endResetModel()

    @property
    def _row_of(self) -> dict[int, int]:
        """Member id -> row, made the first time it is needed (a selection, a save), not with every load."""
        if self._rows_of_ids is None:
            self._rows_of_ids = dict(zip(self._rows.field("id"), range(len(self._rows)), strict=True))
        return self._rows_of_ids

    def row_of(self, member_id: int) -> int | None:
        return self._row_of.get(member_id)

    def texts(self, row: int) -> tuple[str, ...]:
        """The display texts of a row, made the first time it is shown: a repaint then formats no date again."""
        texts = self._texts.get(row)
        if texts is None:
            if len(self._texts) >= TEXTS_KEPT:
                self._texts.clear()  # memory stays bounded however far the user scrolls
            texts = self._texts[row] = row_texts(self._rows[row])
        return texts

    def add_rows(self, rows: RosterRows) -> None:
        """Rows appended (a chunk of a load under way): one rowsInserted."""
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        if self._rows_of_ids is not None:
            self._rows_of_ids.update(zip(rows.field("id"), range(first, first + len(rows)), strict=True))
        self.current_count += sum(rows.field("is_current"))
        self.endInsertRows()

    def put_row(self, row: RosterRow) -> None:
        """One member added or changed (after a save): dataChanged or rowsInserted for that row only."""
        index = self._row_of.get(row.id)
        if index is None:
            index = len(self._rows)
            self.beginInsertRows(QModelIndex(), index, index)
            self._rows.append(row)
            self._row_of[row.id] = index
            self.current_count += row.is_current
            self.endInsertRows()
            return
        self.current_count += row.is_current - self._rows[index].is_current
        self._rows[index] = row
        self._texts.pop(index, None)
        self.dataChanged.emit(self.index(index, 0), self.index(index, len(COLUMNS) - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = DISPLAY_ROLE):
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        return cell(self._rows[row], row + 1, COLUMNS[index.column()], role, self.texts(row))

    # No headerData: PySide would hand it the header's orientation as a `Qt` enum (see DISPLAY_ROLE); the titles
    # are the members tab's header model (gui.roster.members_tab), COLUMNS' titles.


class MemberFilterProxyModel(QAbstractProxyModel):
    """Filters and sorts with plain Python over precomputed keys, then resets once: no per-row Qt callbacks.

    A long search (the first letters typed over half a million rows) shows its first piece at once and finds the
    others from the event loop, so the keystroke is answered while the rest is found; they are added in one go
    and `filtered` emitted when the result is whole, and `finish()` completes it now. Each row's display texts
    are made once (MemberTableModel.texts), so a repaint formats nothing again."""

    filtered = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._pending: Iterator[list[int]] | None = None  # the pieces of the search under way
        self._later: list[int] = []  # what it found after its first piece, shown when it is whole
        self._criteria = RosterFilter()
        self._sort_column = "full_name"
        self._descending = False
        self._map: list[int] = []
        self._search: RosterSearch | None = None  # every source row in the current sort order
        self._inverse: dict[int, int] | None = None
        self._expected: tuple[list[int], tuple[str, bool]] | None = None  # see expect_order

    # configuration -------------------------------------------------------------------------
    def setSourceModel(self, model: MemberTableModel) -> None:
        old = self.sourceModel()
        if old is not None:
            old.modelReset.disconnect(self._on_source_model_reset)
            old.dataChanged.disconnect(self._on_source_data_changed)
            old.rowsInserted.disconnect(self._on_source_rows_inserted)
        super().setSourceModel(model)
        model.modelReset.connect(self._on_source_model_reset)
        model.dataChanged.connect(self._on_source_data_changed)
        model.rowsInserted.connect(self._on_source_rows_inserted)
        self._on_source_model_reset()

    @property
    def criteria(self) -> RosterFilter:
        return self._criteria

    def set_criteria(self, criteria: RosterFilter) -> None:
        if criteria != self._criteria:
            self._criteria = criteria
            self._rebuild()

    @property
    def sort_column_key(self) -> str:
        return self._sort_column

    @property
    def descending(self) -> bool:
        return self._descending

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        from PySide6.QtCore import Qt  # built already by whoever holds a Qt.SortOrder (see DISPLAY_ROLE)

        key = COLUMNS[column].key if 0 <= column < len(COLUMNS) else "full_name"
        key = "full_name" if key == "no" else key
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort_column, self._descending) and self._holds_every_row():
            return  # in this order already: QTableView.sortByColumn asks twice (once through the header's indicator)
        self._sort_column, self._descending = key, descending
        source = self.sourceModel()
        if self._search is not None and source is not None:  # the rows' search fields stay: only the order changes
            rows = source.rows
            self._search.reorder(sort_indices(rows, list(range(len(rows))), self._sort_column, self._descending))
        self._rebuild()

    def _holds_every_row(self) -> bool:
        source = self.sourceModel()
        return self._search is not None and source is not None and len(self._search.order) == len(source.rows)

    def expect_order(self, order: list[int], sort: tuple[str, bool]) -> None:
        """The sort order, by (column, descending), of all source rows once the coming rows are inserted (or the
        coming reset made), as a worker computed it or the rows came: used instead of sorting on the GUI thread if
        the table is still sorted that way."""
        self._expected = order, sort

    def _expected_order(self, count: int) -> list[int] | None:
        """The order given by expect_order, taken once, if it is of `count` rows in the table's sort order."""
        expected, self._expected = self._expected, None
        if expected is None or expected[1] != (self._sort_column, self._descending) or len(expected[0]) != count:
            return None
        return expected[0]

    def source_row(self, proxy_row: int) -> RosterRow:
        return self.sourceModel().rows[self._map[proxy_row]]

    def shown_ids(self) -> list[int]:
        """The member id of every shown row, in the shown order (no row made)."""
        ids = self.sourceModel().rows.field("id")
        return [ids[source] for source in self._map]

    def proxy_row_of(self, member_id: int) -> int | None:
        """The shown row of a member, or None when the filter hides it."""
        source = self.sourceModel().row_of(member_id)
        if source is None:
            return None
        try:
            return self._map.index(source)
        except ValueError:
            return None

    def _rebuild(self) -> None:
        """Filter in the cached sort order: a search keystroke is one linear pass, never a sort."""
        source = self.sourceModel()
        rows = source.rows if source is not None else []
        if self._search is None:
            order = self._expected_order(len(rows))
            if order is None:
                order = sort_indices(rows, list(range(len(rows))), self._sort_column, self._descending)
            self._search = RosterSearch(rows, order)
        pieces = self._search.pieces(self._criteria, SEARCH_PIECE)
        self.beginResetModel()
        self._map, self._later = next(pieces), []
        self._inverse = None
        self.endResetModel()
        self._pending = pieces
        if len(rows) > SEARCH_PIECE:
            self._schedule(pieces)
        else:
            self.finish()

    def _schedule(self, pieces: Iterator[list[int]]) -> None:
        QTimer.singleShot(0, self, lambda: self._next_piece(pieces))

    def _next_piece(self, pieces: Iterator[list[int]]) -> None:
        """The next piece of the search under way, kept aside; when the search is whole, every row found after
        the first piece is added at once: the view lays out and repaints once more, not once per piece."""
        if self._pending is not pieces:  # a newer search (or sort, or load) took over
            return
        piece = next(pieces, None)
        if piece is not None:
            self._later += piece
            self._schedule(pieces)
            return
        self._pending = None
        later, self._later = self._later, []
        if later:
            first = len(self._map)
            self.beginInsertRows(QModelIndex(), first, first + len(later) - 1)
            self._map += later  # the first piece of a search in pieces is its own list, never a kept result
            self._inverse = None
            self.endInsertRows()
        self.filtered.emit()

    def finish(self) -> None:
        """The search under way completed now (statistics and exports read every shown row)."""
        while self._pending is not None:
            self._next_piece(self._pending)

    def _on_source_model_reset(self) -> None:
        self._search = None
        self._rebuild()

    def _on_source_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()) -> None:
        """Rows changed in place: each is re-placed in the sort order by a binary search; when none moves or
        enters or leaves the filter, only those rows repaint (no reset, the selection and scroll stay)."""
        if self._search is None:
            return
        rows, reset = self.sourceModel().rows, False
        for source in range(top_left.row(), bottom_right.row() + 1):
            try:
                shown_at = self._map.index(source)
            except ValueError:
                shown_at = None
            old = self._search.unplace(source)
            new = insert_position(rows, self._search.order, source, self._sort_column, self._descending)
            self._search.place(source, new)
            shown = self._search.matches(source, self._criteria)
            if new != old or shown != (shown_at is not None):
                reset = True
            elif shown_at is not None:
                self.dataChanged.emit(self.index(shown_at, 0), self.index(shown_at, len(COLUMNS) - 1))
        if reset:
            self._rebuild()

    def _on_source_rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        if self._search is None:
            return
        rows, search = self.sourceModel().rows, self._search
        expected = self._expected_order(len(rows))
        if expected is not None:
            if self._pending is None and self._appends(expected, first, last):
                return
            search.reorder(expected)
        elif last - first < 64:
            for source in range(first, last + 1):
                search.place(source, insert_position(rows, search.order, source, self._sort_column, self._descending))
        else:  # a chunk of a load: the sorted order so far and the new rows are two runs that sorting merges
            search.reorder(
                sort_indices(rows, search.order + list(range(first, last + 1)), self._sort_column, self._descending)
            )
        self._rebuild()

    def _appends(self, order: list[int], first: int, last: int) -> bool:
        """When the new rows sort after all others (a server's roster arriving in this order), shown rows are
        only added below: no reset, no look at the rows before (returns False when that is not the case)."""
        known = len(self._search.order)
        if order[known:] != list(range(first, last + 1)) or order[:known] != self._search.order:
            return False
        added = self._search.append(order[known:], self._criteria)
        if added is None:
            self._search.reorder(order)
            self._rebuild()
        elif added:
            end = len(self._map)
            self.beginInsertRows(QModelIndex(), end, end + len(added) - 1)
            self._map += added
            self._inverse = None
            self.endInsertRows()
        return True

    # QAbstractProxyModel -------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._map)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._map)) or not (0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        return QModelIndex()

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid()

    def mapToSource(self, proxy_index: _Index) -> QModelIndex:
        if not proxy_index.isValid() or proxy_index.row() >= len(self._map):
            return QModelIndex()
        return self.sourceModel().index(self._map[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: _Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        if self._inverse is None:
            self._inverse = {source: proxy for proxy, source in enumerate(self._map)}
        proxy_row = self._inverse.get(source_index.row())
        return QModelIndex() if proxy_row is None else self.createIndex(proxy_row, source_index.column())

    def data(self, index: _Index, role: int = DISPLAY_ROLE):
        # Straight to the row, no source index: a repaint asks this some 2,000 times (cells × roles).
        if role not in _ROLES or not index.isValid():
            return None
        shown = index.row()
        source = self._map[shown]
        model = self.sourceModel()
        return cell(model.rows[source], shown + 1, COLUMNS[index.column()], role, model.texts(source))

    # No headerData nor flags (see DISPLAY_ROLE): Qt's own, through the source's, give a valid cell enabled and
    # selectable (and childless) and an invalid one no flags.
