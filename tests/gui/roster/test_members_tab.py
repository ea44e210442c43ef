"""The roster tab on real widgets: order, search without diacritics, filters, columns, selection."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from gui.roster.member_table_model import COLUMN_INDEX
from gui.roster.members_tab import MembersTab
from models.roster.members import save_member
from tests.support.keys import type_text
from tests.support.people import all_people


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def tab(qtbot, data_file, settings):
    for record in all_people():
        save_member(record)
    widget = MembersTab(settings)
    qtbot.addWidget(widget)
    widget.refresh()
    widget.show()
    return widget


def shown_names(tab: MembersTab) -> list[str]:
    column = COLUMN_INDEX["full_name"]
    return [tab.proxy.index(r, column).data() for r in range(tab.proxy.rowCount())]


def test_default_order_is_vietnamese_by_given_name(tab):
    names = shown_names(tab)
    assert names[:6] == [
        "Nguyễn Văn An",
        "Vũ Đình Anh",
        "Hoàng Thị Ánh",  # same letters as "Anh": the tone decides before the family name
        "Ngô Quang Ăn",
        "Bùi Thị Ân",
        "Trần Thị Bình",
    ]
    assert names.index("Phạm Thị Dung") < names.index("Dương Văn Dũng") < names.index("Đỗ Minh Đức")
    assert tab.proxy.index(0, COLUMN_INDEX["no"]).data() == "1"


def test_search_ignores_diacritics_and_case(tab, qtbot):
    qtbot.keyClicks(tab.search_edit, "NGUYEN van an")
    assert shown_names(tab) == ["Nguyễn Văn An"]
    assert "Đang hiển thị 1" in tab.count_label.text()
    tab.search_edit.clear()
    type_text(tab.search_edit, "đuc")
    assert shown_names(tab) == ["Đỗ Minh Đức"]


def test_filters_kind_and_gender(tab):
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("probationary"))
    assert sorted(shown_names(tab)) == sorted(["Hoàng Thị Ánh", "Đặng Thu Hà"])
    tab.gender_combo.setCurrentIndex(tab.gender_combo.findData("Nam"))
    assert shown_names(tab) == []
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("all"))
    assert all(tab.proxy.index(r, COLUMN_INDEX["gender"]).data() == "Nam" for r in range(tab.proxy.rowCount()))
    assert tab.proxy.rowCount() == 6


def test_sort_by_birth_date_descending(tab):
    search = tab.proxy._search
    tab.search_edit.setText("th")
    tab.table.sortByColumn(COLUMN_INDEX["birth_date"], Qt.SortOrder.DescendingOrder)
    tab.proxy.finish()
    narrowed = shown_names(tab)
    tab.search_edit.setText("")
    tab.proxy.finish()
    everyone = shown_names(tab)
    assert everyone[0] == "Đặng Thu Hà"
    assert everyone[-1] == "Ngô Quang Ăn"
    texts = {row.full_name: row.search_text for row in tab.model.rows}
    assert narrowed == [name for name in everyone if "th" in texts[name]] and narrowed
    assert tab.proxy._search is search  # a sort reorders the rows' search fields, never reads them again


def test_column_choice_is_remembered(tab, qtbot, settings):
    tab.set_column_visible(COLUMN_INDEX["card_number"], False)
    tab.set_column_visible(COLUMN_INDEX["hometown"], True)
    again = MembersTab(settings)
    qtbot.addWidget(again)
    assert "card_number" not in again.visible_columns()
    assert "hometown" in again.visible_columns()


def test_selection_survives_refresh_and_keyboard_navigation(tab, qtbot):
    tab.focus_search()
    qtbot.keyClicks(tab.search_edit, "binh")
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Down)
    assert tab.table.hasFocus() and tab.selected_member_id() is not None
    selected = tab.selected_member_id()
    assert selected is not None
    tab.search_edit.clear()
    tab.refresh()
    assert tab.selected_member_id() == selected
    assert tab.edit_button.isEnabled()


def test_proxy_passes_qt_model_tester(tab, qtmodeltester):
    qtmodeltester.check(tab.proxy)
    qtmodeltester.check(tab.model)


def test_a_long_search_shows_its_first_piece_then_the_rest(tab, qtbot, monkeypatch):
    import gui.roster.member_table_model as table_model
    from models.roster.roster import RosterFilter, filter_rows

    monkeypatch.setattr(table_model, "SEARCH_PIECE", 2)  # as 25,000 of half a million rows
    rows = tab.model.rows
    wanted = [rows[i].id for i in filter_rows(rows, RosterFilter(text="n"), tab.proxy._search.order)]
    last = wanted[-1]
    assert tab.select_member(last)
    tab.search_edit.setText("")
    with qtbot.waitSignal(tab.proxy.filtered, timeout=5000):
        tab.search_edit.setText("n")
        assert tab.proxy.rowCount() < len(wanted)  # answered at once with the top of the result
    assert [tab.proxy.source_row(r).id for r in range(tab.proxy.rowCount())] == wanted
    assert tab.selected_member_id() == last  # found again once its piece came
    assert str(len(wanted)) in tab.count_label.text()
    tab.search_edit.setText("a")
    shown = tab.shown_records()  # statistics and exports complete the search first
    order = tab.proxy._search.order
    assert [m.id for m in shown] == [rows[i].id for i in filter_rows(rows, RosterFilter(text="a"), order)]


def test_the_shown_members_are_listed_without_making_their_rows(tab, monkeypatch):
    """Statistics and exports of what the table shows take the members' ids, not a row tuple made for each of
    half a million members."""
    from models.roster.roster import RosterFilter, RosterRows, filter_rows

    rows = tab.model.rows
    tab.search_edit.setText("a")
    tab.proxy.finish()
    ids = rows.field("id")
    wanted = [ids[i] for i in filter_rows(rows, RosterFilter(text="a"), tab.proxy._search.order)]
    rows._made.clear()  # the rows painted so far are kept made: none is, now

    def made(self, index):
        raise AssertionError(f"row {index} made")

    with monkeypatch.context() as patched:  # undone before the table paints again
        patched.setattr(RosterRows, "_row", made)
        assert tab.proxy.shown_ids() == wanted and [m.id for m in tab.shown_records()] == wanted


def test_a_long_search_adds_its_later_pieces_at_once(tab, qtbot, monkeypatch):
    import gui.roster.member_table_model as table_model

    monkeypatch.setattr(table_model, "SEARCH_PIECE", 2)
    inserts, resets = [], []
    tab.proxy.rowsInserted.connect(lambda *_: inserts.append(1))
    tab.proxy.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(tab.proxy.filtered, timeout=5000):
        tab.search_edit.setText("n")
    assert tab.proxy.rowCount() > 2 and resets == [1] and inserts == [1]  # one layout for the first piece, one after


def test_a_repaint_formats_no_text_again(tab, monkeypatch):
    import gui.roster.member_table_model as table_model

    real, made = table_model._text, []
    monkeypatch.setattr(table_model, "_text", lambda row, key: made.append(key) or real(row, key))
    tab.show()
    tab.model.set_rows(list(tab.model.rows))  # as after a load: nothing made yet
    tab.table.viewport().repaint()
    first = len(made)
    assert first > 0
    tab.table.viewport().repaint()
    tab.table.viewport().repaint()
    assert len(made) == first  # the texts of the rows shown were kept
    top = tab.proxy.source_row(0)
    assert tab.proxy.data(tab.proxy.index(0, table_model.COLUMN_INDEX["birth_date"])) == real(top, "birth_date")


def test_a_column_is_sorted_once_per_request_and_not_again_in_the_same_order(tab, monkeypatch):
    """QTableView.sortByColumn asks the model twice (itself and through the header's indicator): half a million
    rows are sorted once; asking again for the order shown sorts nothing; a new row still gets sorted in."""
    import gui.roster.member_table_model as table_model

    sorts = []
    real = table_model.sort_indices
    monkeypatch.setattr(table_model, "sort_indices", lambda *args: sorts.append(args[2]) or real(*args))
    tab.table.sortByColumn(COLUMN_INDEX["birth_date"], Qt.SortOrder.DescendingOrder)
    assert sorts == ["birth_date"]
    tab.table.sortByColumn(COLUMN_INDEX["birth_date"], Qt.SortOrder.DescendingOrder)
    tab.table.sortByColumn(COLUMN_INDEX["birth_date"], Qt.SortOrder.AscendingOrder)
    assert sorts == ["birth_date", "birth_date"] and shown_names(tab)[0] == "Ngô Quang Ăn"
    tab.refresh()  # the rows read again: sorted in the order shown
    assert sorts[2:] == ["birth_date"] and shown_names(tab)[0] == "Ngô Quang Ăn"


def test_the_roles_and_the_alignment_as_plain_numbers_are_qts():
    """The roster's models compare roles as Qt's numbers, without touching PySide's `Qt` (its first use builds
    ninety-odd enum types): the numbers are Qt's own."""
    from gui.roster import member_table_model as table

    numbers = (table.DISPLAY_ROLE, table.TOOLTIP_ROLE, table.TEXT_ALIGNMENT_ROLE, table.ID_ROLE, table._CENTER)
    assert numbers == (
        Qt.ItemDataRole.DisplayRole.value,
        Qt.ItemDataRole.ToolTipRole.value,
        Qt.ItemDataRole.TextAlignmentRole.value,
        Qt.ItemDataRole.UserRole.value + 1,
        Qt.AlignmentFlag.AlignCenter.value,
    )


def test_the_header_shows_every_title_and_each_cell_is_enabled_and_selectable(tab):
    from gui.roster.member_table_model import COLUMNS

    header = tab.table.horizontalHeader()
    titles = [header.model().headerData(i, Qt.Orientation.Horizontal) for i in range(header.count())]
    assert titles == [column.title for column in COLUMNS]
    index = tab.proxy.index(0, COLUMN_INDEX["full_name"])
    assert index.flags() & Qt.ItemFlag.ItemIsEnabled and index.flags() & Qt.ItemFlag.ItemIsSelectable
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert tab.proxy.flags(tab.proxy.index(-1, 0)) == Qt.ItemFlag.NoItemFlags
    assert tab.proxy.index(0, COLUMN_INDEX["birth_date"]).data(Qt.ItemDataRole.TextAlignmentRole) == (
        Qt.AlignmentFlag.AlignCenter.value
    )


def test_a_tab_finished_later_sorts_and_offers_its_header_menu_only_then(qtbot, data_file, settings):
    for record in all_people():
        save_member(record)
    tab = MembersTab(settings, finish_later=True)
    qtbot.addWidget(tab)
    tab.refresh()
    header = tab.table.horizontalHeader()
    assert not tab.table.isSortingEnabled()
    assert header.contextMenuPolicy() != Qt.ContextMenuPolicy.CustomContextMenu
    assert shown_names(tab)[:2] == ["Nguyễn Văn An", "Vũ Đình Anh"]  # in A-B-C order already
    tab.finish_setup()
    assert tab.table.isSortingEnabled()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        COLUMN_INDEX["full_name"],
        Qt.SortOrder.AscendingOrder,
    )
    assert header.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    assert shown_names(tab)[:2] == ["Nguyễn Văn An", "Vũ Đình Anh"]
    tab.show()
    qtbot.waitExposed(tab)
    name = COLUMN_INDEX["full_name"]
    at = QPoint(header.sectionViewportPosition(name) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)  # the header sorts when clicked
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert shown_names(tab)[-1] == "Nguyễn Văn An"
