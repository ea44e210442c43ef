"""After one member or event is saved, the roster tab updates that one row: no reload of every member."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QSettings

import models.roster.members as members_module
import models.roster.roster_pages as pages_module
from gui.roster.members_tab import MembersTab
from models.roster.members import get_member, save_member
from tests.support.people import all_people, member
from tests.support.roster_tab import shown_names


@pytest.fixture
def tab(qtbot, data_file, tmp_path, monkeypatch):
    for record in all_people():
        save_member(record)
    widget = MembersTab(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(widget)
    widget.refresh()
    widget.show()
    loads = []  # calls of the functions that read every member (spies)
    for module, name in (
        (members_module, "all_members"),
        (members_module, "member_chunks"),
        (pages_module, "roster_pages"),
    ):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _real=real, _name=name: loads.append(_name) or _real(*a))
    widget.full_loads = loads
    return widget


def test_the_spies_see_a_full_load(tab):
    tab.refresh()
    assert tab.full_loads == ["roster_pages"]  # rows only, in pages: the records are read when asked for
    tab.records  # noqa: B018
    assert tab.full_loads == ["roster_pages", "all_members", "member_chunks"]


def _fresh_names(qtbot, tmp_path) -> list[str]:
    fresh = MembersTab(QSettings(str(tmp_path / "f.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(fresh)
    fresh.refresh()
    return shown_names(fresh)


def _saved_from_dialog(tab: MembersTab, record) -> int:
    """What the member dialog does: save, then emit member_saved(id) to the tab."""
    saved = save_member(record).member.id
    tab.edit_selected() if tab.selected_member_id() == saved else tab.add_member()
    tab.member_dialog.member_saved.emit(saved)
    tab.member_dialog.close()
    return saved


def test_editing_one_member_repaints_its_row_only(tab, qtbot):
    target = next(m for m in get_member_list(tab) if m.full_name == "Lê Văn Cường")
    assert tab.select_member(target.id)
    resets = []
    changed = []
    tab.proxy.modelReset.connect(lambda: resets.append(1))
    tab.proxy.dataChanged.connect(lambda top, bottom, *_: changed.append((top.row(), bottom.row())))
    row_before = tab.proxy.proxy_row_of(target.id)
    _saved_from_dialog(tab, replace(get_member(target.id), job_title="Phó Chánh Văn phòng"))
    assert tab.full_loads == []  # the full load was not called
    assert resets == [] and changed == [(row_before, row_before)]
    assert tab.proxy.source_row(row_before).job.startswith("Phó Chánh Văn phòng")
    assert tab.selected_member_id() == target.id


def test_renaming_moves_the_row_as_a_full_reload_would_order_it(tab, qtbot, tmp_path):
    target = next(m for m in get_member_list(tab) if m.full_name == "Nguyễn Văn An")
    tab.select_member(target.id)
    _saved_from_dialog(tab, replace(get_member(target.id), full_name="Nguyễn Văn Yên"))
    assert tab.full_loads == []
    assert shown_names(tab) == _fresh_names(qtbot, tmp_path)
    assert tab.proxy.source_row(tab.proxy.proxy_row_of(target.id)).full_name == "Nguyễn Văn Yên"
    assert tab.selected_member_id() == target.id


def test_a_new_member_gets_a_row_and_the_count_follows(tab, qtbot, tmp_path):
    shown = tab.proxy.rowCount()
    new_id = _saved_from_dialog(tab, member(0, full_name="Trịnh Văn Mới", card_number="99999999"))
    assert tab.full_loads == []
    assert tab.proxy.rowCount() == shown + 1
    assert shown_names(tab) == _fresh_names(qtbot, tmp_path)
    assert tab.selected_member_id() == new_id
    assert f"Đang hiển thị {shown + 1}" in tab.count_label.text()


def test_an_edit_that_hides_the_member_from_the_filter_removes_its_row(tab):
    tab.kind_combo.setCurrentIndex(tab.kind_combo.findData("probationary"))
    target = tab.proxy.source_row(0)
    shown = tab.proxy.rowCount()
    record = get_member(target.id)
    _saved_from_dialog(
        tab, replace(record, official_date=replace(record).admission_date.replace(year=record.admission_date.year + 1))
    )
    assert tab.full_loads == []
    assert tab.proxy.rowCount() == shown - 1 and tab.proxy.proxy_row_of(target.id) is None


def get_member_list(tab: MembersTab):
    return [tab.record(row.id) for row in tab.model.rows]  # one by one: no full read for the spies to see
