"""The operation seam (gui.core.operations): a refusal shown, the success callback, the change announced and
received by the other tab, a background operation's failure shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from gui.core import operations
from gui.core.operations import OperationChanges
from models.core.errors import ConflictError, ValidationError

_parents = []


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    _parents.append(widget)  # a background task lives as long as its parent widget
    return widget


@pytest.fixture
def announced():
    """What the seam announced during the test."""
    heard: list = []
    operations.announcer().changed.connect(heard.append)
    yield heard
    operations.announcer().changed.disconnect(heard.append)


def _refuse():
    raise ConflictError("Lần bầu đã khóa kết quả: không nhập thêm phiếu được.")


def test_a_refusal_is_shown_and_nothing_else_runs(parent, answers, qtbot, announced):
    succeeded = []
    ok = operations.run(parent, _refuse, succeeded.append, changes=OperationChanges(round=True))
    assert ok is False
    assert answers["error"] == [("Lần bầu đã khóa kết quả: không nhập thêm phiếu được.", "")]
    assert succeeded == []
    assert announced == []


def test_a_refusal_under_a_heading_or_as_a_notice(parent, answers):
    operations.run(parent, _refuse, heading="Chưa lưu được.")
    operations.run(parent, _refuse, notice=True)
    assert answers["error"] == [("Chưa lưu được.", "Lần bầu đã khóa kết quả: không nhập thêm phiếu được.")]
    assert answers["info"] == [("Lần bầu đã khóa kết quả: không nhập thêm phiếu được.", "")]


def test_on_failure_replaces_the_default_display(parent, answers):
    seen = []
    operations.run(
        parent, lambda: (_ for _ in ()).throw(ValidationError("Thiếu họ tên.", "full_name")), on_failure=seen.append
    )
    assert [(e.message, e.field) for e in seen] == [("Thiếu họ tên.", "full_name")]
    assert answers["error"] == []


def test_an_unexpected_error_is_not_swallowed_as_a_refusal(parent, answers):
    with pytest.raises(ZeroDivisionError):
        operations.run(parent, lambda: 1 / 0)
    assert answers["error"] == []


def test_success_calls_back_with_the_result_then_announces(parent, answers, announced):
    order = []
    changes = OperationChanges(members=True, member_ids=(7,), source=parent)
    ok = operations.run(parent, lambda: 42, lambda result: order.append((result, list(announced))), changes=changes)
    assert ok is True
    assert order == [(42, [])]  # the callback ran before the announcement
    assert announced == [changes]
    assert answers["error"] == []


def test_result_of_gives_the_result_or_refused_after_showing_the_refusal(parent, answers):
    assert operations.result_of(parent, lambda: ("biên bản", 3)) == ("biên bản", 3)
    assert answers["error"] == []
    assert operations.result_of(parent, _refuse, heading="Chưa nhập được.") is operations.REFUSED
    assert answers["error"] == [("Chưa nhập được.", "Lần bầu đã khóa kết quả: không nhập thêm phiếu được.")]


def test_nothing_is_announced_when_nothing_changed(parent, announced):
    operations.run(parent, lambda: None, changes=OperationChanges())
    assert announced == []


def test_a_background_operation_reports_its_result_and_announces(parent, qtbot, announced):
    results = []
    task = operations.run_in_background(
        parent,
        "Thử",
        "Đang làm…",
        lambda progress: 5,
        results.append,
        changes=OperationChanges(ratings=True),
        show_after_ms=0,
    )
    qtbot.waitUntil(lambda: results == [5], timeout=5000)
    assert announced == [OperationChanges(ratings=True)]
    assert task is not None


def test_a_background_operations_failure_is_shown_and_not_announced(parent, qtbot, answers, announced):

    def job(progress):
        raise ValidationError("Dòng 7, cột «Ngày sinh»: ngày 31/02/1980 không có thật.", "birth_date")

    task = operations.run_in_background(
        parent,
        "Thử",
        "Đang làm…",
        job,
        changes=OperationChanges(members=True),
        failure_text="Chưa nhập được danh sách.",
        show_after_ms=0,
    )
    with qtbot.waitSignal(task.failed, timeout=5000):
        pass
    assert answers["error"] == [
        ("Chưa nhập được danh sách.", "Dòng 7, cột «Ngày sinh»: ngày 31/02/1980 không có thật.")
    ]
    assert announced == []


def test_a_change_announced_by_one_tab_refreshes_the_other(qtbot, data_file, tmp_path, monkeypatch):
    from gui.main_window import MainWindow
    from models.core.branch import BranchInfo, save_branch

    save_branch(BranchInfo("Chi bộ Văn phòng Sở", "ĐẢNG BỘ SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Hà Nội", "CB"))
    window = MainWindow(data_file, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.ballots_tab is not None and window.congress_tab is not None, timeout=10000)
    refreshed = []
    monkeypatch.setattr(window.congress_tab, "refresh", lambda *a: refreshed.append("congress"))
    monkeypatch.setattr(window.ballots_tab, "refresh", lambda *a: refreshed.append("ballots"))
    monkeypatch.setattr(window.members_tab, "refresh", lambda *a: refreshed.append("members"))
    operations.run(window.ballots_tab, lambda: None, changes=OperationChanges(round=True, source=window.ballots_tab))
    assert refreshed == ["congress"]
    refreshed.clear()
    operations.run(
        window.congress_tab, lambda: None, changes=OperationChanges(congress=True, source=window.congress_tab)
    )
    assert refreshed == ["ballots"]
    refreshed.clear()
    operations.announce(OperationChanges(members=True))  # an import or a transfer, made outside the roster tab
    assert refreshed == ["members"]
    assert window.statusBar().currentMessage() == "Đã lưu thay đổi của danh sách đảng viên."
    refreshed.clear()
    operations.announce(OperationChanges(members=True, member_ids=(3,), source=window.members_tab))
    assert refreshed == []  # the roster tab showed its own write already
    refreshed.clear()
    operations.announce(OperationChanges(file=True))  # a restore, a new passphrase: the window's own act
    assert refreshed == ["members", "congress", "ballots"]
