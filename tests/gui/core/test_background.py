"""Background jobs: result, failure and cancellation reach the GUI thread exactly once."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from gui.core.background import BackgroundTask
from models.core.errors import Cancelled, ValidationError

_parents = []


def make_task(qtbot, job):
    parent = QWidget()
    qtbot.addWidget(parent)
    _parents.append(parent)  # the task lives as long as its parent widget
    return BackgroundTask(parent, "Thử", "Đang làm…", job, show_after_ms=0)


def test_result_and_progress(qtbot):
    seen_threads = []

    def job(progress):
        seen_threads.append(threading.current_thread())
        for i in range(5):
            progress(i + 1, 5)
        return 42

    task = make_task(qtbot, job)
    with qtbot.waitSignal(task.finished, timeout=5000) as blocker:
        task.start()
    assert blocker.args == [42]
    assert seen_threads[0] is not threading.main_thread()


def test_domain_error_is_reported_and_shown(qtbot, answers):
    def job(progress):
        raise ValidationError("Dòng 7, cột «Ngày sinh»: ngày 31/02/1980 không có thật.", "birth_date")

    task = make_task(qtbot, job)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        task.start()
    assert "31/02/1980" in blocker.args[0].message
    assert answers["error"] == [("Dòng 7, cột «Ngày sinh»: ngày 31/02/1980 không có thật.", "")]


def test_a_full_disk_is_shown_in_vietnamese_with_what_failed(qtbot, answers):
    import errno

    def job(progress):
        raise OSError(errno.ENOSPC, "No space left on device", "/media/usb/ds.xlsx")

    parent = QWidget()
    qtbot.addWidget(parent)
    _parents.append(parent)
    task = BackgroundTask(parent, "Thử", "Đang làm…", job, show_after_ms=0, failure_text="Không xuất được tệp Excel.")
    with qtbot.waitSignal(task.failed, timeout=5000):
        task.start()
    [(text, detail)] = answers["error"]
    assert text == "Không xuất được tệp Excel." and "ổ đĩa đã đầy" in detail and "No space" not in detail


def test_cancel_stops_the_job(qtbot):
    started = threading.Event()
    release = threading.Event()

    def job(progress):
        started.set()
        release.wait(5)
        if not progress(1, 10):
            raise Cancelled()
        return "done"

    task = make_task(qtbot, job)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.start()
        assert started.wait(5)
        task.dialog.canceled.emit()  # what the «Hủy» button does
        release.set()


def test_a_job_that_returned_reports_finished_even_if_cancel_came_late(qtbot):
    release = threading.Event()

    def job(progress):
        release.wait(5)
        return "saved"

    task = make_task(qtbot, job)
    with qtbot.waitSignal(task.finished, timeout=5000) as blocker:
        task.start()
        task.dialog.canceled.emit()
        release.set()
    assert blocker.args == ["saved"]
